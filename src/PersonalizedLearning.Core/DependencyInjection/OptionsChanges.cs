using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace PersonalizedLearning.DependencyInjection;

// The changes of each name's PersonalizedLearningOptions, counted from the moment the container first read them (for its
// own catalog, engine and mapper, generation 1 of the provider) or the provider of that name was built, whichever came
// first. A provider built after such a change, or first asked after it, then knows that generation 1 was built under
// older options, wherever it was resolved from. One listener per name, on the sources IOptionsMonitor listens to.
internal sealed class OptionsChanges(IServiceProvider services) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Watch>> _watches = new(StringComparer.Ordinal);

    // The watch of one name (Options.DefaultName for the unkeyed registration), listening from its first call on.
    public Watch For(string name) => _watches.GetOrAdd(name, n => new Lazy<Watch>(() => new Watch(services, n), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    public void Dispose()
    {
        foreach (var watch in _watches.Values)
        {
            if (watch.IsValueCreated)
            {
                watch.Value.Dispose();
            }
        }
    }

    internal sealed class Watch : IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];
        private readonly IOptionsMonitorCache<PersonalizedLearningOptions>? _cache;
        private readonly string _name;
        private readonly Lock _reading = new();
        private PersonalizedLearningOptions? _firstRead;
        private long _count;
        private long _atFirstRead = -1;

        public Watch(IServiceProvider services, string name)
        {
            _name = name;
            _cache = services.GetService<IOptionsMonitorCache<PersonalizedLearningOptions>>();
            foreach (var source in services.GetServices<IOptionsChangeTokenSource<PersonalizedLearningOptions>>())
            {
                if (string.Equals(source.Name ?? Options.DefaultName, name, StringComparison.Ordinal))
                {
                    _subscriptions.Add(ChangeToken.OnChange(source.GetChangeToken, OnChange));
                }
            }
        }

        // Raised after each change is counted, on the thread that fired the change token.
        public event Action? Changed;

        // How many changes there have been since this watch was made.
        public long Count => Interlocked.Read(ref _count);

        // How many there had been when the container first read these options for its own services; null if it has not.
        public long? AtFirstRead => Interlocked.Read(ref _atFirstRead) is var at and >= 0 ? at : null;

        // The options the container builds its own services of this name from: read once (by read, the monitor), at the
        // first successful call, and the same instance for every service after, so that generation 1 is one read of the
        // options, not one per service (a change between two services' first resolution would mix them); the count of
        // changes before that read is the baseline. A read that throws (options invalid then) is not kept.
        public PersonalizedLearningOptions Read(Func<PersonalizedLearningOptions> read)
        {
            if (Volatile.Read(ref _firstRead) is { } kept)
            {
                return kept;
            }

            lock (_reading)
            {
                if (_firstRead is { } raced)
                {
                    return raced;
                }

                var count = Count;
                var options = read();
                Interlocked.Exchange(ref _atFirstRead, count);
                Volatile.Write(ref _firstRead, options);
                return options;
            }
        }

        public void Dispose()
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }

        private void OnChange()
        {
            // The monitor's cached options go first (its own callback may run after this one), so that no read after the
            // count moved can still get the options from before the change: a first read then is counted past the
            // change and built from it, or counted before it and takes it as a reload.
            _cache?.TryRemove(_name);
            Interlocked.Increment(ref _count);
            Changed?.Invoke();
        }
    }
}
