using System.Diagnostics;
using System.Diagnostics.Metrics;
using PersonalizedLearning.Records;
using static PersonalizedLearning.Diagnostics.PersonalizedLearningTelemetry;

namespace PersonalizedLearning.Storage;

/// <summary>
/// A store's activity source, meter and append instruments, named after its package
/// (<c>PersonalizedLearningTelemetry.SqliteName</c>, <c>PostgreSqlName</c>). Compiled into each storage package
/// (src/Shared), as <see cref="SharedMigration"/> is. With nobody listening, an append is not wrapped at all.
/// </summary>
internal sealed class StoreTelemetry
{
    private static readonly double[] AppendBuckets = [0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly KeyValuePair<string, object?> _system;

    public StoreTelemetry(string name, string system)
    {
        var version = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(StoreTelemetry).Assembly)?.InformationalVersion;
        Source = new ActivitySource(name, version);
        Meter = new Meter(name, version);
        _system = new(Attributes.DbSystemName, system);
        AppendDuration = Meter.CreateHistogram(Metrics.StoreAppendDuration, "s", "How long a store's append took.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AppendBuckets });
        Appended = Meter.CreateCounter<long>(Metrics.StoreAppended, "{entry}", "Log entries a store wrote.");
        Conflicts = Meter.CreateCounter<long>(Metrics.StoreConflicts, "{conflict}", "Appends a store refused because the log had moved past the expected version.");
    }

    public ActivitySource Source { get; }

    public Meter Meter { get; }

    public Histogram<double> AppendDuration { get; }

    public Counter<long> Appended { get; }

    public Counter<long> Conflicts { get; }

    /// <summary>Whether an append is observed: a span or an instrument has a listener.</summary>
    public bool Observed => AppendDuration.Enabled || Appended.Enabled || Conflicts.Enabled || Source.HasListeners();

    /// <summary>Runs an append inside a span (a child of the caller's, such as the records' write), timing it and counting
    /// what it wrote or the conflict it met. A listener that throws never changes the append's outcome: the store's own
    /// exception (a conflict the records recover from) or its result reaches the caller whatever the listeners do.</summary>
    public async ValueTask<EvidenceLogAppend> AppendAsync(int entries, Func<ValueTask<EvidenceLogAppend>> append)
    {
        var started = Stopwatch.GetTimestamp();
        var activity = Quietly(() => Source.StartActivity(Spans.StoreAppend));
        EvidenceLogAppend result;
        try
        {
            result = await append().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Quietly(() =>
            {
                if (e is EvidenceLogConcurrencyException)
                {
                    Conflicts.Add(1, _system);
                }

                activity?.SetTag(_system.Key, _system.Value);
                activity?.SetTag(Attributes.EvidenceCount, entries);
                activity?.SetStatus(ActivityStatusCode.Error);
                activity?.SetTag(Attributes.ErrorType, e.GetType().FullName);
                AppendDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _system, new(Attributes.ErrorType, e.GetType().FullName));
                activity?.Dispose();
                return 0;
            });
            throw;
        }

        Quietly(() =>
        {
            activity?.SetTag(_system.Key, _system.Value);
            activity?.SetTag(Attributes.EvidenceCount, entries);
            activity?.SetTag(Attributes.EntriesWritten, result.Written);
            if (result.Written > 0)
            {
                Appended.Add(result.Written, _system);
            }

            AppendDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _system);
            activity?.Dispose();
            return 0;
        });
        return result;
    }

    // Runs a piece of measuring; an exception a listener throws is dropped, since a write already done (or refused) must
    // not look otherwise to its caller because of a listener.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A listener's exception must not change a store write's outcome.")]
    private static T? Quietly<T>(Func<T> measure)
    {
        try
        {
            return measure();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return default;
        }
    }
}
