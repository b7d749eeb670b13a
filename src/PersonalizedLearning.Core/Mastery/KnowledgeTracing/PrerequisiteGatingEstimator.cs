using System.Globalization;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>How <see cref="PrerequisiteGatingEstimator"/> fits.</summary>
/// <remarks>Every rule concerns one property, so each init accessor checks its own value at once and refuses a bad one
/// with an <see cref="ArgumentOutOfRangeException"/> whose <see cref="ArgumentException.ParamName"/> is the property's
/// name; an object initializer sets one property at a time, so the first bad one throws. A <c>with</c> expression with a
/// bad value throws too and leaves the original as it was. Options that exist are therefore valid: an estimate does not check
/// them again. Immutable and thread-safe.</remarks>
public sealed record PrerequisiteGatingOptions
{
    /// <summary>Every public property by name, numbers culture-invariant (round-trip numbers).</summary>
    /// <returns>For example <c>PrerequisiteGatingOptions { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>The defaults.</summary>
    public static PrerequisiteGatingOptions Default { get; } = new();

    /// <summary>The coverage of the Wilson intervals the factor's bounds are made from.</summary>
    /// <value>0.95; strictly between 0 and 1 (at most 1 − 2⁻⁵², so that (1 + confidence) / 2 is below 1).</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value outside that range.</exception>
    public double Confidence { get; init => field = OptionProblems.Checked(value, value > 0 && (1 + value) / 2 < 1, What, nameof(Confidence), "the confidence must be strictly between 0 and 1 (and (1 + confidence) / 2 below 1 in double precision)"); } = 0.95;

    /// <summary>The most EM iterations per link.</summary>
    /// <value>500; at least 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public int MaxIterations { get; init => field = OptionProblems.Checked(value, value >= 1, What, nameof(MaxIterations), "the iteration limit must be at least 1"); } = 500;

    /// <summary>EM stops once the log-likelihood of a link's answers rises by less than this in an iteration.</summary>
    /// <value>1e-6 (natural log units); finite and greater than 0.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not finite or not greater than 0.</exception>
    public double Tolerance { get; init => field = OptionProblems.Checked(value, double.IsFinite(value) && value > 0, What, nameof(Tolerance), "the tolerance must be finite and greater than 0"); } = 1e-6;

    /// <summary>Whether each competency may also be forgotten: after an answer on it, a learner who knew it no longer does
    /// with a fitted forgetting rate (pyBKT's <c>forgets</c>). Where learners forget between sessions, a model without
    /// forgetting reads a forgotten prerequisite as one never known, and the dependent's learning meanwhile as learning
    /// without it.</summary>
    /// <value>True.</value>
    public bool Forgetting { get; init; } = true;

    /// <summary>Whether links borrow strength from each other (partial pooling): each link's factor bounds come from its
    /// own answers and a prior at the framework-wide factor, as strong as the links' agreement warrants (empirical Bayes,
    /// <see cref="PrerequisiteGating.PoolingStrength"/>). A class's log says little about each link; where the links gate
    /// alike, pooling gives each the class's evidence, and where they differ, each keeps its own.</summary>
    /// <value>True.</value>
    public bool Pooling { get; init; } = true;

    private const string What = "prerequisite-gating options";
}

