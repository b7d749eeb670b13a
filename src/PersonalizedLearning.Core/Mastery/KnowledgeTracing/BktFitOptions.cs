using System.Collections.Immutable;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>How <see cref="BktFitter"/> fits. The defaults are pyBKT's.</summary>
/// <remarks>Every rule concerns one property, so each init accessor checks its own value at once and refuses a bad one
/// with an <see cref="ArgumentOutOfRangeException"/> whose <see cref="ArgumentException.ParamName"/> is the property's
/// name (<see cref="ArgumentNullException"/> for a null <see cref="FixedByCompetency"/>); an object initializer sets one
/// property at a time, so the first bad one throws. A <c>with</c> expression with a bad value throws too and leaves the
/// original as it was. Options that exist are therefore valid: a fit does not check them again. Immutable and
/// thread-safe.</remarks>
public sealed record BktFitOptions
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>The defaults.</summary>
    public static BktFitOptions Default { get; } = new();

    /// <summary>How many random starts EM runs per competency; the best log-likelihood wins.</summary>
    /// <value>5, as pyBKT; at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public int Restarts { get; init => field = OptionProblems.Checked(value, value >= 1, What, nameof(Restarts), "restarts must be at least 1"); } = 5;

    /// <summary>The seed of the random starts. Each competency draws from its own stream, derived from the seed and
    /// its id, so results do not depend on the thread count or on the other competencies in the log.</summary>
    /// <value>42.</value>
    public long Seed { get; init; } = 42;

    /// <summary>EM stops when the log-likelihood changes by less than this.</summary>
    /// <value>1e-3, as pyBKT; finite and greater than 0.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not finite or not greater than 0.</exception>
    public double Tolerance { get; init => field = OptionProblems.Checked(value, double.IsFinite(value) && value > 0, What, nameof(Tolerance), "the tolerance must be finite and greater than 0"); } = 1e-3;

    /// <summary>EM stops after this many iterations at the latest.</summary>
    /// <value>100, as pyBKT; at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public int MaxIterations { get; init => field = OptionProblems.Checked(value, value >= 1, What, nameof(MaxIterations), "the iteration limit must be at least 1"); } = 100;

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
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not defined.</exception>
    public BktLearnBy LearnBy { get; init => field = OptionProblems.Checked(value, Enum.IsDefined(value), What, nameof(LearnBy), "learn-by must be Competency, Activity or ActivityPair"); }

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
    /// <remarks><see cref="BktFixedParameters"/> checks its own values.</remarks>
    public BktFixedParameters? Fixed { get; init; }

    /// <summary>Parameters fixed for particular competencies; these replace <see cref="Fixed"/> for them. An entry for a
    /// competency the log does not have is not used (a host may keep one set of options for logs that cover different
    /// competencies, as the folds of a cross-validation do); check the ids against <see cref="Observations.ResponseLog.Competencies"/>
    /// to catch a misspelt one.</summary>
    /// <value>Empty.</value>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Set to a dictionary with a null value.</exception>
    public ImmutableDictionary<CompetencyId, BktFixedParameters> FixedByCompetency
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(FixedByCompetency));
            var problems = new OptionProblems(What);
            foreach (var competency in value.Where(p => p.Value is null).Select(p => p.Key.ToString()).Order(StringComparer.Ordinal))
            {
                problems.Add(nameof(FixedByCompetency), "every competency's fixed parameters must not be null", $"null for '{competency}'");
            }

            problems.ThrowIfAny();
            field = value;
        }
    }

        = ImmutableDictionary<CompetencyId, BktFixedParameters>.Empty;

    /// <summary>Whether a competency whose answers are all correct or all wrong is fitted anyway, and reported as not
    /// identifiable, instead of failing the whole fit.</summary>
    /// <value>False: such a log is refused with an error that names every such competency.</value>
    public bool FitSingleClassCompetencies { get; init; }

    /// <summary>How many competencies are fitted at once.</summary>
    /// <value>-1: as many as the machine has cores. The result is the same for any value.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to 0 or below -1.</exception>
    public int MaxDegreeOfParallelism { get; init => field = OptionProblems.Checked(value, value is -1 or >= 1, What, nameof(MaxDegreeOfParallelism), "the degree of parallelism must be -1 (all cores) or at least 1"); } = -1;

    internal BktVariant Variant => new(GuessSlipPerActivity, LearnBy, PriorGroups);

    internal BktFixedParameters? FixedFor(CompetencyId competency)
        => FixedByCompetency.TryGetValue(competency, out var f) ? f : Fixed;

    private const string What = "BKT fit options";
}
