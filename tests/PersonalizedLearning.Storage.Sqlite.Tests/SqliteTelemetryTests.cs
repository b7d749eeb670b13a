using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Diagnostics;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;
using PersonalizedLearning.Tests;
using static PersonalizedLearning.Diagnostics.PersonalizedLearningTelemetry;

namespace PersonalizedLearning.Storage.Sqlite.Tests;

/// <summary>The SQLite store's spans, counters and logs, in a flow with a forced conflict; run alone
/// (<see cref="TelemetryTestGroup"/>), so no other test's appends mix in.</summary>
[Collection(TelemetryTestGroup.Name)]
public sealed class SqliteTelemetryTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 9, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly string _path = TemporaryDatabase.NewPath("pl-sqlite-telemetry");

    public void Dispose() => TemporaryDatabase.Delete(_path);

    [Fact]
    public async Task AListenerThatThrows_DoesNotChangeAWrite_TheConflictIsStillRecovered_AndEveryPieceStored()
    {
        // A fresh review's case: a metrics listener that threw while the store counted a conflict replaced the conflict
        // exception, so the records skipped their recovery and the write was lost.
        var framework = new CompetencyFrameworkBuilder("f").AddCompetency("A", "Alpha").Build();
        var catalog = new ActivityCatalogBuilder(framework).Add(new LearningActivity("a-check", "Check", Activities.ActivityKind.Assessment, 10, [new("A")])).Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.DecayingAverage(0.65));
        using var store = new SqliteEvidenceStore(new SqliteEvidenceStoreOptions { ConnectionString = $"Data Source={_path}" });
        using var first = new LearnerRecords(engine, store);
        using var second = new LearnerRecords(engine, store);
        var tenant = new TenantId("district-7");
        Evidence Piece(string id) => Evidence.ForActivity(id, "ana", "a-check", EvidenceOutcome.Correct, Start);
        using var meters = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SqliteName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((_, _, _, _) => throw new InvalidOperationException("a broken exporter"));
        meters.SetMeasurementEventCallback<double>((_, _, _, _) => throw new InvalidOperationException("a broken exporter"));
        meters.Start();
        using var spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SqliteName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => throw new InvalidOperationException("a broken exporter"),
        };
        ActivitySource.AddActivityListener(spans);

        await first.RecordAsync(tenant, Piece("e1"));
        await second.RecordAsync(tenant, Piece("e2"));
        await first.RecordBatchAsync(tenant, "ana", [Piece("e3"), Piece("e4")]); // meets the second writer's append

        var stored = await store.ReadAsync(tenant, "ana", 0);
        stored.Entries.Should().HaveCount(4, "the conflict was recovered and nothing was lost");
    }

    [Fact]
    public async Task Appends_AreChildSpansOfTheRecords_WithEntriesAndConflictsCounted_AndTheSchemaAndConflictLogged()
    {
        var framework = new CompetencyFrameworkBuilder("f").AddCompetency("A", "Alpha").Build();
        var catalog = new ActivityCatalogBuilder(framework).Add(new LearningActivity("a-check", "Check", Activities.ActivityKind.Assessment, 10, [new("A")])).Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.DecayingAverage(0.65));
        var logger = new ListLogger<SqliteEvidenceStore>();
        using var store = new SqliteEvidenceStore(new SqliteEvidenceStoreOptions { ConnectionString = $"Data Source={_path}" }, logger);
        using var first = new LearnerRecords(engine, store);
        using var second = new LearnerRecords(engine, store);
        var tenant = new TenantId("district-7");
        Evidence Piece(string id) => Evidence.ForActivity(id, "ana", "a-check", EvidenceOutcome.Correct, Start);
        using var recorder = new TelemetryRecorder();

        await first.RecordAsync(tenant, Piece("e1"));
        await second.RecordAsync(tenant, Piece("e2"));
        await first.RecordBatchAsync(tenant, "ana", [Piece("e3"), Piece("e4")]); // expects version 1, the log is at 2
        await FluentActions.Awaiting(async () => await store.AppendAsync(tenant, "ana", 0, [EvidenceLogEntry.Recorded(Piece("e5"))]))
            .Should().ThrowAsync<EvidenceLogConcurrencyException>();

        var sqlite = (Attributes.DbSystemName, (object?)"sqlite");
        recorder.Sum(Metrics.StoreAppended, sqlite).Should().Be(4);
        recorder.Sum(Metrics.StoreConflicts, sqlite).Should().Be(2, "the records' append that met the second writer's, and the one forced here");
        recorder.Count(Metrics.StoreAppendDuration, sqlite).Should().Be(5);
        recorder.Count(Metrics.StoreAppendDuration, sqlite, (Attributes.ErrorType, typeof(EvidenceLogConcurrencyException).FullName)).Should().Be(2);
        recorder.Sum(Metrics.RecordsConflicts).Should().Be(1);
        recorder.Sum(Metrics.RecordsAppended).Should().Be(4);

        var appends = recorder.Named(Spans.StoreAppend);
        appends.Should().HaveCount(5).And.OnlyContain(s => s.Source.Name == SqliteName && (string?)s.GetTagItem(Attributes.DbSystemName) == "sqlite");
        appends.Select(s => s.GetTagItem(Attributes.EntriesWritten)).Should().Equal(new object?[] { 1, 1, null, 2, null });
        appends.Select(s => s.Status).Should().Equal(ActivityStatusCode.Unset, ActivityStatusCode.Unset, ActivityStatusCode.Error, ActivityStatusCode.Unset, ActivityStatusCode.Error);
        var writes = recorder.Named(Spans.RecordsPrefix + RecordsOperations.Record);
        writes.Should().HaveCount(3);
        appends.Take(4).Select(a => a.ParentSpanId).Should().Equal(writes[0].SpanId, writes[1].SpanId, writes[2].SpanId, writes[2].SpanId);
        appends[4].ParentSpanId.Should().Be(default(ActivitySpanId), "an append called directly has no parent");

        logger.Entries.Select(e => (e.Id.Id, e.Level)).Should().Equal(
            (EventIds.SqliteSchemaCreated, LogLevel.Information),
            (EventIds.SqliteAppendConflict, LogLevel.Debug),
            (EventIds.SqliteAppendConflict, LogLevel.Debug));
        logger.Entries.First().Message.Should().Be($"Created the SQLite evidence store's schema (version 1) in {_path}.");
        logger.Entries.Last().Message.Should().Be("Refused an append for a learner of tenant district-7: the log is at version 4, not the expected 0 (another writer appended first).");
        logger.Entries.Should().NotContain(e => e.Message.Contains("ana", StringComparison.Ordinal), "the store's logs name no learner");
    }
}