/// <summary>
/// Learns from a log of answers across learners how strongly each prerequisite link of a framework gates learning:
/// per link, the dependent's learn rate while the prerequisite is known and while it is not.
/// </summary>
/// <remarks>
/// <para>Per link (prerequisite P → dependent D), each learner's answers on P and D, in order, are one sequence of a
/// hidden Markov model over the four joint states (P known or not) × (D known or not): the two-skill dynamic Bayesian
/// network of Käser, Klingler, Schwing and Gross (2014, ITS, "Beyond knowledge tracing: modeling skill topologies with
/// Bayesian networks"). An answer on a competency is correct with probability 1 − slip if it is known and guess if not
/// (BKT; the guess and slip of the <c>model</c> given, as a host fits them with <see cref="BktFitter"/>). After an
/// answer on P, P is learned with rate T_P; after an answer on D, D is learned with rate T_ready if P is known at that
/// moment and T_unready if not. With <see cref="PrerequisiteGatingOptions.Forgetting"/> (the default), the competency
/// answered may also be forgotten, at a rate of its own. EM (Baum–Welch, with scaled forward–backward) fits the joint
/// prior of the four states and the rates, from a start at the model's priors and learn rates (T_unready at half of
/// T_ready, forgetting at 0.01), until the log-likelihood rises by less than
/// <see cref="PrerequisiteGatingOptions.Tolerance"/>.</para>
/// <para>With <see cref="PrerequisiteGatingOptions.Pooling"/> (the default), links borrow strength from each other
/// (empirical Bayes): each link's unready rate gets a beta prior whose mean is the other links' pooled factor times its
/// own ready rate, and whose strength κ comes from the method of moments on the beta-binomial (Kleinman 1973): κ =
/// m(1 − m) / τ² − 1, τ² the spread of the links' unready rates about their pooled means beyond what their counts
/// explain (every unready answer of the other links when they agree; 0 when fewer than two links have any).</para>
/// <para>The factor's bounds come from Wilson score intervals (Wilson 1927) on each rate (the unready one with its prior's
/// pseudo-counts added), with the E-step's expected counts as the trials (answers on D while D was not known, with P known or not) and the expected learning moves as
/// the successes: lower = unready's lower bound / ready's upper bound, upper = unready's upper / ready's lower (at most 1).
/// A link the log says little about gets wide bounds (lower near 0), so a recommender relying on the lower bound treats
/// it as hard.</para>
/// <para>Each link is fitted on its own; the dependent's other prerequisites are not in its model, so under a
/// dependent with several hard prerequisites the ready rate is lowered by those the learner lacks. A link no learner
/// answered both competencies of is left out (hard). Answers on competencies the framework lacks are ignored. The
/// bounds are approximate (expected counts stand in for counts, and the ratio of two intervals for an interval of the
/// ratio): with a class of 30, a hard link's lower bound was measured up to about 0.15, which is why the recommender
/// weighs it against what skipping saves rather than trusting any lower bound above 0.</para>
/// <para>Cost: per link, iterations × (answers on P and D) × 4 states. Deterministic; thread-safe (holds no
/// state).</para>
/// </remarks>
public static class PrerequisiteGatingEstimator
{
    /// <summary>Estimates every prerequisite link of a framework from a log.</summary>
    /// <param name="log">The answers, across learners; each learner's in <see cref="Response.Order"/> (ties by their
    /// position in the log).</param>
    /// <param name="framework">The framework whose links are estimated.</param>
    /// <param name="model">The BKT model whose guess, slip, prior and learn rates the fit starts from and whose guess and
    /// slip it keeps; competencies it does not name use its default parameters.</param>
    /// <param name="options">How to fit, or null for <see cref="PrerequisiteGatingOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the estimate between links.</param>
    /// <returns>The gating of every link with at least one learner who answered on both its competencies, in the
    /// framework's order of dependents and then of their prerequisites.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/>, <paramref name="framework"/> or
    /// <paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">The model has no parameters for a competency of a link the log answers, and no default parameters.</exception>
    /// <exception cref="OperationCanceledException">The estimate was cancelled.</exception>
    public static PrerequisiteGating Estimate(ResponseLog log, CompetencyFramework framework, BktModel model,
        PrerequisiteGatingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(model);
        options ??= PrerequisiteGatingOptions.Default;
        var z = NormalQuantile((1 + options.Confidence) / 2);

        // Each learner's answers in order: (framework index, correct), answers outside the framework left out.
        var sequences = new Dictionary<LearnerId, List<(long Order, int Position, int Competency, bool Correct)>>();
        var responses = log.Responses;
        for (var i = 0; i < responses.Length; i++)
        {
            var r = responses[i];
            if (!framework.TryGetIndex(r.Competency, out var c))
            {
                continue;
            }

            if (!sequences.TryGetValue(r.Learner, out var list))
            {
                sequences[r.Learner] = list = [];
            }

            list.Add((r.Order, i, c, r.Correct));
        }

        var learners = sequences.OrderBy(kv => kv.Key).Select(kv =>
        {
            kv.Value.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Position.CompareTo(b.Position));
            return (Competencies: kv.Value.Select(x => x.Competency).ToArray(), Correct: kv.Value.Select(x => x.Correct).ToArray());
        }).ToArray();

