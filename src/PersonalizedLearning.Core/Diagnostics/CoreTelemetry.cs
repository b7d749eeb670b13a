using System.Diagnostics;
using System.Diagnostics.Metrics;
using PersonalizedLearning.Observations;
using static PersonalizedLearning.Diagnostics.PersonalizedLearningTelemetry;

namespace PersonalizedLearning.Diagnostics;

/// <summary>
/// The core package's activity source, meter and instruments. Static and read-only, as System.Diagnostics intends: a
/// listener subscribes by name, process-wide; with none, <see cref="ActivitySource.HasListeners"/> and
/// <see cref="Instrument.Enabled"/> are false and callers skip the measuring (no clock read, no tag, no allocation).
/// </summary>
internal static class CoreTelemetry
{
    // Buckets in seconds (OpenTelemetry's defaults are for milliseconds, and every recommendation would fall in the first).
    private static readonly double[] FastBuckets = [0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25];
    private static readonly double[] SlowBuckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900];
    private static readonly double[] IoBuckets = [0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public static readonly ActivitySource Source = new(CoreName, Version);

    public static readonly Meter Meter = new(CoreName, Version);

    public static readonly Counter<long> EvidenceRecorded = Meter.CreateCounter<long>(Metrics.EvidenceRecorded, "{evidence}", "Pieces of evidence in engine and LearnerRecords calls that folded them.");

    public static readonly Counter<long> EvidenceRejected = Meter.CreateCounter<long>(Metrics.EvidenceRejected, "{evidence}", "Pieces of evidence in engine and LearnerRecords calls that refused them, by reason.");

    public static readonly Histogram<double> RecommendationDuration = Meter.CreateHistogram(Metrics.RecommendationDuration, "s", "How long RecommendNext took.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = FastBuckets });

    public static readonly Histogram<double> BktFitDuration = Meter.CreateHistogram(Metrics.BktFitDuration, "s", "How long a BKT fit took.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SlowBuckets });

    public static readonly Histogram<int> BktFitIterations = Meter.CreateHistogram(Metrics.BktFitIterations, "{iteration}", "EM iterations of each competency's best start in a BKT fit.", advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] });

    public static readonly Histogram<double> ImportDuration = Meter.CreateHistogram(Metrics.ImportDuration, "s", "How long an import took.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SlowBuckets });

    public static readonly Counter<long> ImportItems = Meter.CreateCounter<long>(Metrics.ImportItems, "{item}", "Items an import read.");

    public static readonly Counter<long> ImportProblems = Meter.CreateCounter<long>(Metrics.ImportProblems, "{problem}", "Problems an import reported.");

    public static readonly Histogram<double> RecordsOperationDuration = Meter.CreateHistogram(Metrics.RecordsOperationDuration, "s", "How long a LearnerRecords call took.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = IoBuckets });

    public static readonly Counter<long> RecordsAppended = Meter.CreateCounter<long>(Metrics.RecordsAppended, "{entry}", "Log entries LearnerRecords appended to its store.");

    public static readonly Counter<long> RecordsConflicts = Meter.CreateCounter<long>(Metrics.RecordsConflicts, "{conflict}", "Appends of LearnerRecords that met another writer's append.");

    // The package version (MinVer's informational version, e.g. 1.2.0-alpha.0.5+sha), not the assembly version, which is
    // major.0.0.0 and read 0.0.0.0 before the first release.
    private static string? Version => System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(CoreTelemetry).Assembly)?.InformationalVersion;

    /// <summary>Whether a recommendation is measured: a span or the duration has a listener.</summary>
    public static bool ObservesRecommendations => RecommendationDuration.Enabled || Source.HasListeners();

    /// <summary>Counts refused evidence by reason; never catches (an exception filter that returns false), so the stack
    /// and the exception are the caller's as they were.</summary>
    public static bool Rejected(Exception exception, int pieces)
    {
        if (EvidenceRejected.Enabled && pieces > 0)
        {
            EvidenceRejected.Add(pieces, new KeyValuePair<string, object?>(Attributes.RejectionReason, ReasonOf(exception)));
        }

        return false;
    }

    /// <summary>The rejection reason of an exception the engine throws for evidence.</summary>
    public static string ReasonOf(Exception exception) => exception switch
    {
        EvidenceConflictException => RejectionReasons.Conflict,
        ArgumentOutOfRangeException { ActualValue: DateTimeOffset } => RejectionReasons.FutureTimestamp,
        _ => RejectionReasons.Invalid,
    };

    /// <summary>Records an exception on a span the way OpenTelemetry asks: status Error, <c>error.type</c> the
    /// exception's type. The message is left out: the engine's messages may show evidence content.</summary>
    public static void Fail(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error);
        activity.SetTag(Attributes.ErrorType, exception.GetType().FullName);
    }

    public static string SnakeCase(string pascal)
    {
        var builder = new System.Text.StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
