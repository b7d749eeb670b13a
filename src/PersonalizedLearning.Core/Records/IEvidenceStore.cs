using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Records;

/// <summary>
/// Durable learner records: per tenant and learner, an append-only evidence log and a state snapshot beside it. The core
/// holds only this abstraction and an in-memory implementation (<see cref="InMemoryEvidenceStore"/>); the companion
/// packages <c>PersonalizedLearning.Storage.Sqlite</c> (embedded, one file) and <c>PersonalizedLearning.Storage.PostgreSql</c>
/// implement it durably. A host usually calls <see cref="LearnerRecords"/>, which folds, appends and retries over a store.
/// </summary>
/// <remarks>
/// <para><b>The log.</b> Each learner's log is a sequence of <see cref="EvidenceLogEntry"/> at positions 1, 2, …; its
/// version is the position of its last entry (0 when it has none). Appends are optimistic: a writer says which version it
/// read, and the append fails with <see cref="EvidenceLogConcurrencyException"/>, writing nothing, when another writer
/// appended since. An append is atomic: all its entries or none.</para>
/// <para><b>Idempotent by evidence id.</b> A recorded entry whose evidence id the log already records with equal content
/// (<see cref="Observations.Evidence"/> equality) is skipped, and so is a retraction of an id the log already retracts;
/// a recorded entry whose id the log records with different content fails the whole append with an
/// <see cref="Observations.EvidenceConflictException"/> made by <see cref="Observations.EvidenceConflictException.WithoutContent"/>.
/// Skipped entries take no position.</para>
/// <para><b>Tenancy and privacy.</b> Every record is keyed by tenant: no call for one tenant reads, changes or counts
/// another's records, even for a learner id both use. Exception messages name tenants, learners, evidence ids and
/// versions, never evidence content.</para>
/// <para><b>Contract.</b> The same tests run against every implementation in this repository (the store contract suite).
/// Implementations are thread-safe and may be shared by many writers, in one process or several.</para>
/// </remarks>
public interface IEvidenceStore
{
    /// <summary>Appends entries to the end of a learner's log, if the log is still at the expected version (or at any
    /// version, when none is expected: the entries are still checked against the log by evidence id).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="expectedVersion">The version the writer read (0 for a learner with no log yet), not negative; null to
    /// append at the end whatever the version (for a writer that folds what it appended afterwards, as
    /// <see cref="LearnerRecords"/> does after losing a race).</param>
    /// <param name="entries">The entries, in order; recorded evidence must be about <paramref name="learner"/>.</param>
    /// <param name="cancellationToken">Cancels the append before it commits; then nothing is written.</param>
    /// <returns>The log's version after the append (the version before it plus the entries written; those already in
    /// the log are skipped), its incarnation, and how many entries were written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> or an entry is null.</exception>
    /// <exception cref="ArgumentException">The tenant or learner id is empty, or recorded evidence is about another learner.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is negative.</exception>
    /// <exception cref="EvidenceLogConcurrencyException">The log is at another version than the one expected; nothing was
    /// written.</exception>
    /// <exception cref="Observations.EvidenceConflictException">An evidence id is recorded with other content (in the log or
    /// earlier in the batch); nothing was written.</exception>
    /// <exception cref="EvidenceStoreSchemaException">The database was written by a newer package.</exception>
    ValueTask<EvidenceLogAppend> AppendAsync(TenantId tenant, LearnerId learner, long? expectedVersion, IReadOnlyList<EvidenceLogEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Reads a learner's log after a position, in the order it was appended.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="after">The position to read after: 0 for the whole log; not negative. A position past the log's
    /// version reads nothing.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries after <paramref name="after"/> and the log's version, read consistently (one snapshot of the
    /// log).</returns>
    /// <exception cref="ArgumentException">The tenant or learner id is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="after"/> is negative.</exception>
    /// <exception cref="EvidenceStoreSchemaException">The database was written by a newer package.</exception>
    ValueTask<EvidenceLogRead> ReadAsync(TenantId tenant, LearnerId learner, long after = 0, CancellationToken cancellationToken = default);

    /// <summary>Saves a learner's state snapshot in place of the stored one, unless that one is of a newer version (one of
    /// the same version is replaced: another model or catalog refolded it), and only while the log it was folded from is the
    /// learner's (its incarnation).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="snapshot">The snapshot; its version must not be past the log's.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>Whether it was saved: false when the stored snapshot is of a newer version, the learner has no log, or the
    /// learner's log is not the incarnation the snapshot was folded from (it was erased meanwhile, and perhaps begun
    /// again).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentException">The tenant or learner id is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The snapshot's version is negative, or past the version of the log
    /// incarnation it names.</exception>
    /// <exception cref="EvidenceStoreSchemaException">The database was written by a newer package.</exception>
    ValueTask<bool> SaveSnapshotAsync(TenantId tenant, LearnerId learner, StateSnapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>Loads a learner's newest state snapshot.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The snapshot, or null when there is none.</returns>
    /// <exception cref="ArgumentException">The tenant or learner id is empty.</exception>
    /// <exception cref="EvidenceStoreSchemaException">The database was written by a newer package.</exception>
    ValueTask<StateSnapshot?> LoadSnapshotAsync(TenantId tenant, LearnerId learner, CancellationToken cancellationToken = default);

    /// <summary>Erases everything the store holds of a learner in a tenant: log, snapshots and version, at once. The
    /// learner's log starts again at version 0 if evidence arrives later.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="cancellationToken">Cancels the erasure before it commits; then nothing is removed.</param>
    /// <returns>How many rows went, by kind; all zero when the store held nothing of the learner.</returns>
    /// <exception cref="ArgumentException">The tenant or learner id is empty.</exception>
    /// <exception cref="EvidenceStoreSchemaException">The database was written by a newer package.</exception>
    ValueTask<ErasureReport> EraseAsync(TenantId tenant, LearnerId learner, CancellationToken cancellationToken = default);

    /// <summary>The learners of a tenant that have a log, in the order of their ids' code points (ordinal for ids without
    /// characters beyond U+FFFF), each with its log's version and its snapshot's version and fingerprint.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The learners, read in pages as enumerated (a learner added meanwhile may or may not be listed).</returns>
    /// <exception cref="ArgumentException">The tenant id is empty.</exception>
    /// <exception cref="EvidenceStoreSchemaException">The database was written by a newer package.</exception>
    IAsyncEnumerable<StoredLearner> ListLearnersAsync(TenantId tenant, CancellationToken cancellationToken = default);
}
