using System.Globalization;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>How <see cref="BktActivityEfficacy"/> estimates the uncertainty of each activity's learn rate.</summary>
/// <remarks>Immutable and thread-safe. Values are checked when an estimate starts, and every problem is reported at
/// once.</remarks>
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
    public int Samples { get; init; } = 200;

    /// <summary>The coverage of each confidence interval.</summary>
    /// <value>0.95; strictly between 0 and 1.</value>
    public double Confidence { get; init; } = 0.95;

    /// <summary>The seed of the simulated answers. Each (competency, sample) pair draws from its own stream, derived
    /// from the seed, the competency's id and the sample's number, so the report does not depend on the thread count or
    /// on the other competencies reported.</summary>
    /// <value>42.</value>
    public long Seed { get; init; } = 42;

    /// <summary>An activity whose learn rate rests on fewer expected moves made while not knowing the competency than
    /// this is flagged as resting on little evidence (<see cref="BktActivityLearnRate.HasLowEvidence"/>).</summary>
    /// <value>10 expected moves; finite and at least 0 (0 flags only activities with no moves at all).</value>
    public double LowEvidenceBelow { get; init; } = 10;

    /// <summary>How many bootstrap refits run at once.</summary>
    /// <value>-1: as many as the machine has cores. The report is the same for any value.</value>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    internal void Validate()
    {
        var problems = new List<string>();
        if (Samples < 20)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the number of bootstrap samples must be at least 20; got {Samples}"));
        }

        if (!(Confidence > 0 && Confidence < 1))
        {
            problems.Add($"the confidence must be strictly between 0 and 1; got {Confidence.ToString("R", CultureInfo.InvariantCulture)}");
        }

        if (!(double.IsFinite(LowEvidenceBelow) && LowEvidenceBelow >= 0))
        {
            problems.Add($"the low-evidence threshold must be finite and at least 0; got {LowEvidenceBelow.ToString("R", CultureInfo.InvariantCulture)}");
        }

        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the degree of parallelism must be -1 (all cores) or at least 1; got {MaxDegreeOfParallelism}"));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"The activity-efficacy options are not valid: {string.Join("; ", problems)}.");
        }
    }
}
