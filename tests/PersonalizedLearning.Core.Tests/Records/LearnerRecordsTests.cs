using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using Microsoft.Extensions.Time.Testing;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Tests.Records;

/// <summary>
/// <see cref="LearnerRecords"/> over the in-memory store: arguments, the kept states, what a write asks of the store,
/// erasure, the fingerprint and the messages for evidence dated after the clock. Snapshots are in
/// <see cref="LearnerRecordsSnapshotTests"/>, rebuilds in <see cref="LearnerRecordsRebuildTests"/>, telemetry in
/// <see cref="LearnerRecordsTelemetryTests"/>, the caller's context in <see cref="LearnerRecordsContextTests"/>.
/// </summary>
public sealed class LearnerRecordsTests
{
    [Fact]
    public void Constructor_NullEngineOrStore_ThrowsArgumentNullNamingIt()
    {
        var store = new InMemoryEvidenceStore();

        FluentActions.Invoking(() => new LearnerRecords(null!, store)).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("engine");
        FluentActions.Invoking(() => new LearnerRecords(RecordsFixture.Engine(), null!)).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("store");
    }

    [Fact]
    public async Task NullArguments_AreRefusedNamingThem_BeforeTheStoreIsAskedOrAnythingLogged()
    {
        var tenant = RecordsFixture.NewTenant();
        var store = new RecordedStore(new InMemoryEvidenceStore());
        var logger = new ListLogger<LearnerRecords>();
        using var records = new LearnerRecords(RecordsFixture.Engine(), store, logger: logger);

        (await FluentActions.Awaiting(async () => await records.RecordAsync(tenant, null!)).Should().ThrowExactlyAsync<ArgumentNullException>()).Which.ParamName.Should().Be("evidence");
        (await FluentActions.Awaiting(async () => await records.RecordBatchAsync(tenant, "ana", null!)).Should().ThrowExactlyAsync<ArgumentNullException>()).Which.ParamName.Should().Be("evidence");
        (await FluentActions.Awaiting(async () => await records.RecordBatchAsync(tenant, "ana", [RecordsFixture.Piece("e1"), null!])).Should().ThrowExactlyAsync<ArgumentNullException>()).Which.ParamName.Should().Be("evidence");
        (await FluentActions.Awaiting(async () => await records.RetractAsync(tenant, "ana", null!)).Should().ThrowExactlyAsync<ArgumentNullException>()).Which.ParamName.Should().Be("ids");
        (await FluentActions.Awaiting(async () => await records.SupersedeAsync(tenant, "e1", null!)).Should().ThrowExactlyAsync<ArgumentNullException>()).Which.ParamName.Should().Be("replacement");

        store.Take().Should().BeEmpty();
        logger.Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task EmptyIds_AreRefusedNamingThem_BeforeTheStoreIsAsked()
    {
        var store = new RecordedStore(new InMemoryEvidenceStore());
        var logger = new ListLogger<LearnerRecords>();
        using var records = new LearnerRecords(RecordsFixture.Engine(), store, logger: logger);
        var tenant = RecordsFixture.NewTenant();
        const string NoTenant = "A tenant id is required; got the default (empty) id. (Parameter 'tenant')";

        (await FluentActions.Awaiting(async () => await records.GetStateAsync(default, "ana")).Should().ThrowExactlyAsync<ArgumentException>()).Which.Message.Should().Be(NoTenant);
        (await FluentActions.Awaiting(async () => await records.GetStateAsync(tenant, default)).Should().ThrowExactlyAsync<ArgumentException>()).Which.Message.Should().Be("A learner id is required; got the default (empty) id. (Parameter 'learner')");
        (await FluentActions.Awaiting(async () => await records.RecordAsync(default, RecordsFixture.Piece("e1"))).Should().ThrowExactlyAsync<ArgumentException>()).Which.Message.Should().Be(NoTenant);
        (await FluentActions.Awaiting(async () => await records.EraseAsync(default, "ana")).Should().ThrowExactlyAsync<ArgumentException>()).Which.Message.Should().Be(NoTenant);
        (await FluentActions.Awaiting(async () => await records.RebuildAsync(default)).Should().ThrowExactlyAsync<ArgumentException>()).Which.Message.Should().Be(NoTenant);

        store.Take().Should().BeEmpty("nothing reaches the store, which a host's own store may not check");
        logger.Entries.Should().BeEmpty("an empty id is a caller's mistake, not refused evidence");
    }

    [Fact]
    public void ToString_ShowsTheStoreTheFingerprintAndTheOptions()
    {
        using var records = new LearnerRecords(RecordsFixture.Engine(), new InMemoryEvidenceStore(), new LearnerRecordsOptions { SnapshotInterval = 7, CachedLearners = 12, AssumeSingleWriter = true });

        records.ToString().Should().Be($"LearnerRecords {{ Store = InMemoryEvidenceStore, Fingerprint = {records.Fingerprint}, SnapshotInterval = 7, CachedLearners = 12, AssumeSingleWriter = True }}");
    }

    [Fact]
    public async Task Dispose_DropsTheKeptStates_AndTheRecordsAreNotUsedAfter()
    {
        var tenant = RecordsFixture.NewTenant();
        var records = new LearnerRecords(RecordsFixture.Engine(), new InMemoryEvidenceStore());
        await records.RecordAsync(tenant, RecordsFixture.Piece("e1"));

        records.Dispose();

        await FluentActions.Awaiting(async () => await records.GetStateAsync(tenant, "ana")).Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public async Task CachedLearnersZero_KeepsNothing_SoASingleWritersReadsStillSeeAnotherWriter()
    {
        var tenant = RecordsFixture.NewTenant();
        var store = new InMemoryEvidenceStore();
        using var owner = new LearnerRecords(RecordsFixture.Engine(), store, new LearnerRecordsOptions { CachedLearners = 0, AssumeSingleWriter = true });
        using var intruder = new LearnerRecords(RecordsFixture.Engine(), store);

        (await owner.RecordAsync(tenant, RecordsFixture.Piece("e1"))).EvidenceCount.Should().Be(1);
        await intruder.RecordAsync(tenant, RecordsFixture.Piece("e2", competency: "B"));

        (await owner.GetStateAsync(tenant, "ana")).EvidenceCount.Should().Be(2, "nothing was kept, so the log is loaded");
    }

    [Fact]
    public async Task CachedLearners_IsALimit_ALearnerPastItIsNotKept()
    {
        var tenant = RecordsFixture.NewTenant();
        var store = new InMemoryEvidenceStore();
        using var owner = new LearnerRecords(RecordsFixture.Engine(), store, new LearnerRecordsOptions { CachedLearners = 1, AssumeSingleWriter = true });
        using var intruder = new LearnerRecords(RecordsFixture.Engine(), store);
        await intruder.RecordAsync(tenant, RecordsFixture.Piece("b1", learner: "bob"));
        await owner.GetStateAsync(tenant, "ana");

        var before = await owner.GetStateAsync(tenant, "bob");
        await intruder.RecordAsync(tenant, RecordsFixture.Piece("b2", learner: "bob", competency: "B"));
        var after = await owner.GetStateAsync(tenant, "bob");

        // ana fills the one place; bob's state was not kept, so his log is loaded again (a kept one would be trusted).
        before.EvidenceCount.Should().Be(1);
        after.EvidenceCount.Should().Be(2);
    }

    [Fact]
    public async Task Writes_AskTheStoreOnlyWhatTheyNeed_AndAKeptStateReadsOnlyTheTailAfterIt()
    {
        var tenant = RecordsFixture.NewTenant();
        var engine = RecordsFixture.Engine();
        var inner = new InMemoryEvidenceStore();
        var store = new RecordedStore(inner);
        using var records = new LearnerRecords(engine, store, new LearnerRecordsOptions { SnapshotInterval = 3 });
        using var other = new LearnerRecords(engine, inner);
        var pieces = Enumerable.Range(1, 4).Select(i => RecordsFixture.Piece($"e{i}", competency: "ABCD"[i - 1].ToString(), score: i / 5.0, minutes: i)).ToList();

        await records.RecordAsync(tenant, pieces[0]);
        var first = store.Take();
        await records.RecordAsync(tenant, pieces[1]);
        var second = store.Take();
        var third = await records.RecordAsync(tenant, pieces[2]);
        var thirdCalls = store.Take();
        var read = await records.GetStateAsync(tenant, "ana");
        var readCalls = store.Take();
        await other.RecordAsync(tenant, pieces[3]);
        var caught = await records.GetStateAsync(tenant, "ana");
        var caughtCalls = store.Take();
        await records.GetStateAsync(tenant, "ana");
        var againCalls = store.Take();

        // A new learner: no snapshot, an empty log, and an append at version 0; nothing is read after it.
        first.Should().Equal("load ana", "read ana after 0", "append ana at 0: e1");
        // Kept: the append expects the kept version, and its answer is the state folded, without reading the log again.
        second.Should().Equal("append ana at 1: e2");
        thirdCalls.Should().Equal("append ana at 2: e3", "save ana at 3");
        third.Should().Be(engine.Rebuild("ana", pieces.Take(3)));
        // A read of a kept state reads the log's tail after it: empty, then the other writer's e4, then empty again.
        readCalls.Should().Equal("read ana after 3");
        read.Should().Be(third);
        caughtCalls.Should().Equal("read ana after 3");
        caught.Should().Be(engine.Rebuild("ana", pieces));
        againCalls.Should().Equal("read ana after 4");
    }

    [Fact]
    public async Task RecordingEvidenceAlreadyInTheLog_AppendsNothing_AndEvidenceRetractedBeforeItArrived_IsNotWritten()
    {
        var tenant = RecordsFixture.NewTenant();
        var engine = RecordsFixture.Engine();
        var inner = new InMemoryEvidenceStore();
        var store = new RecordedStore(inner);
        using var records = new LearnerRecords(engine, store);
        await records.RecordBatchAsync(tenant, "ana", [RecordsFixture.Piece("e1"), RecordsFixture.Piece("e2", competency: "B")]);
        await records.RetractAsync(tenant, "ana", ["late"]);
        store.Take();

        var again = await records.RecordBatchAsync(tenant, "ana", [RecordsFixture.Piece("e2", competency: "B"), RecordsFixture.Piece("e1")]);
        var againCalls = store.Take();
        var late = await records.RecordAsync(tenant, RecordsFixture.Piece("late", competency: "C"));
        var lateCalls = store.Take();

        // Nothing new: the log's tail is read (another writer may have moved it on), and nothing is appended.
        againCalls.Should().Equal("read ana after 3");
        again.EvidenceCount.Should().Be(2);
        lateCalls.Should().Equal("read ana after 3");
        late.EvidenceCount.Should().Be(2);
        late.RetractedEvidence.Should().Equal(new EvidenceId("late"));
        (await inner.ReadAsync(tenant, "ana")).Entries.Select(e => (e.Kind, e.Id.Value)).Should().Equal(
            (EvidenceLogEntryKind.Recorded, "e1"), (EvidenceLogEntryKind.Recorded, "e2"), (EvidenceLogEntryKind.Retracted, "late"));
    }

    [Fact]
    public async Task AWriteThroughAStateKeptBeforeAnErasure_WhenTheNewLogReachedTheSameVersion_FoldsTheNewLogOnly()
    {
        var tenant = RecordsFixture.NewTenant();
        var engine = RecordsFixture.Engine();
        var store = new InMemoryEvidenceStore();
        using var keeper = new LearnerRecords(engine, store);
        using var eraser = new LearnerRecords(engine, store);
        await keeper.RecordBatchAsync(tenant, "ana", [RecordsFixture.Piece("old1"), RecordsFixture.Piece("old2", competency: "B")]);
        await eraser.EraseAsync(tenant, "ana");
        await eraser.RecordBatchAsync(tenant, "ana", [RecordsFixture.Piece("new1", competency: "C"), RecordsFixture.Piece("new2", competency: "D")]);

        // The keeper's append expects version 2, which the new log has: it is written there, under another incarnation.
        var written = await keeper.RecordAsync(tenant, RecordsFixture.Piece("new3", competency: "E"));

        written.Evidence.Select(e => e.Id.Value).Should().BeEquivalentTo(["new1", "new2", "new3"]);
        written.Should().Be(engine.Rebuild("ana", [RecordsFixture.Piece("new1", competency: "C"), RecordsFixture.Piece("new2", competency: "D"), RecordsFixture.Piece("new3", competency: "E")]));
        (await keeper.GetStateAsync(tenant, "ana")).Should().Be(written);
    }

    [Fact]
    public async Task ARead_WhileTheLearnerIsBeingErased_DoesNotKeepTheErasedState()
    {
        var tenant = RecordsFixture.NewTenant();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new RecordedStore(new InMemoryEvidenceStore()) { BeforeErase = () => gate.Task };
        using var records = new LearnerRecords(RecordsFixture.Engine(), store, new LearnerRecordsOptions { AssumeSingleWriter = true });
        await records.RecordBatchAsync(tenant, "ana", [RecordsFixture.Piece("e1"), RecordsFixture.Piece("e2", competency: "B")]);

        var erasing = records.EraseAsync(tenant, "ana").AsTask();
        var during = await records.GetStateAsync(tenant, "ana");
        gate.SetResult();
        var report = await erasing;

        during.EvidenceCount.Should().Be(2, "the log was not erased yet");
        report.Should().Be(new ErasureReport(2, 0, 1));
        (await records.GetStateAsync(tenant, "ana")).EvidenceCount.Should().Be(0, "what the read kept was dropped when the erasure ended");
    }

    [Fact]
    public async Task AStateKeptFromAnErasedLog_IsNeverServed_EvenWhenTheNewLogCannotBeFolded()
    {
        var tenant = RecordsFixture.NewTenant();
        var store = new InMemoryEvidenceStore();
        using var owner = new LearnerRecords(RecordsFixture.Engine(), store, new LearnerRecordsOptions { AssumeSingleWriter = true });
        using var wide = new LearnerRecords(RecordsFixture.Engine(catalog: RecordsFixture.Catalog(extra: true)), store);
        await owner.RecordAsync(tenant, RecordsFixture.Piece("old1"));
        await wide.EraseAsync(tenant, "ana");
        await wide.RecordAsync(tenant, RecordsFixture.Extra("x1", "ana"));

        // The owner's append expects version 1, which the new log has, so it is written there; the new log is then loaded
        // whole, and this catalog cannot fold it. The state kept from the erased log must not be left behind to be served.
        var write = () => owner.RecordAsync(tenant, RecordsFixture.Piece("e2", competency: "B")).AsTask();
        var read = () => owner.GetStateAsync(tenant, "ana").AsTask();

        await write.Should().ThrowExactlyAsync<UnknownActivityException>();
        (await read.Should().ThrowExactlyAsync<UnknownActivityException>()).Which.ParamName.Should().Be("log");
    }

    [Fact]
    public async Task ALogThisCatalogCannotFold_IsRefusedNamingTheLog_WhenLoadedAndWhenCaughtUp()
    {
        var tenant = RecordsFixture.NewTenant();
        var store = new InMemoryEvidenceStore();
        using var wide = new LearnerRecords(RecordsFixture.Engine(catalog: RecordsFixture.Catalog(extra: true)), store);
        using var narrow = new LearnerRecords(RecordsFixture.Engine(), store);
        await wide.RecordAsync(tenant, RecordsFixture.Extra("x1", "ana"));
        await wide.RecordAsync(tenant, RecordsFixture.Piece("b1", learner: "bob"));
        (await narrow.GetStateAsync(tenant, "bob")).EvidenceCount.Should().Be(1);
        await wide.RecordAsync(tenant, RecordsFixture.Extra("x2", "bob"));

        var loaded = (await FluentActions.Awaiting(async () => await narrow.GetStateAsync(tenant, "ana")).Should().ThrowExactlyAsync<UnknownActivityException>()).Which;
        var caught = (await FluentActions.Awaiting(async () => await narrow.GetStateAsync(tenant, "bob")).Should().ThrowExactlyAsync<UnknownActivityException>()).Which;

        (loaded.Activity.Value, loaded.ParamName).Should().Be(("z-extra", "log"));
        (caught.Activity.Value, caught.ParamName).Should().Be(("z-extra", "log"));
    }

    [Fact]
    public async Task ALogWithARetraction_LoadedWhole_LeavesTheRetractedEvidenceOut()
    {
        var tenant = RecordsFixture.NewTenant();
        var engine = RecordsFixture.Engine();
        var store = new InMemoryEvidenceStore();
        using (var writer = new LearnerRecords(engine, store, new LearnerRecordsOptions { SnapshotInterval = 0 }))
        {
            await writer.RecordBatchAsync(tenant, "ana", [RecordsFixture.Piece("e1", score: 0.2), RecordsFixture.Piece("e2", score: 0.9, minutes: 5)]);
            await writer.RetractAsync(tenant, "ana", ["e1"]);
        }

        using var reader = new LearnerRecords(engine, store);
        var state = await reader.GetStateAsync(tenant, "ana");

        state.Evidence.Select(e => e.Id.Value).Should().Equal("e2");
        state.RetractedEvidence.Should().Equal(new EvidenceId("e1"));
        state.Should().Be(engine.Rebuild("ana", [RecordsFixture.Piece("e1", score: 0.2), RecordsFixture.Piece("e2", score: 0.9, minutes: 5)], ["e1"]));
    }

    [Fact]
    public async Task EvidenceDatedAfterTheClock_IsNamedInTheMessage_OrTheStoredEvidenceIsBlamed_WithoutShowingWhen()
    {
        var tenant = RecordsFixture.NewTenant();
        var store = new InMemoryEvidenceStore();
        using var strict = new LearnerRecords(RecordsFixture.Engine(), store);
        var now = RecordsFixture.Now;
        // Exactly at the margin (one day ahead) is accepted by the engine; a minute past it is not.
        var atMargin = Evidence.ForCompetency("at-margin", "ana", "A", EvidenceOutcome.FromScore(0.5), now.AddDays(1));
        var past = Evidence.ForCompetency("past", "ana", "B", EvidenceOutcome.FromScore(0.5), now.AddDays(1).AddMinutes(1));

        var named = (await FluentActions.Awaiting(async () => await strict.RecordBatchAsync(tenant, "ana", [atMargin, past])).Should().ThrowExactlyAsync<ArgumentOutOfRangeException>()).Which;

        named.Message.Should().Be("Evidence 'past' is dated after the engine's clock by more than its MaximumFutureSkew (1.00:00:00): a clock, unit or time-zone mistake. Nothing was written. (Parameter 'evidence')");
        named.ActualValue.Should().BeNull();

        // Stored by a host with a wider margin: what this host then refuses is the stored evidence, not the new piece.
        using (var lenient = new LearnerRecords(RecordsFixture.Engine(skew: TimeSpan.FromDays(7)), store))
        {
            await lenient.RecordAsync(tenant, Evidence.ForCompetency("ahead", "ana", "A", EvidenceOutcome.FromScore(0.5), now.AddDays(3)));
        }

        const string Stored = "The learner's stored evidence is dated after the engine's clock by more than its MaximumFutureSkew (another host accepted it with another clock or a wider margin). Nothing was written. (Parameter 'state')";
        (await FluentActions.Awaiting(async () => await strict.AssessAsync(tenant, "ana")).Should().ThrowExactlyAsync<ArgumentOutOfRangeException>()).Which.Message.Should().Be(Stored);
        (await FluentActions.Awaiting(async () => await strict.RecordAsync(tenant, RecordsFixture.Piece("e1"))).Should().ThrowExactlyAsync<ArgumentOutOfRangeException>()).Which.Message.Should().Be(Stored);
        (await store.ReadAsync(tenant, "ana")).Version.Should().Be(1);
    }

    [Fact]
    public void Fingerprint_IsTheModelsNameAndAHashOfEveryActivityField()
    {
        var framework = TestData.Diamond();
        string Of(params LearningActivity[] activities)
        {
            var builder = new ActivityCatalogBuilder(framework);
            foreach (var activity in activities)
            {
                builder.Add(activity);
            }

            using var records = new LearnerRecords(new PersonalizedLearningEngine(builder.Build(), RollupMasteryModel.DecayingAverage(0.65)), new InMemoryEvidenceStore());
            return records.Fingerprint;
        }

        LearningActivity Activity(string id = "a-practice", ActivityKind kind = ActivityKind.Practice, double? difficulty = 0.3, string competency = "A", double weight = 1)
            => new(id, "Practice", kind, 10, [new(competency, weight)], difficulty: difficulty);

        var fingerprint = Of(Activity(), Activity("b-practice", competency: "B"));

        fingerprint.Should().MatchRegex(@"^decaying-average\(0\.65\) \| catalog [0-9a-f]{16}$");
        Of(Activity(), Activity("b-practice", competency: "B")).Should().Be(fingerprint, "the same catalog built again");
        new[]
        {
            Of(Activity("a-drill"), Activity("b-practice", competency: "B")),
            Of(Activity(kind: ActivityKind.Assessment), Activity("b-practice", competency: "B")),
            Of(Activity(difficulty: 0.7), Activity("b-practice", competency: "B")),
            Of(Activity(difficulty: null), Activity("b-practice", competency: "B")),
            Of(Activity(competency: "C"), Activity("b-practice", competency: "B")),
            Of(Activity(weight: 0.5), Activity("b-practice", competency: "B")),
        }.Should().OnlyHaveUniqueItems().And.NotContain(fingerprint);
    }
}

/// <summary>The engine, catalog and evidence these tests share.</summary>
internal static class RecordsFixture
{
    public static readonly DateTimeOffset Now = TestData.Start.AddHours(1);

    public static TenantId NewTenant() => new($"tenant-{Guid.NewGuid():N}");

    /// <summary>The diamond's catalog (a lesson, a practice and a checkpoint per competency), with a practice
    /// "z-extra" on A when <paramref name="extra"/>.</summary>
    public static ActivityCatalog Catalog(bool extra = false)
    {
        var framework = TestData.Diamond();
        var builder = new ActivityCatalogBuilder(framework);
        foreach (var activity in TestData.CatalogFor(framework).Activities)
        {
            builder.Add(activity);
        }

        if (extra)
        {
            builder.Add(new LearningActivity("z-extra", "Extra", ActivityKind.Practice, 10, [new("A")]));
        }

        return builder.Build();
    }

    public static PersonalizedLearningEngine Engine(IMasteryModel? model = null, ActivityCatalog? catalog = null, TimeSpan? skew = null, bool includeLearnerIds = false) =>
        new(catalog ?? Catalog(), model ?? RollupMasteryModel.DecayingAverage(0.65), timeProvider: new FakeTimeProvider(Now))
        {
            MaximumFutureSkew = skew ?? PersonalizedLearningEngine.DefaultMaximumFutureSkew,
            IncludeLearnerIdsInTelemetry = includeLearnerIds,
        };

    public static Evidence Piece(string id, string learner = "ana", string competency = "A", double score = 0.8, int minutes = 0) =>
        Evidence.ForCompetency(id, learner, competency, EvidenceOutcome.FromScore(score), TestData.Start.AddMinutes(minutes));

    /// <summary>Evidence on the activity only <see cref="Catalog"/>(extra: true) has.</summary>
    public static Evidence Extra(string id, string learner) =>
        Evidence.ForActivity(id, learner, "z-extra", EvidenceOutcome.FromScore(0.5), TestData.Start);

    /// <summary>A snapshot's text as the records write it: the checksum line (SHA-256 over the version and the
    /// incarnation, little-endian, and the document's UTF-16), then the document.</summary>
    public static string WithChecksum(string json, long version, long incarnation)
    {
        var bytes = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes, version);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), incarnation);
        var hash = System.Security.Cryptography.SHA256.HashData([.. bytes, .. System.Text.Encoding.Unicode.GetBytes(json)]);
        return $"sha256:{Convert.ToHexStringLower(hash)}\n{json}";
    }
}

