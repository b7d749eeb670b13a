using Microsoft.Extensions.Logging;
using PersonalizedLearning.Diagnostics;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Tests.Records;

/// <summary><see cref="LearnerRecords.RebuildAsync"/> over the in-memory store: the failures, the log, what is kept.</summary>
public sealed class LearnerRecordsRebuildTests
{
    [Fact]
    public async Task Rebuild_ListsFailuresByLearner_LogsEachAndTheTotal_AndKeepsWhatItRebuilt()
    {
        var tenant = RecordsFixture.NewTenant();
        var inner = new InMemoryEvidenceStore();
        using (var wide = new LearnerRecords(RecordsFixture.Engine(catalog: RecordsFixture.Catalog(extra: true)), inner, new LearnerRecordsOptions { SnapshotInterval = 0 }))
        {
            await wide.RecordAsync(tenant, RecordsFixture.Extra("z1", "zed"));
            await wide.RecordAsync(tenant, RecordsFixture.Piece("b1", "bob"));
            await wide.RecordAsync(tenant, RecordsFixture.Extra("a1", "amy"));
        }

        var engine = RecordsFixture.Engine();
        var store = new RecordedStore(inner);
        var logger = new ListLogger<LearnerRecords>();
        using var records = new LearnerRecords(engine, store, new LearnerRecordsOptions { RebuildParallelism = 1 }, logger);

        var report = await records.RebuildAsync(tenant);
        store.Take();
        var bob = await records.GetStateAsync(tenant, "bob");

        (report.Learners, report.Rebuilt, report.UpToDate, report.Entries).Should().Be((3, 1, 0, 3L));
        report.Failures.Select(f => f.Learner.Value).Should().Equal("amy", "zed");
        var failed = $"Learner (hidden) of tenant {tenant} could not be folded by the rebuild (PersonalizedLearning.Activities.UnknownActivityException); the others went on. The rebuild's report holds the reason.";
        logger.Entries.Select(e => (e.Id.Id, e.Level)).Should().Equal(
            (PersonalizedLearningTelemetry.EventIds.RecordsRebuildLearnerFailed, LogLevel.Error),
            (PersonalizedLearningTelemetry.EventIds.RecordsRebuildLearnerFailed, LogLevel.Error),
            (PersonalizedLearningTelemetry.EventIds.RecordsRebuildFinished, LogLevel.Information));
        logger.Entries.Take(2).Select(e => e.Message).Should().Equal(failed, failed);
        logger.Entries.Last().Message.Should().StartWith($"Rebuild of tenant {tenant} finished: 3 learners, 1 rebuilt, 0 up to date, 2 failed, 3 log entries read, in ").And.EndWith(" s.");
        // bob's rebuilt state was kept: reading him reads only the log's tail after it.
        store.Take().Should().Equal("read bob after 1");
        bob.Should().Be(engine.Rebuild("bob", [RecordsFixture.Piece("b1", "bob")]));
    }
}