        var fits = new List<LinkFit>();
        var fit = new PairFit();
        for (var d = 0; d < framework.Count; d++)
        {
            var prerequisites = framework.PrerequisiteIndices(d);
            for (var k = 0; k < prerequisites.Length; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var p = prerequisites[k];
                if (fit.Load(learners, p, d) == 0)
                {
                    continue;
                }

                var prerequisiteParameters = ParametersOf(model, framework.Competencies[p].Id);
                var dependentParameters = ParametersOf(model, framework.Competencies[d].Id);
                fit.Run(prerequisiteParameters, dependentParameters, options.MaxIterations, options.Tolerance, options.Forgetting);
                fits.Add(new LinkFit(framework.Competencies[p].Id, framework.Competencies[d].Id, fit.LearnReady, fit.LearnUnready,
                    fit.ReadyMoves, fit.ReadyTrials, fit.UnreadyMoves, fit.UnreadyTrials, fit.DependentLearners));
            }
        }

        var stats = fits.Select(f => (f.LearnReady, f.UnreadyMoves, f.UnreadyTrials, f.ReadyMoves, f.ReadyTrials)).ToArray();
        var (pooled, strength) = options.Pooling ? Pool(stats) : (double.NaN, 0.0);
        var unreadyAnswers = stats.Sum(x => x.UnreadyTrials);
        var links = new List<PrerequisiteLinkGating>(fits.Count);
        for (var l = 0; l < fits.Count; l++)
        {
            // Partial pooling: the unready rate's prior has mean (the other links' pooled factor) × the link's ready rate,
            // and the strength of κ answers (at most the other links' unready answers: a link never counts its own twice).
            var f = fits[l];
            var others = strength > 0 ? PooledFactor(stats, l) : double.NaN;
            var weight = double.IsNaN(others) ? 0 : Math.Min(strength, unreadyAnswers - f.UnreadyTrials);
            var prior = weight > 0 ? Math.Clamp(others * f.LearnReady, 1e-9, 1 - 1e-9) : 0;
            var (readyLow, readyHigh) = Wilson(f.ReadyMoves, f.ReadyTrials, z);
            var (unreadyLow, unreadyHigh) = Wilson(f.UnreadyMoves + (weight * prior), f.UnreadyTrials + weight, z);
            var lower = readyHigh > 0 ? Math.Clamp(unreadyLow / readyHigh, 0, 1) : 0;
            var upper = readyLow > 0 ? Math.Clamp(unreadyHigh / readyLow, lower, 1) : 1;
            links.Add(new PrerequisiteLinkGating(f.Prerequisite, f.Dependent, f.LearnReady, f.LearnUnready, lower, upper,
                f.UnreadyTrials, f.ReadyTrials, f.Learners));
        }

