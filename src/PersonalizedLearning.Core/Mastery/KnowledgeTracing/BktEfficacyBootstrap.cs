using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// One competency of an activity-efficacy report: the log's structure of it, the fitted parameters of every step, the
/// evidence behind each activity's learn rate, and the parametric bootstrap (simulate answers on the same structure,
/// refit from the fitted parameters). An instance is immutable after it is built and may serve many threads.
/// </summary>
internal sealed class BktEfficacyBootstrap
{
    /// <summary>How far inside (0, 1) each refit starts: a fitted value closer to 0 or 1 starts from this far in.</summary>
    /// <remarks>EM cannot leave a value on the boundary in time. From T = 2^-60, what a fit reports for a rate the data
    /// does not support, EM multiplies T by about a likelihood ratio per iteration while the log-likelihood moves by
    /// less than the tolerance, so it stops at once, still near 0, even when the sample's own estimate is 0.1: on STATICS
    /// the intervals of activities estimated at 0 came out as [0, 0.003] where a refit from inside gives [0, 0.28]. The
    /// fit itself started inside (pyBKT's random starts), and so do the refits. On STATICS the intervals agree within
    /// 0.005 for starts from 1e-4 to 0.1 inside; 0.03 needed the fewest iterations.</remarks>
    internal const double StartMargin = 0.03;

    private readonly BktCompetencyFit _fit;
    private readonly BktFitOptions _options;
    private readonly BktTrainingSet _set;
    private readonly BktChainStructure _structure;
    private readonly LearnerId[] _learners;
    private readonly ActivityId?[] _stepActivities;
    private readonly BktParameters[] _stepParameters;
    private readonly double[] _chainPriors;
    private readonly int[] _transitions;
    private readonly BktEstimate _start;

    private BktEfficacyBootstrap(ResponseLog log, int competency, BktTrainingSet set, BktCompetencyFit fit, BktFitOptions options)
    {
        _fit = fit;
        _options = options;
        _set = set;
        _structure = set.StructureOf(log, competency);
        var parameters = fit.Parameters;
        Activities = [.. parameters.Activities.Where(a => a.Value.Learn is not null).Select(a => a.Key)];
        var position = Activities.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i);
        _transitions = new int[Activities.Length];
        for (var t = 1; t < set.TransitionCount; t++)
        {
            _transitions[position[set.TransitionKeys[t].Activity!.Value]] = t;
        }

        // The structure chain by chain in replay order (Build's order), with the fitted parameters of every step, and
        // the moves and learners per activity.
        var chains = log.ChainsOf(competency);
        var responses = log.Responses;
        _learners = new LearnerId[chains.Count];
        _chainPriors = new double[chains.Count];
        _stepActivities = new ActivityId?[set.ResponseCount];
        _stepParameters = new BktParameters[set.ResponseCount];
        var moves = new int[Activities.Length];
        var learners = new int[Activities.Length];
        var lastChain = new int[Activities.Length];
        Array.Fill(lastChain, -1);
        var i = 0;
        for (var k = 0; k < chains.Count; k++)
        {
            var chain = chains[k];
            var first = responses[chain[0]];
            _learners[k] = first.Learner;
            _chainPriors[k] = parameters.PriorFor(options.PriorGroups?.GroupOf(first.Learner, first.Activity));
            for (var t = 0; t < chain.Length; t++, i++)
            {
                var activity = responses[chain[t]].Activity;
                _stepActivities[i] = activity;
                _stepParameters[i] = parameters.For(activity);
                if (t < chain.Length - 1 && activity is { } a && position.TryGetValue(a, out var p))
                {
                    moves[p]++;
                    if (lastChain[p] != k)
                    {
                        learners[p]++;
                        lastChain[p] = k;
                    }
                }
            }
        }

        Moves = [.. moves];
        Learners = [.. learners];
        Debug.Assert(_transitions.Select(t => set.TransitionSteps[t]).SequenceEqual(Moves), "the training set counts the same moves");

