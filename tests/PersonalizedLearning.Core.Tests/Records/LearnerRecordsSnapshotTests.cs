using Microsoft.Extensions.Logging;
using PersonalizedLearning.Diagnostics;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Records;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Records;

/// <summary>
/// <see cref="LearnerRecords"/>' snapshots over the in-memory store: when one is saved, how a learner is loaded from one
/// and the log's tail after it, and which are not used (another model's, another learner's, one that does not parse).
/// </summary>
public sealed class LearnerRecordsSnapshotTests
{
    [Fact]
    public async Task AFreshInstance_LoadsFromTheSnapshotAndTheTailAfterIt_ThenReadsOnlyTheTailOfWhatItKept()
    {
        var tenant = RecordsFixture.NewTenant();
        var engine = RecordsFixture.Engine();
        var inner = new InMemoryEvidenceStore();
        List<Evidence> Pieces(string learner, int count) =>
            [.. Enumerable.Range(1, count).Select(i => RecordsFixture.Piece($"{learner}{i}", learner, "ABCDE"[i - 1].ToString(), score: i / 6.0, minutes: i))];
        var (ana, bob, cy) = (Pieces("ana", 4), Pieces("bob", 3), Pieces("cy", 2));
        using (var writer = new LearnerRecords(engine, inner, new LearnerRecordsOptions { SnapshotInterval = 3 }))
        {
            await writer.RecordBatchAsync(tenant, "ana", ana.Take(3));
            await writer.RecordAsync(tenant, ana[3]);
            await writer.RecordBatchAsync(tenant, "bob", bob);
            await writer.RecordBatchAsync(tenant, "cy", cy);
        }

        var store = new RecordedStore(inner);
        using var reader = new LearnerRecords(engine, store);

        (await reader.GetStateAsync(tenant, "ana")).Should().Be(engine.Rebuild("ana", ana));
        (await reader.GetStateAsync(tenant, "ana")).Should().Be(engine.Rebuild("ana", ana));
        (await reader.GetStateAsync(tenant, "bob")).Should().Be(engine.Rebuild("bob", bob));
        (await reader.GetStateAsync(tenant, "cy")).Should().Be(engine.Rebuild("cy", cy));
        (await reader.GetStateAsync(tenant, "cy")).Should().Be(engine.Rebuild("cy", cy));

        // ana: the snapshot at 3 and the one entry after it, then the kept state's empty tail. bob: a snapshot at the
        // log's end, so an empty tail. cy: no snapshot, the whole log (2 entries, under the interval of 100: none saved).
        store.Take().Should().Equal(
            "load ana", "read ana after 3",
            "read ana after 4",
            "load bob", "read bob after 3",
            "load cy", "read cy after 0",
            "read cy after 2");
    }

    [Fact]
    public async Task ASnapshotWhoseLogWasErasedAndBegunAgainWhileItWasRead_IsNotUsed()
    {
        var tenant = RecordsFixture.NewTenant();
        var engine = RecordsFixture.Engine();
        var inner = new InMemoryEvidenceStore();
        using var other = new LearnerRecords(engine, inner, new LearnerRecordsOptions { SnapshotInterval = 1 });
        await other.RecordBatchAsync(tenant, "ana", [RecordsFixture.Piece("old1"), RecordsFixture.Piece("old2", competency: "B")]);
        Evidence[] fresh = [RecordsFixture.Piece("new1", competency: "C"), RecordsFixture.Piece("new2", competency: "D"), RecordsFixture.Piece("new3", competency: "E")];
        var once = 0;
        var store = new RecordedStore(inner)
        {
            // Between the reader's loading of the snapshot (at 2) and its reading of the tail: erased, and begun again
            // past that version.
            AfterLoadSnapshot = async () =>
            {
                if (Interlocked.Exchange(ref once, 1) == 0)
                {
                    await other.EraseAsync(tenant, "ana");
                    await other.RecordBatchAsync(tenant, "ana", fresh);
                }
            },
        };
        using var reader = new LearnerRecords(engine, store);

        var state = await reader.GetStateAsync(tenant, "ana");

        state.Should().Be(engine.Rebuild("ana", fresh));
        store.Take().Should().Equal("load ana", "read ana after 2", "read ana after 0", "save ana at 3");
    }

    [Fact]
    public async Task Snapshots_AreSavedEveryIntervalEntries_OnWritesAndWhenALongLogIsLoaded_AndNeverWithIntervalZero()
    {
        var tenant = RecordsFixture.NewTenant();
        var engine = RecordsFixture.Engine();
        var inner = new InMemoryEvidenceStore();
        var pieces = Enumerable.Range(1, 6).Select(i => RecordsFixture.Piece($"e{i}", "three", "ABCDE"[(i - 1) % 5].ToString(), minutes: i)).ToList();
        using (var none = new LearnerRecords(engine, inner, new LearnerRecordsOptions { SnapshotInterval = 0 }))
        {
            await none.RecordBatchAsync(tenant, "two", [RecordsFixture.Piece("t1", "two"), RecordsFixture.Piece("t2", "two", "B")]);
            await none.RecordBatchAsync(tenant, "three", pieces.Take(3));
        }

        using (var none = new LearnerRecords(engine, inner, new LearnerRecordsOptions { SnapshotInterval = 0 }))
        {
            (await none.GetStateAsync(tenant, "three")).EvidenceCount.Should().Be(3);
        }

        (await inner.LoadSnapshotAsync(tenant, "three")).Should().BeNull("interval 0 saves none, neither on a write nor on a load");
        var store = new RecordedStore(inner);
        using var records = new LearnerRecords(engine, store, new LearnerRecordsOptions { SnapshotInterval = 3 });

        await records.GetStateAsync(tenant, "two");
        var two = store.Take();
        await records.GetStateAsync(tenant, "three");
        var three = store.Take();
        await records.RecordAsync(tenant, pieces[3]);
        var fourth = store.Take();
        await records.RecordAsync(tenant, pieces[4]);
        var fifth = store.Take();
        await records.RecordAsync(tenant, pieces[5]);
        var sixth = store.Take();

        two.Should().Equal("load two", "read two after 0");
        three.Should().Equal("load three", "read three after 0", "save three at 3");
        fourth.Should().Equal("append three at 3: e4");
        fifth.Should().Equal("append three at 4: e5");
        sixth.Should().Equal("append three at 5: e6", "save three at 6");
        (await inner.LoadSnapshotAsync(tenant, "two")).Should().BeNull();
        (await inner.LoadSnapshotAsync(tenant, "three"))!.Version.Should().Be(6);
    }

