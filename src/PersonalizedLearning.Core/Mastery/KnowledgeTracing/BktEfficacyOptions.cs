namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>How <see cref="BktActivityEfficacy"/> estimates the uncertainty of each activity's learn rate.</summary>
/// <remarks>Every rule concerns one property, so each init accessor checks its own value at once and refuses a bad one
/// with an <see cref="ArgumentOutOfRangeException"/> whose <see cref="ArgumentException.ParamName"/> is the property's
/// name; an object initializer sets one property at a time, so the first bad one throws. A <c>with</c> expression with a
/// bad value throws too and leaves the original as it was. Options that exist are therefore valid: an estimate does not check
/// them again. Immutable and thread-safe.</remarks>
public sealed record BktEfficacyOptions
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>BktEfficacyOptions { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>The defaults.</summary>
    public static BktEfficacyOptions Default { get; } = new();

    /// <summary>How many bootstrap samples to draw and refit per competency (B in Efron &amp; Tibshirani 1993).</summary>
    /// <value>200; at least 20. The interval's ends are order statistics of these samples, so they carry Monte Carlo
    /// error that falls as B grows; Efron &amp; Tibshirani suggest 1,000 or more for percentile intervals you
    /// publish. The cost grows linearly with B.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 20.</exception>
    public int Samples { get; init => field = OptionProblems.Checked(value, value >= 20, What, nameof(Samples), "the number of bootstrap samples must be at least 20"); } = 200;

    /// <summary>The coverage of each confidence interval.</summary>
    /// <value>0.95; strictly between 0 and 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value not strictly between 0 and 1.</exception>
    public double Confidence { get; init => field = OptionProblems.Checked(value, value is > 0 and < 1, What, nameof(Confidence), "the confidence must be strictly between 0 and 1"); } = 0.95;

    /// <summary>The seed of the simulated answers. Each (competency, sample) pair draws from its own stream, derived
    /// from the seed, the competency's id and the sample's number, so the report does not depend on the thread count or
    /// on the other competencies reported.</summary>
    /// <value>42.</value>
    public long Seed { get; init; } = 42;

    /// <summary>An activity whose learn rate rests on fewer expected moves made while not knowing the competency than
    /// this is flagged as resting on little evidence (<see cref="BktActivityLearnRate.HasLowEvidence"/>).</summary>
    /// <value>10 expected moves; finite and at least 0 (0 flags only activities with no moves at all).</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not finite or is below 0.</exception>
    public double LowEvidenceBelow { get; init => field = OptionProblems.Checked(value, double.IsFinite(value) && value >= 0, What, nameof(LowEvidenceBelow), "the low-evidence threshold must be finite and at least 0"); } = 10;

    /// <summary>How many bootstrap refits run at once.</summary>
    /// <value>-1: as many as the machine has cores. The report is the same for any value.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to 0 or below -1.</exception>
    public int MaxDegreeOfParallelism { get; init => field = OptionProblems.Checked(value, value is -1 or >= 1, What, nameof(MaxDegreeOfParallelism), "the degree of parallelism must be -1 (all cores) or at least 1"); } = -1;

    private const string What = "activity-efficacy options";
}
