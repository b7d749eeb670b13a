using System.Diagnostics;
using System.Diagnostics.Metrics;
using PersonalizedLearning.Diagnostics;
using static PersonalizedLearning.Diagnostics.PersonalizedLearningTelemetry;

namespace PersonalizedLearning.Tests.Diagnostics;

/// <summary>
/// The core package's instruments as an exporter sees them (name, unit, description, bucket advice), and the guards that
/// keep measuring off while nobody listens. Listeners are process-wide, so these run alone (<see cref="TelemetryTestGroup"/>).
/// </summary>
[Collection(TelemetryTestGroup.Name)]
public class CoreTelemetryTests
{
    [Fact]
    public void Instruments_HaveTheDocumentedUnitsDescriptionsAndBuckets()
    {
        // Units as docs/articles/telemetry.md lists them; descriptions as an exporter prints them (the article's sample
        // output shows two of them); durations in seconds, with buckets for the range each one lives in.
        Instrument[] all =
        [
            CoreTelemetry.EvidenceRecorded, CoreTelemetry.EvidenceRejected, CoreTelemetry.RecommendationDuration,
            CoreTelemetry.BktFitDuration, CoreTelemetry.BktFitIterations, CoreTelemetry.ImportDuration,
            CoreTelemetry.ImportItems, CoreTelemetry.ImportProblems, CoreTelemetry.RecordsOperationDuration,
            CoreTelemetry.RecordsAppended, CoreTelemetry.RecordsConflicts,
        ];

        all.Should().OnlyContain(i => i.Meter.Name == CoreName);
        all.Select(i => (i.Name, i.Unit, i.Description)).Should().Equal(
            (Metrics.EvidenceRecorded, "{evidence}", "Pieces of evidence in engine and LearnerRecords calls that folded them."),
            (Metrics.EvidenceRejected, "{evidence}", "Pieces of evidence in engine and LearnerRecords calls that refused them, by reason."),
            (Metrics.RecommendationDuration, "s", "How long RecommendNext took."),
            (Metrics.BktFitDuration, "s", "How long a BKT fit took."),
            (Metrics.BktFitIterations, "{iteration}", "EM iterations of each competency's best start in a BKT fit."),
            (Metrics.ImportDuration, "s", "How long an import took."),
            (Metrics.ImportItems, "{item}", "Items an import read."),
            (Metrics.ImportProblems, "{problem}", "Problems an import reported."),
            (Metrics.RecordsOperationDuration, "s", "How long a LearnerRecords call took."),
            (Metrics.RecordsAppended, "{entry}", "Log entries LearnerRecords appended to its store."),
            (Metrics.RecordsConflicts, "{conflict}", "Appends of LearnerRecords that met another writer's append."));

        double[] slow = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900];
        CoreTelemetry.RecommendationDuration.Advice!.HistogramBucketBoundaries.Should().Equal(
            0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25);
        CoreTelemetry.BktFitDuration.Advice!.HistogramBucketBoundaries.Should().Equal(slow);
        CoreTelemetry.ImportDuration.Advice!.HistogramBucketBoundaries.Should().Equal(slow);
        CoreTelemetry.BktFitIterations.Advice!.HistogramBucketBoundaries.Should().Equal(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000);
        CoreTelemetry.RecordsOperationDuration.Advice!.HistogramBucketBoundaries.Should().Equal(
            0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);
    }

    [Fact]
    public void ObservesRecommendations_WhenOnlyTheDurationIsListenedTo()
    {
        // A host that exports metrics but no traces: no span listener, yet the duration must be measured.
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument, CoreTelemetry.RecommendationDuration))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.Start();

        CoreTelemetry.Source.HasListeners().Should().BeFalse();
        CoreTelemetry.RecommendationDuration.Enabled.Should().BeTrue();
        CoreTelemetry.ObservesRecommendations.Should().BeTrue();
    }

    [Fact]
    public void Rejected_CountsPiecesByReason_NothingForNoPiece_AndNeverCatches()
    {
        using var recorder = new TelemetryRecorder();

        // An exception filter that returns false: the exception goes on to the caller as it was.
        var thrown = new ArgumentException("bad");
        var act = () =>
        {
            try
            {
                throw thrown;
            }
            catch (Exception e) when (CoreTelemetry.Rejected(e, 3))
            {
            }
        };
        act.Should().Throw<ArgumentException>().Which.Should().BeSameAs(thrown);
        CoreTelemetry.Rejected(new ArgumentOutOfRangeException("at", TestData.Start, "late"), 0).Should().BeFalse();

        // Three pieces refused as invalid; the call with no piece adds no measurement, not even a zero.
        recorder.Measurements.Where(m => m.Instrument == Metrics.EvidenceRejected)
            .Select(m => (m.Value, m.Tags.Single().Key, m.Tags.Single().Value))
            .Should().Equal((3d, Attributes.RejectionReason, (object?)RejectionReasons.Invalid));
    }

    [Fact]
    public void Fail_WithoutASpan_DoesNothing()
    {
        // Nobody listened, so no span was started: nothing to mark, and no NullReferenceException in the caller's catch.
        FluentActions.Invoking(() => CoreTelemetry.Fail(null, new InvalidOperationException())).Should().NotThrow();
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("A", "a")]
    [InlineData("Abc", "abc")]
    [InlineData("UnknownActivity", "unknown_activity")]
    public void SnakeCase_PutsAnUnderscoreBeforeEachCapitalButTheFirst_ShortNamesToo(string pascal, string expected)
    {
        CoreTelemetry.SnakeCase(pascal).Should().Be(expected);
    }
}
