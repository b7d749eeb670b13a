using System.Diagnostics.Metrics;
using PersonalizedLearning.Diagnostics;
using static PersonalizedLearning.Diagnostics.PersonalizedLearningTelemetry;

namespace PersonalizedLearning.Tests.Diagnostics;

/// <summary>An import's measurements: taken when any one of its instruments (or its span) is listened to, skipped, with
/// the counting, when nobody listens, and never a zero count. Run alone (<see cref="TelemetryTestGroup"/>).</summary>
[Collection(TelemetryTestGroup.Name)]
public class ImportTelemetryTests
{
    [Fact]
    public void Run_IsMeasured_WhenOnlyTheItemsOrOnlyTheProblemsAreListenedTo()
    {
        foreach (var only in new Instrument[] { CoreTelemetry.ImportItems, CoreTelemetry.ImportProblems })
        {
            var measured = new List<(string Instrument, long Value)>();
            using var listener = ListenTo(only, measured);

            ImportTelemetry.Observed.Should().BeTrue($"{only.Name} alone is listened to");
            ImportTelemetry.Run(ImportFormats.Case, () => 7, n => (n, 3, null)).Should().Be(7);

            measured.Should().Equal(only == CoreTelemetry.ImportItems ? (Metrics.ImportItems, 7L) : (Metrics.ImportProblems, 3L));
        }
    }

    [Fact]
    public async Task Run_WhenNobodyListens_ReadsWithoutCounting()
    {
        // The counts of a result may cost a pass over it: not paid while nobody listens.
        ImportTelemetry.Observed.Should().BeFalse();
        Func<int, (int, int, IReadOnlyList<PersonalizedLearning.Interop.Xapi.XapiRejection>?)> counts = _ => throw new InvalidOperationException("counted while nobody listens");

        ImportTelemetry.Run(ImportFormats.Case, () => 7, counts).Should().Be(7);
        (await ImportTelemetry.RunAsync(ImportFormats.Xapi, () => Task.FromResult(8), counts)).Should().Be(8);
    }

    [Fact]
    public void End_WithNoItemsAndNoProblems_RecordsTheDurationOnly()
    {
        using var recorder = new TelemetryRecorder();

        ImportTelemetry.Run(ImportFormats.Case, () => 0, _ => (0, 0, null));

        recorder.Count(Metrics.ImportDuration, (Attributes.ImportFormat, ImportFormats.Case)).Should().Be(1);
        recorder.Count(Metrics.ImportItems).Should().Be(0, "a zero count is no measurement");
        recorder.Count(Metrics.ImportProblems).Should().Be(0);
        recorder.Named(Spans.Import).Should().ContainSingle().Which.GetTagItem(Attributes.ImportItemCount).Should().Be(0);
    }

    [Fact]
    public async Task RunAsync_DoesNotResumeOnTheCallersContext_ListenedToOrNot()
    {
        // A library awaits with ConfigureAwait(false): a caller blocking on a single-threaded context (a UI, old ASP.NET)
        // must not deadlock, and no continuation is posted to it.
        foreach (var observed in new[] { false, true })
        {
            using var recorder = observed ? new TelemetryRecorder() : null;
            var context = new CountingContext();
            var read = new TaskCompletionSource<int>();
            var previous = SynchronizationContext.Current;
            Task<int> run;
            SynchronizationContext.SetSynchronizationContext(context);
            try
            {
                run = ImportTelemetry.RunAsync(ImportFormats.Xapi, () => read.Task, n => (n, 0, null));
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(previous);
            }

            read.SetResult(5);
            (await run).Should().Be(5);
            context.Posts.Should().Be(0, observed ? "listened to" : "nobody listening");
        }
    }

    private static MeterListener ListenTo(Instrument only, List<(string, long)> measured)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument, only))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, value, _, _) => measured.Add((i.Name, value)));
        listener.Start();
        return listener;
    }

    private sealed class CountingContext : SynchronizationContext
    {
        private int _posts;

        public int Posts => Volatile.Read(ref _posts);

        public override void Post(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref _posts);
            base.Post(d, state);
        }
    }
}