        return new PrerequisiteGating(framework, links, pooled, strength);
    }

    private static BktParameters ParametersOf(BktModel model, CompetencyId competency) =>
        model.Competencies.ContainsKey(competency) || model.DefaultParameters is not null ? model.ParametersFor(competency)
            : throw new ArgumentException($"The model has no parameters for '{competency}' and no default parameters.", nameof(model));

    private sealed record LinkFit(CompetencyId Prerequisite, CompetencyId Dependent, double LearnReady, double LearnUnready,
        double ReadyMoves, double ReadyTrials, double UnreadyMoves, double UnreadyTrials, int Learners);

    // The framework-wide factor (all links' unready moves over their trials, over the same for ready) and, by the method
    // of moments on the beta-binomial (Kleinman 1973), how strongly the links' unready rates cluster around it: the prior
    // strength κ = m(1 − m) / τ² − 1, where τ² is the variance of the links' unready rates about their pooled means beyond
    // what their own counts explain. Links that agree (τ² ≤ 0) pool fully (κ = all unready answers); links that disagree
    // (a graph with some hard links and some spurious ones) keep their own estimates.
    // The heterogeneity needs at least two links.
    internal static (double Factor, double Strength) Pool(IReadOnlyList<(double LearnReady, double UnreadyMoves, double UnreadyTrials, double ReadyMoves, double ReadyTrials)> links)
    {
        var factor = PooledFactor(links, -1);
        if (double.IsNaN(factor))
        {
            return (double.NaN, 0);
        }

        var unreadyTrials = 0.0;
        foreach (var l in links)
        {
            unreadyTrials += l.UnreadyTrials;
        }

        double excess = 0, spread = 0;
        var counted = 0;
        foreach (var l in links)
        {
            if (l.UnreadyTrials < 1)
            {
                continue;
            }

            var mean = Math.Clamp(factor * l.LearnReady, 1e-9, 1 - 1e-9);
            var rate = l.UnreadyMoves / l.UnreadyTrials;
            excess += ((rate - mean) * (rate - mean)) - (mean * (1 - mean) / l.UnreadyTrials);
            spread += mean * (1 - mean);
            counted++;
        }

        if (counted < 2)
        {
            return (factor, 0);
        }

        var variance = excess / counted;
        var strength = variance <= 0 ? unreadyTrials : Math.Clamp((spread / counted / variance) - 1, 0, unreadyTrials);
        return (factor, strength);
    }

    // All links' unready moves over their trials, over the same with the prerequisite known, at most 1; all links but
    // `leaveOut` (an index, or −1 for none). NaN when either kind has no trials.
    private static double PooledFactor(IReadOnlyList<(double LearnReady, double UnreadyMoves, double UnreadyTrials, double ReadyMoves, double ReadyTrials)> links, int leaveOut)
    {
        double readyMoves = 0, readyTrials = 0, unreadyMoves = 0, unreadyTrials = 0;
        for (var i = 0; i < links.Count; i++)
        {
            if (i == leaveOut)
            {
                continue;
            }

            var l = links[i];
            readyMoves += l.ReadyMoves;
            readyTrials += l.ReadyTrials;
            unreadyMoves += l.UnreadyMoves;
            unreadyTrials += l.UnreadyTrials;
        }

        if (!(readyTrials > 0 && unreadyTrials > 0))
        {
            return double.NaN;
        }

        var ready = readyMoves / readyTrials;
        var unready = unreadyMoves / unreadyTrials;
        return ready > 0 ? Math.Min(1, unready / ready) : unready > 0 ? 1 : 0;
    }

    // The Wilson score interval for x successes in n trials (real-valued expected counts), clamped to [0, 1].
    internal static (double Low, double High) Wilson(double x, double n, double z)
    {
        if (!(n > 0))
        {
            return (0, 1);
        }

        var p = Math.Clamp(x / n, 0, 1);
        var z2 = z * z;
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = z / (1 + (z2 / n)) * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return (Math.Clamp(centre - half, 0, 1), Math.Clamp(centre + half, 0, 1));
    }

    // The standard normal quantile, by Acklam's rational approximation (P. J. Acklam, "An algorithm for computing the
    // inverse normal cumulative distribution function", 2003; relative error below 1.15e-9), more than intervals need.
    internal static double NormalQuantile(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A quantile's probability must be strictly between 0 and 1.");
        }

        ReadOnlySpan<double> a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        ReadOnlySpan<double> b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        ReadOnlySpan<double> c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        ReadOnlySpan<double> d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double Low = 0.02425;
        if (p < Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        if (p > 1 - Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }

    // One link's EM. States: bit 0 = the prerequisite known, bit 1 = the dependent known.
    private sealed class PairFit
    {
        private readonly List<int> _starts = [];
        private readonly List<bool> _onDependent = [];
        private readonly List<bool> _correct = [];
        private double[] _alpha = [];
        private double[] _beta = [];
        private double[] _scale = [];

        public double LearnReady { get; private set; }

        public double LearnUnready { get; private set; }

        public double ReadyMoves { get; private set; }

        public double ReadyTrials { get; private set; }

        public double UnreadyMoves { get; private set; }

        public double UnreadyTrials { get; private set; }

        public int DependentLearners { get; private set; }

        // Loads every learner's answers on the two; returns how many learners answered on both.
        public int Load((int[] Competencies, bool[] Correct)[] learners, int prerequisite, int dependent)
        {
            _starts.Clear();
            _onDependent.Clear();
            _correct.Clear();
            var both = 0;
            DependentLearners = 0;
            foreach (var (competencies, correct) in learners)
            {
                var start = _onDependent.Count;
                bool sawPrerequisite = false, sawDependent = false;
                for (var i = 0; i < competencies.Length; i++)
                {
                    if (competencies[i] == prerequisite || competencies[i] == dependent)
                    {
                        _onDependent.Add(competencies[i] == dependent);
                        _correct.Add(correct[i]);
                        sawDependent |= competencies[i] == dependent;
                        sawPrerequisite |= competencies[i] == prerequisite;
                    }
                }

                if (_onDependent.Count > start)
                {
                    _starts.Add(start);
                }

                DependentLearners += sawDependent ? 1 : 0;
                both += sawDependent && sawPrerequisite ? 1 : 0;
            }

            _starts.Add(_onDependent.Count);
            var n = _onDependent.Count;
            if (_alpha.Length < 4 * n)
            {
                _alpha = new double[4 * n];
                _beta = new double[4 * n];
                _scale = new double[n];
            }

            return both;
        }

        public void Run(BktParameters prerequisite, BktParameters dependent, int maxIterations, double tolerance, bool forgetting)
        {
            Span<double> prior = [
                (1 - prerequisite.Prior) * (1 - dependent.Prior), prerequisite.Prior * (1 - dependent.Prior),
                (1 - prerequisite.Prior) * dependent.Prior, prerequisite.Prior * dependent.Prior];
            var rates = new Rates
            {
                LearnPrerequisite = Inside(prerequisite.Learn),
                LearnReady = Inside(dependent.Learn),
                LearnUnready = Inside(dependent.Learn) / 2,
                ForgetPrerequisite = forgetting ? 0.01 : 0,
                ForgetDependent = forgetting ? 0.01 : 0,
            };
            Span<double> correctIfKnown = [1 - prerequisite.Slip, 1 - dependent.Slip];
            Span<double> correctIfUnknown = [prerequisite.Guess, dependent.Guess];
            var previous = double.NegativeInfinity;
            Span<double> newPrior = stackalloc double[4];

            // Expected counts, by the competency answered: [0] the prerequisite, [1] the dependent while the prerequisite
            // is known, [2] the dependent while it is not. Trials and moves out of the unknown state (learning), and out
            // of the known state (forgetting).
            Span<double> learnTrials = stackalloc double[3];
            Span<double> learnMoves = stackalloc double[3];
            Span<double> forgetTrials = stackalloc double[2];
            Span<double> forgetMoves = stackalloc double[2];
            for (var iteration = 0; iteration < maxIterations; iteration++)
            {
                newPrior.Clear();
                learnTrials.Clear();
                learnMoves.Clear();
                forgetTrials.Clear();
                forgetMoves.Clear();
                var logLikelihood = 0.0;
                var sequences = 0;
                for (var q = 0; q + 1 < _starts.Count; q++)
                {
                    var start = _starts[q];
                    var end = _starts[q + 1];
                    sequences++;

                    // Forward, scaled.
                    for (var t = start; t < end; t++)
                    {
                        var sum = 0.0;
                        for (var s = 0; s < 4; s++)
                        {
                            double into;
                            if (t == start)
                            {
                                into = prior[s];
                            }
                            else
                            {
                                into = 0;
                                for (var r = 0; r < 4; r++)
                                {
                                    into += _alpha[(4 * (t - 1)) + r] * rates.Transition(r, s, _onDependent[t - 1]);
                                }
                            }

                            var joint = into * Emission(s, t, correctIfKnown, correctIfUnknown);
                            _alpha[(4 * t) + s] = joint;
                            sum += joint;
                        }

                        sum = Math.Max(sum, double.Epsilon);
                        _scale[t] = sum;
                        logLikelihood += Math.Log(sum);
                        for (var s = 0; s < 4; s++)
                        {
                            _alpha[(4 * t) + s] /= sum;
                        }
                    }

                    // Backward, with the same scales.
                    for (var s = 0; s < 4; s++)
                    {
                        _beta[(4 * (end - 1)) + s] = 1;
                    }

                    for (var t = end - 2; t >= start; t--)
                    {
                        for (var s = 0; s < 4; s++)
                        {
                            var sum = 0.0;
                            for (var r = 0; r < 4; r++)
                            {
                                sum += rates.Transition(s, r, _onDependent[t]) * Emission(r, t + 1, correctIfKnown, correctIfUnknown) * _beta[(4 * (t + 1)) + r];
                            }

                            _beta[(4 * t) + s] = sum / _scale[t + 1];
                        }
                    }

                    // Expected counts: the first state, and the moves after every answer but the last.
                    for (var s = 0; s < 4; s++)
                    {
                        newPrior[s] += _alpha[(4 * start) + s] * _beta[(4 * start) + s];
                    }

                    for (var t = start; t + 1 < end; t++)
                    {
                        var onDependent = _onDependent[t];
                        var bit = onDependent ? 2 : 1;
                        for (var s = 0; s < 4; s++)
                        {
                            var gamma = _alpha[(4 * t) + s] * _beta[(4 * t) + s];
                            var to = s ^ bit;
                            var xi = _alpha[(4 * t) + s] * rates.Transition(s, to, onDependent) * Emission(to, t + 1, correctIfKnown, correctIfUnknown)
                                * _beta[(4 * (t + 1)) + to] / _scale[t + 1];
                            if ((s & bit) != 0)
                            {
                                forgetTrials[onDependent ? 1 : 0] += gamma;
                                forgetMoves[onDependent ? 1 : 0] += xi;
                            }
                            else
                            {
                                var kind = !onDependent ? 0 : (s & 1) != 0 ? 1 : 2;
                                learnTrials[kind] += gamma;
                                learnMoves[kind] += xi;
                            }
                        }
                    }
                }

                ReadyMoves = learnMoves[1];
                ReadyTrials = learnTrials[1];
                UnreadyMoves = learnMoves[2];
                UnreadyTrials = learnTrials[2];
                LearnReady = rates.LearnReady;
                LearnUnready = rates.LearnUnready;
                if (logLikelihood - previous < tolerance)
                {
                    break;
                }

                previous = logLikelihood;
                for (var s = 0; s < 4; s++)
                {
                    prior[s] = newPrior[s] / sequences;
                }

                rates.LearnPrerequisite = Rate(learnMoves[0], learnTrials[0], rates.LearnPrerequisite);
                rates.LearnReady = Rate(learnMoves[1], learnTrials[1], rates.LearnReady);
                rates.LearnUnready = Rate(learnMoves[2], learnTrials[2], rates.LearnUnready);
                if (forgetting)
                {
                    rates.ForgetPrerequisite = Rate(forgetMoves[0], forgetTrials[0], rates.ForgetPrerequisite);
                    rates.ForgetDependent = Rate(forgetMoves[1], forgetTrials[1], rates.ForgetDependent);
                }
            }
        }

        private static double Rate(double moves, double trials, double otherwise) => trials > 0 ? Math.Clamp(moves / trials, 0, 1) : otherwise;

        // The chance of the answer at t in state s: BKT's emission for the competency answered.
        private double Emission(int s, int t, ReadOnlySpan<double> correctIfKnown, ReadOnlySpan<double> correctIfUnknown)
        {
            var onDependent = _onDependent[t];
            var k = onDependent ? 1 : 0;
            var p = (s & (onDependent ? 2 : 1)) != 0 ? correctIfKnown[k] : correctIfUnknown[k];

            // Kept off 0 and 1, so that an answer a model with guess or slip 0 calls impossible lowers the likelihood
            // instead of zeroing every state.
            return Math.Clamp(_correct[t] ? p : 1 - p, 1e-9, 1 - 1e-9);
        }

        private static double Inside(double rate) => Math.Clamp(rate, 0.01, 0.99);

        // After an answer on one competency, only that one may change: learned at its rate (the dependent's depends on
        // whether the prerequisite is known), or forgotten at its forgetting rate; the other never changes.
        private struct Rates
        {
            public double LearnPrerequisite;
            public double LearnReady;
            public double LearnUnready;
            public double ForgetPrerequisite;
            public double ForgetDependent;

            public readonly double Transition(int from, int to, bool onDependent)
            {
                var bit = onDependent ? 2 : 1;
                if (((from ^ to) & ~bit) != 0)
                {
                    return 0;
                }

                var known = (from & bit) != 0;
                var rate = known ? (onDependent ? ForgetDependent : ForgetPrerequisite)
                    : !onDependent ? LearnPrerequisite : (from & 1) != 0 ? LearnReady : LearnUnready;
                return (from ^ to) != 0 ? rate : 1 - rate;
            }
        }
    }
}
