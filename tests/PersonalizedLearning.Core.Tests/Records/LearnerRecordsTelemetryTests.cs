using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using PersonalizedLearning.Diagnostics;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;
using static PersonalizedLearning.Diagnostics.PersonalizedLearningTelemetry;

namespace PersonalizedLearning.Tests.Records;

/// <summary>
/// What a host's tracing, metrics and logs see of <see cref="LearnerRecords"/>: a span and a timing per call, appends,
/// conflicts, evidence recorded and refused, each counted once. The tests listen to the process-wide sources, so they run
/// alone (<see cref="TelemetryTestGroup"/>).
/// </summary>
[Collection(TelemetryTestGroup.Name)]
public sealed class LearnerRecordsTelemetryTests
{
    private const string Record = Spans.RecordsPrefix + RecordsOperations.Record;

    [Fact]
    public async Task EveryCall_IsASpanAndATiming_WritesAndRefusalsAreCountedOnce_AndConflictsAndRefusalsAreLogged()
    {
        var tenant = RecordsFixture.NewTenant();
        var empty = RecordsFixture.NewTenant();
        var engine = RecordsFixture.Engine(includeLearnerIds: true);
        var store = new InMemoryEvidenceStore();
        var logger = new ListLogger<LearnerRecords>();
        using var first = new LearnerRecords(engine, store, logger: logger);
        using var second = new LearnerRecords(engine, store);
        using (var wide = new LearnerRecords(RecordsFixture.Engine(catalog: RecordsFixture.Catalog(extra: true)), store))
        {
            await wide.RecordAsync(tenant, RecordsFixture.Extra("g1", "ghost"));
        }

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        using var recorder = new TelemetryRecorder();

        await first.RecordBatchAsync(tenant, "ana", [RecordsFixture.Piece("e1"), RecordsFixture.Piece("e2", competency: "B")]);
        await second.RecordAsync(tenant, RecordsFixture.Piece("e3", competency: "C"));
        await first.RecordAsync(tenant, RecordsFixture.Piece("e3", competency: "C")); // expects 2, finds 3: a conflict, and e3 is there already
        await first.SupersedeAsync(tenant, "e1", RecordsFixture.Piece("e1b", score: 0.9));
        await first.RetractAsync(tenant, "ana", ["e2"]);
        await first.RecordBatchAsync(tenant, "ana", []);
        await FluentActions.Awaiting(async () => await first.RecordAsync(tenant, RecordsFixture.Piece("e3", competency: "C", score: 0.1))).Should().ThrowExactlyAsync<EvidenceConflictException>();
        await FluentActions.Awaiting(async () => await first.RecordAsync(tenant, Evidence.ForCompetency("ahead", "ana", "A", EvidenceOutcome.FromScore(0.5), RecordsFixture.Now.AddDays(3)))).Should().ThrowExactlyAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(async () => await first.RecordBatchAsync(tenant, "ghost", [])).Should().ThrowExactlyAsync<PersonalizedLearning.Activities.UnknownActivityException>();
        await FluentActions.Awaiting(async () => await first.RetractAsync(tenant, "ana", [default])).Should().ThrowExactlyAsync<ArgumentException>();
        await first.RecommendNextAsync(tenant, "ana", 1);
        await FluentActions.Awaiting(async () => await first.RecommendNextAsync(tenant, "ana", 0)).Should().ThrowExactlyAsync<ArgumentOutOfRangeException>();
        await first.EraseAsync(tenant, "nobody");
        var erase = (await FluentActions.Awaiting(async () => await first.EraseAsync(tenant, "nobody", cancelled.Token)).Should().ThrowAsync<OperationCanceledException>()).Which;
        await first.RebuildAsync(empty);
        var rebuild = (await FluentActions.Awaiting(async () => await first.RebuildAsync(empty, cancellationToken: cancelled.Token)).Should().ThrowAsync<OperationCanceledException>()).Which;
        // An empty id is refused before any span starts.
        await FluentActions.Awaiting(async () => await first.RecordAsync(default, RecordsFixture.Piece("e9"))).Should().ThrowExactlyAsync<ArgumentException>();
        await FluentActions.Awaiting(async () => await first.RecommendNextAsync(default, "ana")).Should().ThrowExactlyAsync<ArgumentException>();
        await FluentActions.Awaiting(async () => await first.EraseAsync(default, "ana")).Should().ThrowExactlyAsync<ArgumentException>();
        await FluentActions.Awaiting(async () => await first.RebuildAsync(default)).Should().ThrowExactlyAsync<ArgumentException>();

        var records = recorder.Spans.Where(s => s.OperationName.StartsWith(Spans.RecordsPrefix, StringComparison.Ordinal)).ToList();
        records.Select(s => (s.OperationName[Spans.RecordsPrefix.Length..], s.Status, s.GetTagItem(Attributes.ErrorType))).Should().Equal(
            (RecordsOperations.Record, ActivityStatusCode.Unset, null),
            (RecordsOperations.Record, ActivityStatusCode.Unset, null),
            (RecordsOperations.Record, ActivityStatusCode.Unset, null),
            (RecordsOperations.Supersede, ActivityStatusCode.Unset, null),
            (RecordsOperations.Retract, ActivityStatusCode.Unset, null),
            (RecordsOperations.Record, ActivityStatusCode.Unset, null),
            (RecordsOperations.Record, ActivityStatusCode.Error, typeof(EvidenceConflictException).FullName),
            (RecordsOperations.Record, ActivityStatusCode.Error, typeof(ArgumentOutOfRangeException).FullName),
            (RecordsOperations.Record, ActivityStatusCode.Error, typeof(PersonalizedLearning.Activities.UnknownActivityException).FullName),
            (RecordsOperations.Retract, ActivityStatusCode.Error, typeof(ArgumentException).FullName),
            (RecordsOperations.Recommend, ActivityStatusCode.Unset, null),
            (RecordsOperations.Recommend, ActivityStatusCode.Error, typeof(ArgumentOutOfRangeException).FullName),
            (RecordsOperations.Erase, ActivityStatusCode.Unset, null),
            (RecordsOperations.Erase, ActivityStatusCode.Error, erase.GetType().FullName),
            (RecordsOperations.Rebuild, ActivityStatusCode.Unset, null),
            (RecordsOperations.Rebuild, ActivityStatusCode.Error, rebuild.GetType().FullName));
        records.Should().OnlyContain(s => (string?)s.GetTagItem(Attributes.TenantId) == (s.OperationName.EndsWith(RecordsOperations.Rebuild, StringComparison.Ordinal) ? empty : tenant).Value);
        records.Select(s => s.GetTagItem(Attributes.LearnerId)).Should().Equal("ana", "ana", "ana", "ana", "ana", "ana", "ana", "ana", "ghost", "ana", "ana", "ana", "nobody", "nobody", null, null);
        records.Select(s => s.GetTagItem(Attributes.EvidenceCount)).Should().Equal(2, 1, 1, 1, 1, 0, 1, 1, 0, 1, null, null, null, null, null, null);
        // e3 sent again after the conflict was there already: 0 written, and tagged so.
        records.Select(s => s.GetTagItem(Attributes.EntriesWritten)).Should().Equal(2, 1, 0, 2, 1, null, null, null, null, null, null, null, null, null, null, null);
        records.Select(s => s.GetTagItem(Attributes.Conflict)).Should().Equal(new object?[] { null, null, true, null, null, null, null, null, null, null, null, null, null, null, null, null });
        records.Select(s => s.GetTagItem(Attributes.RejectionReason)).Should().Equal(new object?[] { null, null, null, null, null, null, RejectionReasons.Conflict, RejectionReasons.FutureTimestamp, RejectionReasons.Invalid, null, null, null, null, null, null, null });

        // Recorded: each call's pieces once (the engine does not count them again), retractions not; refused: the two
        // refused pieces, and nothing for the ghost's empty batch. Appended: what was written, never a 0.
        recorder.Measurements.Where(m => m.Instrument == Metrics.EvidenceRecorded).Select(m => m.Value).Should().Equal(2, 1, 1, 1);
        recorder.Measurements.Where(m => m.Instrument == Metrics.EvidenceRejected).Select(m => (m.Value, m.Tags.Single(t => t.Key == Attributes.RejectionReason).Value))
            .Should().Equal((1, RejectionReasons.Conflict), (1, RejectionReasons.FutureTimestamp));
        recorder.Measurements.Where(m => m.Instrument == Metrics.RecordsAppended).Select(m => m.Value).Should().Equal(2, 1, 2, 1);
        recorder.Sum(Metrics.RecordsConflicts).Should().Be(1);
        recorder.Count(Metrics.RecordsConflicts).Should().Be(1);
        var timings = recorder.Measurements.Where(m => m.Instrument == Metrics.RecordsOperationDuration).ToList();
        timings.Select(m => (m.Tags.Single(t => t.Key == Attributes.RecordsOperation).Value, m.Tags.SingleOrDefault(t => t.Key == Attributes.ErrorType).Value))
            .Should().Equal(records.Select(s => ((object?)s.OperationName[Spans.RecordsPrefix.Length..], s.GetTagItem(Attributes.ErrorType))));
        timings.Should().OnlyContain(m => m.Value >= 0);

        logger.Entries.Select(e => (e.Id.Id, e.Level)).Should().Equal(
            (EventIds.RecordsWriteConflict, LogLevel.Information),
            (EventIds.RecordsEvidenceRejected, LogLevel.Warning),
            (EventIds.RecordsEvidenceRejected, LogLevel.Warning),
            (EventIds.RecordsEvidenceRejected, LogLevel.Warning),
            (EventIds.RecordsRebuildFinished, LogLevel.Information));
        logger.Entries.Select(e => e.Message).Should().StartWith(
        [
            $"Learner ana of tenant {tenant}: another writer appended first (the log was at version 3, not 2); 1 entries were appended at the end and the log's tail folded.",
            $"Refused 1 pieces of evidence for learner ana of tenant {tenant} (conflict, {typeof(EvidenceConflictException).FullName}); nothing was written.",
            $"Refused 1 pieces of evidence for learner ana of tenant {tenant} (future_timestamp, System.ArgumentOutOfRangeException); nothing was written.",
            $"Refused 0 pieces of evidence for learner ghost of tenant {tenant} (invalid, {typeof(PersonalizedLearning.Activities.UnknownActivityException).FullName}); nothing was written.",
        ]);
        logger.Entries.Last().Message.Should().StartWith($"Rebuild of tenant {empty} finished: 0 learners, 0 rebuilt, 0 up to date, 0 failed, 0 log entries read, in ");
    }

    [Fact]
    public async Task ASpanListenerAlone_GetsTheSpans_WithoutTheTimings()
    {
        var spans = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CoreName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => spans.Add(a.OperationName),
        };
        ActivitySource.AddActivityListener(listener);
        using var records = new LearnerRecords(RecordsFixture.Engine(), new InMemoryEvidenceStore());

        await records.RecordAsync(RecordsFixture.NewTenant(), RecordsFixture.Piece("e1"));

        spans.Should().Contain(Record);
    }

    [Fact]
    public async Task AMeterListenerAlone_GetsTheTimings_WithoutSpans()
    {
        var timings = new List<double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CoreName && instrument.Name == Metrics.RecordsOperationDuration)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => timings.Add(value));
        listener.Start();
        using var records = new LearnerRecords(RecordsFixture.Engine(), new InMemoryEvidenceStore());

        await records.RecordAsync(RecordsFixture.NewTenant(), RecordsFixture.Piece("e1"));

        timings.Should().ContainSingle();
    }
}
