using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// Bayesian Knowledge Tracing as a mastery model: per competency, the estimate is P(known) before the learner's
/// next answer, updated online with each answer in O(1) and without allocating.
/// </summary>
/// <remarks>
/// <para>For each observation the model looks up the competency's parameters (and the activity's own guess and
/// slip, if it has them), conditions the belief on the answer and applies the learn/forget transition; see
/// <see cref="BktParameters"/>. The competency's memory holds the <see cref="BktBelief"/> for the next answer:
/// P(known) in <see cref="MasteryMemory.Slot0"/> and P(unknown) in <see cref="MasteryMemory.Slot1"/>, each with a
/// binary scale in <see cref="MasteryMemory.Slot2"/> and <see cref="MasteryMemory.Slot3"/> (0 unless the value is
/// below 2^-1000), so the state stays exact however long the chain; an untouched competency starts at the prior.
/// P(known) is pyBKT's <c>state_predictions</c> sequence.</para>
/// <para>BKT sees answers as right or wrong: a score counts as correct when it passes by the library's one rule
/// (<see cref="EvidenceOutcome.Passes"/>) at <see cref="PassingScore"/>. Evidence weights do not change the update: each answer is one observation.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class BktModel : IMasteryModel, ICorrectnessPredictor
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>BktModel { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    // Keyed by the id's text, for the fast string-keyed frozen dictionary (see BktCompetencyParameters).
    private readonly FrozenDictionary<string, BktCompetencyParameters> _byCompetency;
    private readonly BktCompetencyParameters? _fallback;

    /// <summary>Creates the model.</summary>
    /// <param name="competencies">The parameters of each competency.</param>
    /// <param name="defaultParameters">Parameters for competencies not listed, or null to refuse evidence on them.</param>
    /// <param name="passingScore">The score at or above which an answer counts as correct (<see cref="EvidenceOutcome.Passes"/>),
    /// in (0, 1]; <see cref="EvidenceOutcome.DefaultPassingScore"/> unless given, as the recommender's and the playlist's.</param>
    /// <param name="allowDegenerate">Whether to accept degenerate parameters (G + S ≥ 1), for replaying fits as they are.
    /// A live product should not: with them a correct answer lowers P(known).</param>
    /// <exception cref="ArgumentNullException"><paramref name="competencies"/> or one of its entries is null; the message
    /// lists every other problem too.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A competency appears twice, has degenerate parameters while
    /// <paramref name="allowDegenerate"/> is false (so do the default parameters), or <paramref name="passingScore"/> is
    /// NaN or outside (0, 1]: one exception for every problem, whose <see cref="ArgumentException.ParamName"/> is the
    /// first bad parameter and whose message names each bad parameter, its rule and the value given.</exception>
    public BktModel(IEnumerable<BktCompetencyParameters> competencies, BktParameters? defaultParameters = null, double passingScore = EvidenceOutcome.DefaultPassingScore, bool allowDegenerate = false)
    {
        var problems = new OptionProblems("BKT model's parameters");
        problems.RequireNotNull(competencies, nameof(competencies), "the competencies' parameters are required");
        var builder = ImmutableSortedDictionary.CreateBuilder<CompetencyId, BktCompetencyParameters>();
        List<CompetencyId>? repeated = null;
        foreach (var c in competencies ?? [])
        {
            if (c is null)
            {
                problems.RequireNotNull(c, nameof(competencies), "every competency's parameters must be given");
            }
            else if (!builder.TryAdd(c.Competency, c))
            {
                (repeated ??= []).Add(c.Competency);
            }
            else if (!allowDegenerate && c.IsDegenerate)
            {
                problems.Add(nameof(competencies), "parameters must not be degenerate (guess + slip < 1) unless allowDegenerate", $"'{c.Competency}' with {c.Parameters}");
            }
        }

        foreach (var again in (repeated ?? []).GroupBy(id => id))
        {
            // Each repeat is one entry more than the first, which the builder kept.
            problems.Add(nameof(competencies), "every competency must have parameters once", $"'{again.Key}' {OptionProblems.Format(again.Count() + 1)} times");
        }

        if (!allowDegenerate && defaultParameters is { IsDegenerate: true } d)
        {
            problems.Add(nameof(defaultParameters), "the default parameters must not be degenerate (guess + slip < 1) unless allowDegenerate", d.ToString());
        }

        EvidenceOutcome.CheckPassingScore(ref problems, passingScore, nameof(passingScore));
        problems.ThrowIfAny();

        Competencies = builder.ToImmutable();
        _byCompetency = Competencies.ToFrozenDictionary(p => p.Key.Value, p => p.Value, StringComparer.Ordinal);
        DefaultParameters = defaultParameters;
        _fallback = defaultParameters is { } f ? new BktCompetencyParameters("(default)", f) : null;
        PassingScore = passingScore;
        AllowsDegenerate = allowDegenerate;
        Name = $"bkt({Competencies.Count} competencies, {Fingerprint()})";
    }

    private BktModel(BktModel model, string cohort)
    {
        Competencies = model.Competencies;
        _byCompetency = model._byCompetency;
        DefaultParameters = model.DefaultParameters;
        _fallback = model._fallback;
        PassingScore = model.PassingScore;
        AllowsDegenerate = model.AllowsDegenerate;
        Cohort = cohort;
        Name = $"bkt({Competencies.Count} competencies, {Fingerprint()})";
    }

    /// <summary>The parameters of each competency, by competency.</summary>
    public ImmutableSortedDictionary<CompetencyId, BktCompetencyParameters> Competencies { get; }

    /// <summary>Parameters for competencies not in <see cref="Competencies"/>.</summary>
    /// <value>Null when evidence on such competencies is refused.</value>
    public BktParameters? DefaultParameters { get; }

    /// <summary>The score at or above which an answer counts as correct (<see cref="EvidenceOutcome.Passes"/>).</summary>
    /// <value><see cref="EvidenceOutcome.DefaultPassingScore"/> (0.6) unless set.</value>
    public double PassingScore { get; }

    /// <summary>Whether degenerate parameters were accepted.</summary>
    public bool AllowsDegenerate { get; }

    /// <inheritdoc />
    /// <value><c>bkt(N competencies, fingerprint)</c>, where the fingerprint is a hash of every parameter, so that a
    /// state folded with other parameters is not read by this model.</value>
    public string Name { get; }

    /// <inheritdoc />
    public string EstimateLabel => "P(known)";

    /// <summary>The parameters that apply to a competency and activity.</summary>
    /// <param name="competency">The competency.</param>
    /// <param name="activity">The activity, or null.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="UnknownCompetencyException">The competency has no parameters and there are no default parameters.</exception>
    public BktParameters ParametersFor(CompetencyId competency, ActivityId? activity = null) => Lookup(competency).For(activity);

    /// <summary>P(known) for a competency's state: the prior when untouched.</summary>
    /// <param name="state">The competency's state.</param>
    /// <param name="competency">The competency.</param>
    /// <returns>P(L) before the next answer.</returns>
    /// <exception cref="UnknownCompetencyException">The competency has no parameters and there are no default parameters.</exception>
    /// <exception cref="ArgumentException">The state's memory was not written by a BKT model.</exception>
    /// <remarks>Before the first answer this is the prior of the model's cohort (<see cref="ForCohort"/>), or the
    /// competency's own prior: a prior chosen by the first answer's activity is not known until that answer.</remarks>
    public double ProbabilityKnown(in CompetencyState state, CompetencyId competency) => BeliefBefore(state, Lookup(competency), null).Known;

    /// <summary>The whole belief for a competency's state, P(known) and P(unknown) each exact: the prior when untouched.</summary>
    /// <param name="state">The competency's state.</param>
    /// <param name="competency">The competency.</param>
    /// <returns>The belief before the next answer.</returns>
    /// <exception cref="UnknownCompetencyException">The competency has no parameters and there are no default parameters.</exception>
    /// <exception cref="ArgumentException">The state's memory was not written by a BKT model.</exception>
    /// <remarks>Before the first answer, the prior as in <see cref="ProbabilityKnown"/>.</remarks>
    public BktBelief Belief(in CompetencyState state, CompetencyId competency) => BeliefBefore(state, Lookup(competency), null);

    /// <summary>The model for learners of one cohort: the same parameters, with each competency's prior for that cohort
    /// where it has one (fitted with <see cref="BktPriorGroups.ByCohort"/>).</summary>
    /// <param name="cohort">The cohort.</param>
    /// <returns>The model; its <see cref="Name"/> names the cohort, so a learner's state stays with its cohort's model.</returns>
    /// <exception cref="ArgumentException"><paramref name="cohort"/> is null, empty or white space.</exception>
    public BktModel ForCohort(string cohort)
    {
        if (string.IsNullOrWhiteSpace(cohort))
        {
            throw new ArgumentException("A cohort must have a name.", nameof(cohort));
        }

        return new BktModel(this, cohort);
    }

    /// <summary>The cohort whose priors this model uses.</summary>
    /// <value>Null unless made by <see cref="ForCohort"/>.</value>
    public string? Cohort { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The observation does not name its competency.</exception>
    /// <exception cref="UnknownCompetencyException">The competency has no parameters and there are no default parameters.</exception>
    /// <exception cref="ArgumentException">The state's memory was not written by a BKT model.</exception>
    public MasteryStep Update(in CompetencyState state, in MasteryObservation observation)
    {
        if (observation.Competency.IsEmpty)
        {
            throw new ArgumentException("BKT needs observations that name their competency.", nameof(observation));
        }

        var parameters = Lookup(observation.Competency);
        var activity = observation.Activity;
        var belief = BeliefBefore(state, parameters, activity);

        // Standard BKT (no activity, or a competency without values per activity) takes no lookup by activity.
        var applied = parameters.PairTransitions.Count != 0 ? parameters.For(PreviousActivity(state, parameters), activity) : parameters.For(activity);
        var next = applied.Next(belief, observation.Outcome.PassesChecked(PassingScore));
        return new MasteryStep(next.Known, next.ToMemory(parameters.IndexOf(activity) + 1));
    }

    /// <inheritdoc />
    /// <remarks>P(correct) and P(incorrect) are each computed from the exact belief, so either may be as small as the
    /// parameters make it.</remarks>
    /// <exception cref="UnknownCompetencyException">The competency has no parameters and there are no default parameters.</exception>
    /// <exception cref="ArgumentException">The state's memory was not written by a BKT model.</exception>
    public MasteryPrediction Predict(in CompetencyState state, CompetencyId competency, ActivityId? activity)
    {
        var parameters = Lookup(competency);
        var belief = BeliefBefore(state, parameters, activity);
        var forActivity = parameters.For(activity);
        return new MasteryPrediction(forActivity.PredictCorrect(belief), forActivity.PredictIncorrect(belief), belief.Known);
    }

    // An untouched competency starts at the prior (of the cohort, or of the first answer's activity); afterwards the
    // memory holds the belief for the next answer.
    private BktBelief BeliefBefore(in CompetencyState state, BktCompetencyParameters parameters, ActivityId? activity)
    {
        if (state.EvidenceCount != 0)
        {
            return BktBelief.FromMemory(state.Memory);
        }

        var group = parameters.PriorGroups is not { } groups ? null : groups.IsByCohort ? Cohort : activity?.Value;
        return BktBelief.FromKnown(parameters.PriorFor(group));
    }

    // Memory slot 3 holds the position of the previous answer's activity in the competency's activity index, plus 1.
    private static ActivityId? PreviousActivity(in CompetencyState state, BktCompetencyParameters parameters)
    {
        if (state.EvidenceCount == 0 || parameters.PairTransitions.Count == 0)
        {
            return null;
        }

        var slot = state.Memory.Slot3;
        if (!(slot >= 0 && slot <= parameters.ActivityIndex.Length && Math.Floor(slot) == slot))
        {
            throw new ArgumentException($"The competency state's memory does not hold a BKT state: {state.Memory}. Rebuild the state from the evidence log.", nameof(state));
        }

        return slot == 0 ? (ActivityId?)null : parameters.ActivityIndex[(int)slot - 1];
    }

    private BktCompetencyParameters Lookup(CompetencyId competency)
        => _byCompetency.TryGetValue(competency.Value, out var p) ? p
            : _fallback ?? throw new UnknownCompetencyException(competency, $"The BKT model has no parameters for competency '{competency}' and no default parameters.", null);

    private string Fingerprint()
    {
        // Every value that changes predictions, hashed the same way in every process and on every machine.
        var hash = new StableHash();
        void AddParameters(BktParameters p)
        {
            hash.Add(p.Prior);
            hash.Add(p.Learn);
            hash.Add(p.Forget);
            hash.Add(p.Guess);
            hash.Add(p.Slip);
        }

        foreach (var (id, c) in Competencies)
        {
            hash.Add(id.Value);
            AddParameters(c.Parameters);
            foreach (var (activity, p) in c.ActivityParameters)
            {
                hash.Add(activity.Value);
                AddParameters(p);
            }

            foreach (var (pair, rates) in c.PairTransitions)
            {
                hash.Add(pair.Previous.Value);
                hash.Add(pair.Activity.Value);
                hash.Add(rates.Learn);
                hash.Add(rates.Forget);
            }

            foreach (var (group, prior) in c.GroupPriors)
            {
                hash.Add(group);
                hash.Add(prior);
            }

            hash.Add(c.PriorGroups?.IsByCohort.ToString() ?? "-");
        }

        if (DefaultParameters is { } d)
        {
            hash.Add("(default)");
            AddParameters(d);
        }

        hash.Add(PassingScore);

        hash.Add(Cohort ?? "(no cohort)");

        // The memory layout: states written before the belief kept P(unknown) are not read by this model.
        hash.Add("belief: known, unknown, scale, previous activity");
        return hash.ToString();
    }
}