/// <summary>
/// The in-memory store behind a record of each call (in order, by learner and position), with a hook before an erasure;
/// with <see cref="AnswersLater"/>, every call completes later on a thread-pool thread whose synchronization context is a
/// new <see cref="CountingContext"/>, so that an await that resumes on a captured context is counted in <see cref="Posts"/>.
/// </summary>
internal sealed class RecordedStore(IEvidenceStore inner) : IEvidenceStore
{
    private int _posts;

    public ConcurrentQueue<string> Calls { get; } = new();

    public Func<Task>? BeforeErase { get; init; }

    public Func<Task>? AfterLoadSnapshot { get; init; }

    public bool AnswersLater { get; init; }

    public int Posts => Volatile.Read(ref _posts);

    public List<string> Take()
    {
        var taken = new List<string>();
        while (Calls.TryDequeue(out var call))
        {
            taken.Add(call);
        }

        return taken;
    }

    public CountingContext NewContext() => new(this);

    public ValueTask<EvidenceLogAppend> AppendAsync(TenantId tenant, LearnerId learner, long? expectedVersion, IReadOnlyList<EvidenceLogEntry> entries, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"append {learner} at {(expectedVersion is { } at ? at.ToString(CultureInfo.InvariantCulture) : "end")}: {string.Join(", ", entries.Select(e => e.Id.Value))}");
        return Answer(() => inner.AppendAsync(tenant, learner, expectedVersion, entries, cancellationToken));
    }

    public ValueTask<EvidenceLogRead> ReadAsync(TenantId tenant, LearnerId learner, long after = 0, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"read {learner} after {after}");
        return Answer(() => inner.ReadAsync(tenant, learner, after, cancellationToken));
    }

    public ValueTask<bool> SaveSnapshotAsync(TenantId tenant, LearnerId learner, StateSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"save {learner} at {snapshot.Version}");
        return Answer(() => inner.SaveSnapshotAsync(tenant, learner, snapshot, cancellationToken));
    }

    public ValueTask<StateSnapshot?> LoadSnapshotAsync(TenantId tenant, LearnerId learner, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"load {learner}");
        var loading = Answer(() => inner.LoadSnapshotAsync(tenant, learner, cancellationToken));
        return AfterLoadSnapshot is { } hook ? ThenAsync(loading, hook) : loading;

        static async ValueTask<T> ThenAsync<T>(ValueTask<T> first, Func<Task> then)
        {
            var result = await first.ConfigureAwait(false);
            await then().ConfigureAwait(false);
            return result;
        }
    }

    public async ValueTask<ErasureReport> EraseAsync(TenantId tenant, LearnerId learner, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue($"erase {learner}");
        if (BeforeErase is { } hook)
        {
            await hook().ConfigureAwait(false);
        }

        return await Answer(() => inner.EraseAsync(tenant, learner, cancellationToken)).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<StoredLearner> ListLearnersAsync(TenantId tenant, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Listed at once even with AnswersLater: Parallel.ForEachAsync, which reads it, awaits on the context it finds.
        Calls.Enqueue("list");
        await foreach (var learner in inner.ListLearnersAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            yield return learner;
        }
    }

    private ValueTask<T> Answer<T>(Func<ValueTask<T>> call) => AnswersLater ? new ValueTask<T>(new Later<T>(call, this), 0) : call();

    /// <summary>A caller's context (a UI thread's, say) that counts what is sent back to it.</summary>
    internal sealed class CountingContext(RecordedStore store) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref store._posts);
            ThreadPool.QueueUserWorkItem(_ => d(state));
        }
    }

    // Pending until awaited; then the store is asked on a thread-pool thread under a new context, and the awaiter resumed
    // there (or posted to the context it captured, which is never that new one).
    private sealed class Later<T>(Func<ValueTask<T>> call, RecordedStore store) : IValueTaskSource<T>
    {
        private ManualResetValueTaskSourceCore<T> _core;

        public T GetResult(short token) => _core.GetResult(token);

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        {
            _core.OnCompleted(continuation, state, token, flags);
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                SynchronizationContext.SetSynchronizationContext(store.NewContext());
                try
                {
                    T result;
                    try
                    {
                        result = call().AsTask().GetAwaiter().GetResult();
                    }
                    catch (Exception e)
                    {
                        _core.SetException(e);
                        return;
                    }

                    _core.SetResult(result);
                }
                finally
                {
                    SynchronizationContext.SetSynchronizationContext(null);
                }
            }, null);
        }
    }
}
