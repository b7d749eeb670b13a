namespace PersonalizedLearning.Records;

/// <summary>What erasing a learner removed from a store (a FERPA or GDPR erasure request): how many rows went, by kind.</summary>
/// <param name="LogEntries">Entries of the learner's evidence log removed (recorded evidence and retractions).</param>
/// <param name="Snapshots">State snapshots removed.</param>
/// <param name="Learners">Learner records removed (the row that holds the log's version): 1, or 0 when the store held
/// nothing of the learner.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ErasureReport(long LogEntries, long Snapshots, long Learners)
{
    /// <summary>Every row removed.</summary>
    public long Total => LogEntries + Snapshots + Learners;

    /// <inheritdoc />
    public override string ToString() => $"ErasureReport {{ LogEntries = {LogEntries}, Snapshots = {Snapshots}, Learners = {Learners} }}";
}
