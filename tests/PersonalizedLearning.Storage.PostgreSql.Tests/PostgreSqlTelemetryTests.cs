using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;
using PersonalizedLearning.Tests;
using static PersonalizedLearning.Diagnostics.PersonalizedLearningTelemetry;

namespace PersonalizedLearning.Storage.PostgreSql.Tests;

/// <summary>The PostgreSQL store's spans, counters and logs on a schema of its own; run alone
/// (<see cref="TelemetryTestGroup"/>), so no other test's appends mix in.</summary>
[Collection(TelemetryTestGroup.Name)]
public sealed class PostgreSqlTelemetryTests
{
    [SkippableFact]
    public async Task Appends_AreSpansWithEntriesAndConflictsCounted_AndTheSchemaAndConflictLogged()
    {
        var schema = $"pl_telemetry_{Guid.NewGuid():N}";
        var logger = new ListLogger<PostgreSqlEvidenceStore>();
        await using var store = new PostgreSqlEvidenceStore(new PostgreSqlEvidenceStoreOptions { ConnectionString = Server.ConnectionString, Schema = schema }, logger);
        var tenant = new TenantId("district-7");
        EvidenceLogEntry Piece(string id) => EvidenceLogEntry.Recorded(Evidence.ForCompetency(id, "ana", "A", EvidenceOutcome.Correct, new DateTimeOffset(2026, 9, 7, 9, 0, 0, TimeSpan.Zero)));
        using var recorder = new TelemetryRecorder();

        (await store.AppendAsync(tenant, "ana", 0, [Piece("e1"), Piece("e2")])).Written.Should().Be(2);
        (await store.AppendAsync(tenant, "ana", null, [Piece("e2"), Piece("e3")])).Written.Should().Be(1, "e2 is in the log already");
        await FluentActions.Awaiting(async () => await store.AppendAsync(tenant, "ana", 1, [Piece("e4")])).Should().ThrowAsync<EvidenceLogConcurrencyException>();

        var postgresql = (Attributes.DbSystemName, (object?)"postgresql");
        recorder.Sum(Metrics.StoreAppended, postgresql).Should().Be(3);
        recorder.Sum(Metrics.StoreConflicts, postgresql).Should().Be(1);
        recorder.Count(Metrics.StoreAppendDuration, postgresql).Should().Be(3);
        recorder.Count(Metrics.StoreAppendDuration, postgresql, (Attributes.ErrorType, typeof(EvidenceLogConcurrencyException).FullName)).Should().Be(1);
        var appends = recorder.Named(Spans.StoreAppend);
        appends.Should().HaveCount(3).And.OnlyContain(s => s.Source.Name == PostgreSqlName);
        appends.Select(s => s.GetTagItem(Attributes.EntriesWritten)).Should().Equal(new object?[] { 2, 1, null });
        appends.Select(s => s.Status).Should().Equal(ActivityStatusCode.Unset, ActivityStatusCode.Unset, ActivityStatusCode.Error);
        logger.Entries.Select(e => (e.Id.Id, e.Level)).Should().Equal(
            (EventIds.PostgreSqlSchemaCreated, LogLevel.Information),
            (EventIds.PostgreSqlAppendConflict, LogLevel.Debug));
        logger.Entries.First().Message.Should().Be($"Created the PostgreSQL evidence store's schema {schema} (version 1).");
        logger.Entries.Last().Message.Should().Be("Refused an append for a learner of tenant district-7: the log is at version 3, not the expected 1 (another writer appended first).");
    }
}
