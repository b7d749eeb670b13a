using PersonalizedLearning.Learners;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.DependencyInjection;

// The store as a tenant's keyed LearnerRecords sees it: every call for another tenant is refused before it reaches the
// store, so that records resolved for district A cannot read or write district B's streams (a host that passes the wrong
// TenantId fails loudly instead of folding B's learners with A's catalog).
internal sealed class TenantScopedEvidenceStore(TenantId tenant, IEvidenceStore inner) : IEvidenceStore
{
    public IEvidenceStore Inner { get; } = inner;

    public ValueTask<EvidenceLogAppend> AppendAsync(TenantId tenant, LearnerId learner, long? expectedVersion, IReadOnlyList<EvidenceLogEntry> entries, CancellationToken cancellationToken = default)
        => Inner.AppendAsync(Require(tenant), learner, expectedVersion, entries, cancellationToken);

    public ValueTask<EvidenceLogRead> ReadAsync(TenantId tenant, LearnerId learner, long after = 0, CancellationToken cancellationToken = default)
        => Inner.ReadAsync(Require(tenant), learner, after, cancellationToken);

    public ValueTask<bool> SaveSnapshotAsync(TenantId tenant, LearnerId learner, StateSnapshot snapshot, CancellationToken cancellationToken = default)
        => Inner.SaveSnapshotAsync(Require(tenant), learner, snapshot, cancellationToken);

    public ValueTask<StateSnapshot?> LoadSnapshotAsync(TenantId tenant, LearnerId learner, CancellationToken cancellationToken = default)
        => Inner.LoadSnapshotAsync(Require(tenant), learner, cancellationToken);

    public ValueTask<ErasureReport> EraseAsync(TenantId tenant, LearnerId learner, CancellationToken cancellationToken = default)
        => Inner.EraseAsync(Require(tenant), learner, cancellationToken);

    public IAsyncEnumerable<StoredLearner> ListLearnersAsync(TenantId tenant, CancellationToken cancellationToken = default)
        => Inner.ListLearnersAsync(Require(tenant), cancellationToken);

    public override string ToString() => $"{Inner} (tenant {_tenant})";

    private readonly TenantId _tenant = tenant;

    private TenantId Require(TenantId tenant) => tenant == _tenant || tenant.IsEmpty
        ? tenant
        : throw new ArgumentException($"These LearnerRecords belong to tenant '{_tenant}' and were asked for tenant '{tenant}'; resolve the records keyed '{tenant}' (or take them from that tenant's IPersonalizedLearningEngineProvider). Nothing was read or written.", nameof(tenant));
}