        // One E-step at the fitted parameters gives the evidence; the refits start from them, moved inside.
        var fitted = Estimate(parameters, forgetting: options.Forgetting, margin: 0);
        var em = new BktExpectationMaximization(set);
        em.ExpectedCounts(fitted);
        ExpectedMovesWhileUnknown = [.. _transitions.Select(t => em.Counts.Learned[t] + em.Counts.StayUnknown[t])];
        _start = Estimate(parameters, options.Forgetting, StartMargin);
    }

    public CompetencyId Competency => _fit.Competency;

    /// <summary>Whether the competency's fit can identify its parameters (<see cref="BktCompetencyFit.IsIdentifiable"/>).</summary>
    public bool IsIdentifiable => _fit.IsIdentifiable;

    /// <summary>Whether the fit's options fixed the learn rate (of every activity), so that the data did not estimate it.</summary>
    public bool LearnIsFixed => _options.FixedFor(_fit.Competency)?.Learn is not null;

    /// <summary>The activities with a learn rate of their own, in ordinal order.</summary>
    public ImmutableArray<ActivityId> Activities { get; }

    /// <summary>Per activity: answers in it followed by another answer on the competency.</summary>
    public ImmutableArray<int> Moves { get; }

    /// <summary>Per activity: learners who made at least one of those moves.</summary>
    public ImmutableArray<int> Learners { get; }

    /// <summary>Per activity: the expected moves made while not knowing the competency, at the fitted parameters.</summary>
    public ImmutableArray<double> ExpectedMovesWhileUnknown { get; }

    public int ResponseCount => _set.ResponseCount;

    /// <summary>The fitted learn rate of an activity.</summary>
    public double Learn(ActivityId activity) => _fit.Parameters.Activities[activity].Learn!.Value;

    /// <summary>The fit's options for a refit of one bootstrap sample through <see cref="BktFitter"/>: from the fitted
    /// parameters moved inside, on one thread, accepting answers all of one class. <see cref="Refit"/> runs the same EM
    /// without reading a log.</summary>
    public BktFitOptions RefitOptions => _options with
    {
        WarmStart = new BktModel([Inside(_fit.Parameters, _options.Forgetting)], allowDegenerate: true),
        MaxDegreeOfParallelism = 1,
        FitSingleClassCompetencies = true,
    };

    public static BktEfficacyBootstrap Build(ResponseLog log, int competency, BktTrainingSet set, BktCompetencyFit fit, BktFitOptions options)
        => new(log, competency, set, fit, options);

    /// <summary>The answers of bootstrap sample <paramref name="sample"/>, one per step in replay order: Corbett &amp;
    /// Anderson's generative model at the fitted parameters, as <see cref="Simulation.BktResponseSimulator"/> runs it.
    /// The stream is the seed's, the competency's and the sample's own.</summary>
    public bool[] Simulate(long seed, int sample)
    {
        var random = SeededRandom.For(seed, string.Create(CultureInfo.InvariantCulture, $"{Competency.Value}\u001Fefficacy-bootstrap\u001F{sample}"));
        var correct = new bool[_stepParameters.Length];
        var starts = _structure.ChainStarts;
        for (var k = 0; k < _learners.Length; k++)
        {
            var known = random.NextDouble() < _chainPriors[k];
            var (start, end) = (starts[k], starts[k + 1]);
            for (var i = start; i < end; i++)
            {
                var p = _stepParameters[i];
                correct[i] = random.NextDouble() < (known ? 1 - p.Slip : p.Guess);
                if (i < end - 1)
                {
                    known = known ? random.NextDouble() >= p.Forget : random.NextDouble() < p.Learn;
                }
            }
        }

        return correct;
    }

    /// <summary>The log of a sample's answers: the same learners, activities and order, for a refit through
    /// <see cref="BktFitter"/>.</summary>
    public ResponseLog ToLog(bool[] correct)
    {
        var responses = new Response[correct.Length];
        var starts = _structure.ChainStarts;
        for (var k = 0; k < _learners.Length; k++)
        {
            for (var i = starts[k]; i < starts[k + 1]; i++)
            {
                responses[i] = new Response(_learners[k], Competency, correct[i], i - starts[k], _stepActivities[i]);
            }
        }

        return ResponseLog.Create(responses);
    }

    /// <summary>Refits the competency to a sample's answers: what <see cref="BktFitter.Fit"/> does with
    /// <see cref="RefitOptions"/> on <see cref="ToLog"/>'s log (one EM run from the warm start, fixed values kept,
    /// forget rates 0 without forgetting), on the training set directly.</summary>
    /// <returns>Each activity's learn rate, in the order of <see cref="Activities"/>, and whether EM converged.</returns>
    public (double[] Learn, bool Converged) Refit(bool[] correct, CancellationToken cancellationToken)
    {
        var set = _set.WithAnswers(_structure, correct);
        var estimate = _start.Copy();
        var (_, _, converged) = new BktExpectationMaximization(set).Run(estimate, _options.Tolerance, _options.MaxIterations,
            _options.FixedFor(Competency), _options.Forgetting, _options.Accelerate, cancellationToken);
        return ([.. _transitions.Select(t => estimate.Learn[t])], converged);
    }

    // The estimate of given parameters in the training set's classes, as BktFitter's warm start builds it (with every
    // value moved at least margin inside (0, 1)), with fixed values applied and forget rates 0 without forgetting.
    private BktEstimate Estimate(BktCompetencyParameters parameters, bool forgetting, double margin)
    {
        var p = margin > 0 ? Inside(parameters, forgetting) : parameters;
        return BktFitter.Apply(BktFitter.WarmStart(_set, p, _options), _options.FixedFor(Competency), forgetting);
    }

    // The parameters with every value at least StartMargin inside (0, 1); forget rates 0 without forgetting.
    private static BktCompetencyParameters Inside(BktCompetencyParameters p, bool forgetting)
    {
        static double In(double value) => Math.Clamp(value, StartMargin, 1 - StartMargin);
        static double? InOrNull(double? value) => value is { } v ? In(v) : null;
        double? ForgetOrNull(double? value) => value is { } v ? (forgetting ? In(v) : 0) : null;
        var own = p.Parameters;
        var parameters = BktParameters.FromEstimates(In(own.Prior), In(own.Learn), In(own.Guess), In(own.Slip), forgetting ? In(own.Forget) : 0);
        var activities = p.Activities.Values.Select(a => a with { Guess = InOrNull(a.Guess), Slip = InOrNull(a.Slip), Learn = InOrNull(a.Learn), Forget = ForgetOrNull(a.Forget) });
        var groups = p.GroupPriors.Select(g => KeyValuePair.Create(g.Key, In(g.Value)));
        return new BktCompetencyParameters(p.Competency, parameters, activities, null, groups, p.PriorGroups);
    }
}
