using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>How <see cref="BktFitter"/> fits. The defaults are pyBKT's.</summary>
/// <remarks>Immutable and thread-safe. Values are checked when a fit starts, and every problem is reported at once.</remarks>
public sealed record BktFitOptions
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>The defaults.</summary>
    public static BktFitOptions Default { get; } = new();

    /// <summary>How many random starts EM runs per competency; the best log-likelihood wins.</summary>
    /// <value>5, as pyBKT; at least 1.</value>
    public int Restarts { get; init; } = 5;

    /// <summary>The seed of the random starts. Each competency draws from its own stream, derived from the seed and
    /// its id, so results do not depend on the thread count or on the other competencies in the log.</summary>
    /// <value>42.</value>
    public long Seed { get; init; } = 42;

    /// <summary>EM stops when the log-likelihood changes by less than this.</summary>
    /// <value>1e-3, as pyBKT; finite and greater than 0.</value>
    public double Tolerance { get; init; } = 1e-3;

    /// <summary>EM stops after this many iterations at the latest.</summary>
    /// <value>100, as pyBKT; at least 1.</value>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Whether to fit a forget rate (BKT with forgetting); otherwise F = 0.</summary>
    /// <value>False.</value>
    public bool Forgetting { get; init; }

    /// <summary>Whether each activity gets its own guess and slip (KT-IDEM; pyBKT's <c>multigs</c>). Responses without
    /// an activity share one class.</summary>
    /// <value>False.</value>
    public bool GuessSlipPerActivity { get; init; }

    /// <summary>What a learn (and forget) rate belongs to: the competency (standard BKT), each activity (pyBKT's
    /// <c>multilearn</c>) or each pair of consecutive activities (<c>multipair</c>).</summary>
    /// <value><see cref="BktLearnBy.Competency"/>.</value>
    public BktLearnBy LearnBy { get; init; }

    /// <summary>How learners are grouped for a prior per group (pyBKT's <c>multiprior</c>), or null for one prior per
    /// competency.</summary>
    /// <value>Null.</value>
    public BktPriorGroups? PriorGroups { get; init; }

    /// <summary>Parameters to continue EM from (pyBKT's <c>partial_fit</c>): each competency that has parameters here
    /// runs EM once, from them, on the new log; the others start from <see cref="Restarts"/> random starts. Values the
    /// warm start lacks (an activity, pair or group it has not seen) start from its competency's own.</summary>
    /// <value>Null: every competency starts from random starts.</value>
    /// <remarks>EM cannot move a rate that starts at exactly 0 or 1 (its expected counts keep it there), as in pyBKT;
    /// to let the new data move such a value, start it inside (0, 1), as <see cref="BktActivityEfficacy"/> does for
    /// its refits (0.03 inside).</remarks>
    public BktModel? WarmStart { get; init; }

    /// <summary>Whether EM is accelerated by SQUAREM extrapolation (Varadhan &amp; Roland 2008), which keeps an
    /// extrapolated step only when its likelihood is at least that of a plain EM step, so the likelihood never falls.
    /// Off, EM runs as pyBKT's does, one E-step and M-step per iteration.</summary>
    /// <value>True.</value>
    public bool Accelerate { get; init; } = true;

    /// <summary>Parameters fixed for every competency.</summary>
    /// <value>Null: everything is estimated.</value>
    public BktFixedParameters? Fixed { get; init; }

    /// <summary>Parameters fixed for particular competencies; these replace <see cref="Fixed"/> for them. An entry for a
    /// competency the log does not have is not used (a host may keep one set of options for logs that cover different
    /// competencies, as the folds of a cross-validation do); check the ids against <see cref="Observations.ResponseLog.Competencies"/>
    /// to catch a misspelt one.</summary>
    /// <value>Empty.</value>
    public ImmutableDictionary<CompetencyId, BktFixedParameters> FixedByCompetency { get; init; } = ImmutableDictionary<CompetencyId, BktFixedParameters>.Empty;

    /// <summary>Whether a competency whose answers are all correct or all wrong is fitted anyway, and reported as not
    /// identifiable, instead of failing the whole fit.</summary>
    /// <value>False: such a log is refused with an error that names every such competency.</value>
    public bool FitSingleClassCompetencies { get; init; }

    /// <summary>How many competencies are fitted at once.</summary>
    /// <value>-1: as many as the machine has cores. The result is the same for any value.</value>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    internal BktVariant Variant => new(GuessSlipPerActivity, LearnBy, PriorGroups);

    internal BktFixedParameters? FixedFor(CompetencyId competency)
        => FixedByCompetency.TryGetValue(competency, out var f) ? f : Fixed;

    internal void Validate()
    {
        var problems = new List<string>();
        if (Restarts < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"restarts must be at least 1; got {Restarts}"));
        }

        if (!(double.IsFinite(Tolerance) && Tolerance > 0))
        {
            problems.Add($"the tolerance must be finite and greater than 0; got {Tolerance.ToString("R", CultureInfo.InvariantCulture)}");
        }

        if (MaxIterations < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the iteration limit must be at least 1; got {MaxIterations}"));
        }

        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the degree of parallelism must be -1 (all cores) or at least 1; got {MaxDegreeOfParallelism}"));
        }

        if (FixedByCompetency is null)
        {
            problems.Add("the fixed parameters by competency must not be null");
        }

        if (!Enum.IsDefined(LearnBy))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"learn-by must be Competency, Activity or ActivityPair; got {(int)LearnBy}"));
        }

        problems.AddRange(Fixed?.Problems("for every competency") ?? []);
        foreach (var (competency, values) in FixedByCompetency ?? ImmutableDictionary<CompetencyId, BktFixedParameters>.Empty)
        {
            problems.AddRange(values?.Problems($"for competency '{competency}'") ?? [$"competency '{competency}' has null fixed parameters"]);
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"The BKT fit options are not valid: {string.Join("; ", problems)}.");
        }
    }
}