    [Fact]
    public async Task ASnapshotOfAnotherLearnerOrThatDoesNotParse_IsRebuiltReplacedAndLogged_AnotherModelsQuietly()
    {
        var tenant = RecordsFixture.NewTenant();
        var engine = RecordsFixture.Engine();
        var inner = new InMemoryEvidenceStore();
        var (ana, bob, cy, dee, eve) = (
            new[] { RecordsFixture.Piece("a1", "ana", score: 0.2), RecordsFixture.Piece("a2", "ana", "B", 0.9, 5) },
            new[] { RecordsFixture.Piece("b1", "bob", score: 0.3), RecordsFixture.Piece("b2", "bob", "C", 0.6, 5) },
            new[] { RecordsFixture.Piece("c1", "cy", score: 0.9), RecordsFixture.Piece("c2", "cy", "D", 0.1, 5) },
            new[] { RecordsFixture.Piece("d1", "dee", score: 0.4) },
            new[] { RecordsFixture.Piece("e1", "eve", score: 0.7) });
        using (var latest = new LearnerRecords(RecordsFixture.Engine(RollupMasteryModel.Latest()), inner, new LearnerRecordsOptions { SnapshotInterval = 1 }))
        {
            await latest.RecordBatchAsync(tenant, "ana", ana);
        }

        using (var writer = new LearnerRecords(engine, inner, new LearnerRecordsOptions { SnapshotInterval = 1 }))
        {
            await writer.RecordBatchAsync(tenant, "bob", bob);
            await writer.RecordBatchAsync(tenant, "cy", cy);
            await writer.RecordBatchAsync(tenant, "dee", dee);
            await writer.RecordBatchAsync(tenant, "eve", eve);
        }

        // bob's snapshot holds cy's state, and dee's is not JSON; both with a checksum that matches, so that only the
        // document itself can tell.
        var cyDocument = (await inner.LoadSnapshotAsync(tenant, "cy"))!.State.Split('\n', 2)[1];
        var (bobLog, deeLog) = (await inner.ReadAsync(tenant, "bob"), await inner.ReadAsync(tenant, "dee"));
        var fingerprint = (await inner.LoadSnapshotAsync(tenant, "eve"))!.Fingerprint;
        await inner.SaveSnapshotAsync(tenant, "bob", new StateSnapshot(2, fingerprint, RecordsFixture.WithChecksum(cyDocument, 2, bobLog.Incarnation), bobLog.Incarnation));
        await inner.SaveSnapshotAsync(tenant, "dee", new StateSnapshot(1, fingerprint, RecordsFixture.WithChecksum("{ not json", 1, deeLog.Incarnation), deeLog.Incarnation));
        var logger = new ListLogger<LearnerRecords>();
        using var reader = new LearnerRecords(engine, inner, logger: logger);

        (await reader.GetStateAsync(tenant, "ana")).Should().Be(engine.Rebuild("ana", ana));
        (await reader.GetStateAsync(tenant, "bob")).Should().Be(engine.Rebuild("bob", bob));
        (await reader.GetStateAsync(tenant, "dee")).Should().Be(engine.Rebuild("dee", dee));
        (await reader.GetStateAsync(tenant, "eve")).Should().Be(engine.Rebuild("eve", eve));

        logger.Entries.Select(e => (e.Id.Id, e.Level, e.Message)).Should().Equal(
            (PersonalizedLearningTelemetry.EventIds.RecordsSnapshotUnusable, LogLevel.Warning, $"The snapshot of learner (hidden) of tenant {tenant} at version 2 carries this engine's fingerprint but could not be used (damaged or edited); the learner was rebuilt from the log and the snapshot replaced."),
            (PersonalizedLearningTelemetry.EventIds.RecordsSnapshotUnusable, LogLevel.Warning, $"The snapshot of learner (hidden) of tenant {tenant} at version 1 carries this engine's fingerprint but could not be used (damaged or edited); the learner was rebuilt from the log and the snapshot replaced."));
        var anaLog = await inner.ReadAsync(tenant, "ana");
        (await inner.LoadSnapshotAsync(tenant, "ana")).Should().Be(new StateSnapshot(2, fingerprint, RecordsFixture.WithChecksum(PersonalizedLearningJson.Serialize(engine.Rebuild("ana", ana)), 2, anaLog.Incarnation), anaLog.Incarnation));
        (await inner.LoadSnapshotAsync(tenant, "bob"))!.State.Should().Be(RecordsFixture.WithChecksum(PersonalizedLearningJson.Serialize(engine.Rebuild("bob", bob)), 2, bobLog.Incarnation));
        (await inner.LoadSnapshotAsync(tenant, "dee"))!.State.Should().Be(RecordsFixture.WithChecksum(PersonalizedLearningJson.Serialize(engine.Rebuild("dee", dee)), 1, deeLog.Incarnation));
    }
}
