using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Tests.Records;

/// <summary>
/// <see cref="LearnerRecords"/> is a library: none of its awaits comes back to the caller's synchronization context (a
/// caller that blocks on a call there would deadlock). Checked over a store that answers every call later, on another
/// thread under another context, so that each await in the records really waits.
/// </summary>
public sealed class LearnerRecordsContextTests
{
    [Fact]
    public async Task EveryCall_OverAStoreThatAnswersLater_NeverResumesOnTheCallersContext()
    {
        var tenant = RecordsFixture.NewTenant();
        var engine = RecordsFixture.Engine();
        var inner = new InMemoryEvidenceStore();
        var store = new RecordedStore(inner) { AnswersLater = true };
        var caller = store.NewContext();
        using var records = new LearnerRecords(engine, store, new LearnerRecordsOptions { SnapshotInterval = 2 });
        using var other = new LearnerRecords(engine, inner, new LearnerRecordsOptions { SnapshotInterval = 2 });
        using var plain = new LearnerRecords(engine, inner, new LearnerRecordsOptions { SnapshotInterval = 0 });
        Evidence Piece(string id, string learner = "ana") => RecordsFixture.Piece(id, learner, "ABCDE"[id.Length % 5].ToString(), minutes: id.Length);
        await other.RecordBatchAsync(tenant, "ana", [Piece("a1"), Piece("a22"), Piece("a333")]);
        await other.RecordAsync(tenant, Piece("a4444"));
        await plain.RecordBatchAsync(tenant, "carl", [Piece("c1", "carl"), Piece("c22", "carl"), Piece("c333", "carl")]);
        await plain.RecordAsync(tenant, Piece("f1", "fay"));

        // Loaded from the snapshot (at 3) and the tail; caught up with another writer's entry; assessed; recommended.
        (await OnCaller(caller, () => records.GetStateAsync(tenant, "ana"))).EvidenceCount.Should().Be(4);
        await other.RecordAsync(tenant, Piece("a5"));
        (await OnCaller(caller, () => records.GetStateAsync(tenant, "ana"))).EvidenceCount.Should().Be(5);
        await OnCaller(caller, () => records.AssessAsync(tenant, "ana"));
        await OnCaller(caller, () => records.RecommendNextAsync(tenant, "ana", 1));
        // Written through the kept state, with a snapshot; a new learner loaded and written; sent again; a conflict.
        (await OnCaller(caller, () => records.RecordAsync(tenant, Piece("a6")))).EvidenceCount.Should().Be(6);
        await OnCaller(caller, () => records.RecordAsync(tenant, Piece("b1", "bob")));
        await OnCaller(caller, () => records.RecordAsync(tenant, Piece("b1", "bob")));
        await other.RecordAsync(tenant, Piece("b22", "bob"));
        (await OnCaller(caller, () => records.RecordAsync(tenant, Piece("b333", "bob")))).EvidenceCount.Should().Be(3);
        // A long log without a snapshot, loaded and given one.
        (await OnCaller(caller, () => records.GetStateAsync(tenant, "carl"))).EvidenceCount.Should().Be(3);
        // Erased and begun again to the kept version by another instance: the write lands in the new log, loaded whole.
        await other.EraseAsync(tenant, "ana");
        await other.RecordBatchAsync(tenant, "ana", Enumerable.Range(1, 6).Select(i => Piece($"n{new string('x', i)}")));
        (await OnCaller(caller, () => records.RecordAsync(tenant, Piece("n7")))).EvidenceCount.Should().Be(7);
        // Erased; and calls for one learner that wait for each other's turn.
        await OnCaller(caller, () => records.EraseAsync(tenant, "carl"));
        var (dee, erased) = OnCallerBoth(caller, () => records.RecordAsync(tenant, Piece("d1", "dee")), () => records.EraseAsync(tenant, "dee"));
        var (eve1, eve2) = OnCallerBoth(caller, () => records.RecordAsync(tenant, Piece("e1", "eve")), () => records.RecordAsync(tenant, Piece("e22", "eve")));
        (await dee).EvidenceCount.Should().Be(1);
        (await erased).LogEntries.Should().Be(1);
        (await eve1).EvidenceCount.Should().Be(1);
        (await eve2).EvidenceCount.Should().Be(2);
        // Rebuilt: fay has no snapshot.
        var report = await OnCaller(caller, () => new ValueTask<RecordsRebuildReport>(records.RebuildAsync(tenant)));
        report.Failures.Should().BeEmpty();
        report.Rebuilt.Should().BeGreaterThanOrEqualTo(1);

        store.Posts.Should().Be(0);
    }

    private static Task<T> OnCaller<T>(SynchronizationContext context, Func<ValueTask<T>> call)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            return call().AsTask();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private static (Task<T1>, Task<T2>) OnCallerBoth<T1, T2>(SynchronizationContext context, Func<ValueTask<T1>> first, Func<ValueTask<T2>> second)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            return (first().AsTask(), second().AsTask());
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }
}
