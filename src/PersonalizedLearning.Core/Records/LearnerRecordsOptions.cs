namespace PersonalizedLearning.Records;

/// <summary>How <see cref="LearnerRecords"/> snapshots, retries and caches.</summary>
/// <remarks>Every rule concerns one property, so each init accessor checks its own value at once and refuses a bad one
/// with an <see cref="ArgumentOutOfRangeException"/> whose <see cref="ArgumentException.ParamName"/> is the property's
/// name; an object initializer sets one property at a time, so the first bad one throws. A <c>with</c> expression with a
/// bad value throws too and leaves the original as it was. Options that exist are therefore valid: <see cref="LearnerRecords"/> does not check
/// them again. Immutable and thread-safe.</remarks>
public sealed record LearnerRecordsOptions
{
    /// <summary>The defaults: a snapshot every 100 log entries, rebuilds 4 learners at a time, 10,000 learners cached.</summary>
    public static LearnerRecordsOptions Default { get; } = new();

    /// <summary>How many log entries may follow a learner's snapshot before a write saves a new one; 0 saves none on
    /// writes and loads (learners are then loaded from their whole log), though <see cref="LearnerRecords.RebuildAsync"/>
    /// still saves one per learner it rebuilds, which is how it knows the learner is done.</summary>
    /// <value>100; in [0, 1,000,000].</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value outside [0, 1,000,000].</exception>
    public int SnapshotInterval { get; init => field = OptionProblems.Checked(value, value is >= 0 and <= 1_000_000, What, nameof(SnapshotInterval), "the snapshot interval must be in [0, 1,000,000]"); } = 100;

    /// <summary>How many learners <see cref="LearnerRecords.RebuildAsync"/> rebuilds at once.</summary>
    /// <value>4, in [1, 256]: a rebuild mostly waits on the store, so a few at a time overlap the waits.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value outside [1, 256].</exception>
    public int RebuildParallelism { get; init => field = OptionProblems.Checked(value, value is >= 1 and <= 256, What, nameof(RebuildParallelism), "the rebuild parallelism must be in [1, 256]"); } = 4;

    /// <summary>How many learners' states are kept in memory between calls (least recently used go first); 0 keeps none.
    /// A kept state is checked against the log's tail on every read and by the append's expected version on every write,
    /// so several processes may share one store.</summary>
    /// <value>10,000; in [0, 100,000,000].</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value outside [0, 100,000,000].</exception>
    public int CachedLearners { get; init => field = OptionProblems.Checked(value, value is >= 0 and <= 100_000_000, What, nameof(CachedLearners), "the cached learners must be in [0, 100,000,000]"); } = 10_000;

    /// <summary>Whether this instance is the only writer of the learners whose states it keeps, as a host that gives each
    /// learner one owner (an Orleans grain activation, a partition consumer) guarantees. When true, reads
    /// (<see cref="LearnerRecords.GetStateAsync"/>, <see cref="LearnerRecords.AssessAsync"/>,
    /// <see cref="LearnerRecords.RecommendNextAsync"/>) answer from the kept state without reading the log's tail first, so
    /// a read of a kept learner does no I/O. Writes still append with the version the kept state was folded to, so a second
    /// writer (two owners for a moment while a cluster recovers) is still detected, and its entries folded in, at this
    /// instance's next write; until then a read may miss them. A learner not kept is loaded from the store as usual. An
    /// owner taking over a learner should call <see cref="LearnerRecords.Forget"/> first, so that a state kept from an
    /// earlier ownership is not used. Default false: every read catches up with the log.</summary>
    public bool AssumeSingleWriter { get; init; }

    private const string What = "learner-records options";
}
