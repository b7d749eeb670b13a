namespace PersonalizedLearning.Learners;

/// <summary>
/// What a learner state holds for one competency: how much evidence was folded, when, the model's
/// current estimate, and the model's memory.
/// </summary>
/// <remarks>
/// <para>The default value is an untouched competency: no evidence, no estimate, empty memory.</para>
/// <para>Immutable and thread-safe. States come from folding evidence; hosts read them and do not make them.</para>
/// </remarks>
public readonly record struct CompetencyState
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>CompetencyState { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    internal CompetencyState(int evidenceCount, double? estimate, DateTimeOffset? firstEvidenceAt, DateTimeOffset? lastEvidenceAt, MasteryMemory memory)
    {
        EvidenceCount = evidenceCount;
        Estimate = estimate;
        FirstEvidenceAt = firstEvidenceAt;
        LastEvidenceAt = lastEvidenceAt;
        Memory = memory;
    }

    /// <summary>How many pieces of evidence were folded into this competency.</summary>
    /// <value>0 for an untouched competency.</value>
    public int EvidenceCount { get; }

    /// <summary>The model's estimate in [0, 1] after the latest evidence.</summary>
    /// <value>Null when there is no evidence, or when the model has no score yet (Canvas's "n number of times" before n).</value>
    public double? Estimate { get; }

    /// <summary>The earliest timestamp among the folded evidence.</summary>
    /// <value>Null when untouched.</value>
    public DateTimeOffset? FirstEvidenceAt { get; }

    /// <summary>The latest timestamp among the folded evidence (not necessarily the last one folded).</summary>
    /// <value>Null when untouched.</value>
    public DateTimeOffset? LastEvidenceAt { get; }

    /// <summary>The model's memory for this competency.</summary>
    public MasteryMemory Memory { get; }

    /// <summary>Whether any evidence was folded into this competency.</summary>
    public bool IsTouched => EvidenceCount > 0;
}
