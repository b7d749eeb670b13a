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
        private long _count;
        private long _atFirstRead = -1;

        public Watch(IServiceProvider services, string name)
        {
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

        // Called just before the container reads the options for one of its services: the first call is the baseline.
        public void Reading() => Interlocked.CompareExchange(ref _atFirstRead, Count, -1);

        public void Dispose()
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }

        private void OnChange()
        {
            Interlocked.Increment(ref _count);
            Changed?.Invoke();
        }
    }
}
