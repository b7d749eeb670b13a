namespace PersonalizedLearning.Records;

/// <summary>What erasing a learner removed from a store (a FERPA or GDPR erasure request): how many rows went, by kind.</summary>
/// <remarks>Equality is by value. Immutable and thread-safe: the counts are checked when it is made and cannot be changed
/// after (no <c>with</c> on a count), so a report never holds a negative count.</remarks>
public sealed record ErasureReport
{
    /// <summary>Creates a report.</summary>
    /// <param name="LogEntries">Entries of the learner's evidence log removed (recorded evidence and retractions); at least 0.</param>
    /// <param name="Snapshots">State snapshots removed; at least 0.</param>
    /// <param name="Learners">Learner records removed (the row that holds the log's version): 1, or 0 when the store held
    /// nothing of the learner; at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or the three add up to more than
    /// <see cref="long.MaxValue"/>: one exception for every problem, whose <see cref="ArgumentException.ParamName"/> is the
    /// first bad parameter and whose message names each bad parameter, its rule and the value given.</exception>
    public ErasureReport(long LogEntries, long Snapshots, long Learners)
    {
        var problems = new OptionProblems("erasure counts");
        problems.Require(LogEntries >= 0, nameof(LogEntries), "the log entries removed must be at least 0", LogEntries);
        problems.Require(Snapshots >= 0, nameof(Snapshots), "the snapshots removed must be at least 0", Snapshots);
        problems.Require(Learners >= 0, nameof(Learners), "the learner records removed must be at least 0", Learners);
        if (!problems.Any)
        {
            // So that Total, their sum, cannot overflow (checked arithmetic would throw from a getter).
            var total = (Int128)LogEntries + Snapshots + Learners;
            problems.Require(total <= long.MaxValue, nameof(LogEntries), "the rows removed must add up to at most 9223372036854775807", total);
        }

        problems.ThrowIfAny();
        this.LogEntries = LogEntries;
        this.Snapshots = Snapshots;
        this.Learners = Learners;
    }

    /// <summary>Entries of the learner's evidence log removed (recorded evidence and retractions).</summary>
    /// <value>At least 0.</value>
    public long LogEntries { get; }

    /// <summary>State snapshots removed.</summary>
    /// <value>At least 0.</value>
    public long Snapshots { get; }

    /// <summary>Learner records removed (the row that holds the log's version).</summary>
    /// <value>1, or 0 when the store held nothing of the learner.</value>
    public long Learners { get; }

    /// <summary>Every row removed.</summary>
    /// <value>The sum of the three counts; at least 0.</value>
    public long Total => LogEntries + Snapshots + Learners;

    /// <summary>The three counts, in the constructor's order.</summary>
    /// <param name="LogEntries">Entries of the learner's evidence log removed.</param>
    /// <param name="Snapshots">State snapshots removed.</param>
    /// <param name="Learners">Learner records removed.</param>
    public void Deconstruct(out long LogEntries, out long Snapshots, out long Learners) =>
        (LogEntries, Snapshots, Learners) = (this.LogEntries, this.Snapshots, this.Learners);

    /// <inheritdoc />
    public override string ToString() => $"ErasureReport {{ LogEntries = {LogEntries}, Snapshots = {Snapshots}, Learners = {Learners} }}";
}
