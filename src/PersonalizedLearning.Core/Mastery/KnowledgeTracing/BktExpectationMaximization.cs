using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// Baum–Welch for the two-state BKT hidden Markov model (Rabiner 1989; pyBKT's E_step and M_step), exact at any
/// parameters and chain length: a forward pass that gives the log-likelihood, a backward (smoothing) pass that gives
/// the expected counts, and closed-form re-estimates. Works on one competency's <see cref="BktTrainingSet"/>, with a
/// prior per group, a learn and forget rate per transition class and a guess and slip per guess/slip class.
/// </summary>
/// <remarks>
/// <para>Exactness. The passes carry P(known) and P(unknown) separately and compute every quantity as a sum of
/// nonnegative products (never 1 − p), so each keeps its relative precision. The fast path runs on doubles, four chains
/// at a time in the lanes of a <see cref="Vector256{T}"/>; it is exact as long as nothing underflows, which it
/// guarantees by checking that every predicted and smoothed probability is at least 2^-700 (and every parameter at
/// least 2^-60, or the whole competency takes the exact path). A group of four chains that comes closer to 0 goes, when
/// nothing forgets, to the scaled tier: the same arithmetic with each lane's P(unknown) carried times 1 or 2^960 (a
/// learner who learned early has a P(unknown) that only shrinks, and on long chains leaves the double range while
/// nothing else does); a group that needed it starts there at the next pass. What is still out of range is recomputed
/// four chains at a time in <see cref="ExtendedLanes"/> arithmetic, which has the same precision and no underflow. Real
/// logs with slips of 1e-7 and chains of thousands of answers need this; pyBKT loses P(unknown) there.</para>
/// <para>Four chains at a time: a chain's recursion is one long dependency (each step needs the last), so a single
/// chain keeps the core waiting on latency; four independent chains fill that time. Chains shorter than their group's
/// longest are padded with steps that observe nothing and do not move (learn and forget 0), which changes no posterior
/// at a real step, and padded steps carry weight 0 in every count.</para>
/// <para>The scratch buffers are allocated once per instance; an instance serves one thread.</para>
/// </remarks>
internal sealed class BktExpectationMaximization
{
    // Every probability the fast path divides by or keeps is at least this, or the group goes to the exact path.
    private const double Floor = 1.90109156629516e-211; // 2^-700

    // Every parameter and complement the fast path multiplies by is 0 (handled exactly) or at least this.
    private const double ParameterFloor = 8.673617379884035e-19; // 2^-60

    // Extrapolated parameters stay this far inside (0, 1), where the fast path applies.
    private const double ExtrapolationMargin = 1e-12;

    // The forward pass's unnormalized state is scaled up by 2^100 (exactly) when its sum falls below 2^-100, so the sum
    // stays above 2^-161 and each part of an exact lane (at least 2^-700 of the sum) above 2^-861, and no product of it
    // with two parameters underflows.
    private const double RescaleBelow = 7.888609052210118e-31; // 2^-100
    private const double RescaleBy = 1.2676506002282294e+30; // 2^100
    private const double LogRescaleBy = 69.31471805599453; // 100 · ln 2

    // The scaled tier (no forgetting): a lane whose P(unknown) falls below 2^-640 of its P(known) carries P(unknown)
    // times 2^960 more (one level up; levels 0, 1, 2, ..., P(unknown) carried times 2^(960 · level)), and goes a level
    // back when the carried value rises above 2^640 of P(known). Between the two it is at least 2^-640 of P(known) as
    // carried, so no part of it underflows; what it adds to P(known) and to the evidence is multiplied back first (it is
    // below 2^-320 of P(known), nothing beside it), and what it adds to the counts is multiplied back in two exact steps
    // (see Factors), so that a value of at least 2^-1022 keeps every bit and a smaller one rounds once.
    private const double ScaleBelow = 2.191809349008403e-193; // 2^-640
    private const double ScaleAbove = 4.562440617622195e+192; // 2^640
    private const double ScaleUp = 9.7453140114e+288; // 2^960
    private const double ScaleDown = 1.0261342003245941e-289; // 2^-960
    private const double ScaleCeiling = 1.94906280228e+289; // 2^961

    private readonly BktTrainingSet _set;
    private readonly LaneLayout _lanes;
    private readonly bool _vectorize;
    private readonly bool _general;

    // The forward pass of one group: filtered P(known), P(unknown) per row.
    // (Taken at each pass from the thread's scratch, see t_filteredKnown.)
    private Vector256<double>[] _filteredKnown = [];
    private Vector256<double>[] _filteredUnknown = [];

    // The forward pass's scratch per thread, shared by every instance the thread runs one after another: a fit runs
    // one instance per competency and start (hundreds), and allocating these per instance was most of what it allocated.
    [ThreadStatic]
    private static Vector256<double>[]? t_filteredKnown;
    [ThreadStatic]
    private static Vector256<double>[]? t_filteredUnknown;
    [ThreadStatic]
    private static Vector256<double>[]? t_filteredLevel;

    // The scaled tier's level per row and lane: 0, or k where P(unknown) is carried times 2^(960 · k) (see Factors).
    private Vector256<double>[] _filteredLevel = [];

    // Per group: whether the last pass needed the scaled tier (the next starts there); whether a scaled run scaled a lane.
    private readonly bool[] _startScaled;
    private bool _rescaled;

    // The general path (several classes or transitions) keeps the smoothed values and expected moves of a group until
    // the group is known to be exact, then adds them to their classes.
    private readonly Vector256<double>[] _smoothedKnown = [];
    private readonly Vector256<double>[] _smoothedUnknown = [];
    private readonly Vector256<double>[] _stayKnownMoves = [];
    private readonly Vector256<double>[] _forgotMoves = [];
    private readonly Vector256<double>[] _stayUnknownMoves = [];
    private readonly Vector256<double>[] _learnedMoves = [];

    // Per symbol (and padding): P(answer | known), P(answer | unknown). Per transition class (and padding): learn, forget.
    private readonly double[] _ifKnown;
    private readonly double[] _ifUnknown;
    private readonly double[] _learn;
    private readonly double[] _forget;

    // The vector exact path's scratch for one group, and its parameters in extended form (per E-step).
    private ExtendedLanes[] _laneFilteredKnown = [];
    private ExtendedLanes[] _laneFilteredUnknown = [];
    private readonly ExtendedDouble[] _exactIfKnown;
    private readonly ExtendedDouble[] _exactIfUnknown;
    private readonly ExtendedDouble[] _exactLearn;
    private readonly ExtendedDouble[] _exactForget;
    private readonly ExtendedDouble[] _exactStay;
    private readonly ExtendedDouble[] _exactKeep;
    private readonly ExtendedDouble[] _exactPrior;
    private readonly ExtendedDouble[] _exactNotPrior;
    private bool _exactTabulated;

    // The exact path's scratch for one chain.
    private ExtendedDouble[] _exactPredictedKnown = [];
    private ExtendedDouble[] _exactPredictedUnknown = [];
    private ExtendedDouble[] _exactFilteredKnown = [];
    private ExtendedDouble[] _exactFilteredUnknown = [];

    public BktExpectationMaximization(BktTrainingSet set, bool vectorize = true)
    {
        _set = set;
        _lanes = set.Lanes;
        _vectorize = vectorize;
        _general = set.ClassCount > 1 || set.Transitions is not null;
        var rows = set.MaxLength;
        _startScaled = new bool[_lanes.GroupCount];
        if (_general)
        {
            _smoothedKnown = new Vector256<double>[rows];
            _smoothedUnknown = new Vector256<double>[rows];
            _stayKnownMoves = new Vector256<double>[rows];
            _forgotMoves = new Vector256<double>[rows];
            _stayUnknownMoves = new Vector256<double>[rows];
            _learnedMoves = new Vector256<double>[rows];
        }

        _ifKnown = new double[(set.ClassCount * 2) + 1];
        _ifUnknown = new double[_ifKnown.Length];
        _learn = new double[set.TransitionCount + 1];
        _forget = new double[_learn.Length];
        _exactIfKnown = new ExtendedDouble[_ifKnown.Length];
        _exactIfUnknown = new ExtendedDouble[_ifKnown.Length];
        _exactLearn = new ExtendedDouble[_learn.Length];
        _exactForget = new ExtendedDouble[_learn.Length];
        _exactStay = new ExtendedDouble[_learn.Length];
        _exactKeep = new ExtendedDouble[_learn.Length];
        _exactPrior = new ExtendedDouble[set.GroupCount];
        _exactNotPrior = new ExtendedDouble[set.GroupCount];
        Counts = new ExpectedCounts(set.GroupCount, set.TransitionCount, set.ClassCount);
    }

    /// <summary>The expected counts of the last E-step.</summary>
    public ExpectedCounts Counts { get; }

    /// <summary>How many groups of four chains the last pass had to recompute in part in extended range.</summary>
    public int ExactGroups { get; private set; }

    /// <summary>How many groups of four chains the last pass recomputed in part in the scaled tier (and no further).</summary>
    public int ScaledGroups { get; private set; }

    /// <summary>
    /// Runs EM from a start until the log-likelihood changes by less than the tolerance (pyBKT's rule, from the third
    /// evaluation on) or the budget of E-steps is spent. With <paramref name="accelerate"/>, SQUAREM (Varadhan &amp;
    /// Roland 2008, scheme SqS3) extrapolates along the path of two EM steps and keeps the result only when its
    /// likelihood is at least that of the second step, so the likelihood never falls; it typically needs a fraction of
    /// the E-steps plain EM needs, which matters because BKT's EM converges slowly where parameters are weakly identified.
    /// </summary>
    /// <returns>The log-likelihood of the returned estimate, the E-steps run, and whether it converged.</returns>
    /// <remarks>With a <paramref name="reference"/> (another start's converged estimate and its log-likelihood), the
    /// run also stops as soon as it comes within <see cref="SameOptimum"/> of the reference in every parameter while
    /// its likelihood is not above the reference's: it is converging to the same optimum and cannot win (pyBKT keeps
    /// the best start; an equal one loses the tie to the earlier start).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (double LogLikelihood, int Iterations, bool Converged) Run(BktEstimate estimate, double tolerance, int maxIterations, BktFixedParameters? fixedValues, bool forgetting, bool accelerate, CancellationToken cancellationToken, (BktEstimate Estimate, double LogLikelihood)? reference = null)
    {
        var previous = double.NegativeInfinity;
        var evaluations = 0;
        if (!accelerate)
        {
            for (var i = 0; i < maxIterations; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var logLikelihood = ExpectedCounts(estimate);
                evaluations++;
                if ((i > 1 && Math.Abs(logLikelihood - previous) < tolerance) || Joins(estimate, logLikelihood, reference))
                {
                    return (logLikelihood, evaluations, true);
                }

                estimate.Maximize(Counts, fixedValues, forgetting);
                previous = logLikelihood;
            }

            // The last M-step moved the estimate after its likelihood was computed: report the likelihood of what is returned.
            return (LogLikelihood(estimate), evaluations, false);
        }

        var n = estimate.Length;
        var start = new double[n];
        var first = new double[n];
        var second = new double[n];
        var jump = new double[n];
        var step1 = estimate.Copy();
        var cycles = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var logLikelihood = ExpectedCounts(estimate);
            evaluations++;
            var converged = (cycles > 1 && Math.Abs(logLikelihood - previous) < tolerance) || Joins(estimate, logLikelihood, reference);
            if (converged || evaluations >= maxIterations)
            {
                return (logLikelihood, evaluations, converged);
            }

            previous = logLikelihood;
            cycles++;
            estimate.ToVector(start);
            estimate.Maximize(Counts, fixedValues, forgetting);
            estimate.ToVector(first);
            var firstLogLikelihood = ExpectedCounts(estimate);
            evaluations++;
            estimate.Maximize(Counts, fixedValues, forgetting);
            estimate.ToVector(second);
            if (evaluations >= maxIterations - 1)
            {
                continue;
            }

            // r = θ1 − θ0, v = (θ2 − θ1) − r; the step length α = −|r| / |v|, at most −1 (−1 gives θ2 itself).
            double rr = 0, vv = 0;
            for (var i = 0; i < n; i++)
            {
                var r = first[i] - start[i];
                var v = second[i] - first[i] - r;
                rr += r * r;
                vv += v * v;
            }

            if (!(vv > 0 && rr > 0))
            {
                continue;
            }

            var alpha = Math.Min(-1, -Math.Sqrt(rr / vv));
            var inside = false;
            for (var attempt = 0; attempt < 20 && alpha < -1; attempt++)
            {
                inside = true;
                for (var i = 0; i < n; i++)
                {
                    var r = first[i] - start[i];
                    var v = second[i] - first[i] - r;
                    jump[i] = start[i] - (2 * alpha * r) + (alpha * alpha * v);
                    inside &= jump[i] >= ExtrapolationMargin && jump[i] <= 1 - ExtrapolationMargin
                        || jump[i] == second[i];
                }

                if (inside)
                {
                    break;
                }

                alpha = (alpha - 1) / 2;
            }

            if (!inside || alpha >= -1)
            {
                continue;
            }

            // Keep the extrapolation only if it is at least as likely as the first EM step; then stabilize it with
            // one EM step. Otherwise go on from θ2, which plain EM would have reached.
            step1.CopyFrom(estimate);
            estimate.FromVector(jump);
            var jumpLogLikelihood = ExpectedCounts(estimate);
            evaluations++;
            if (jumpLogLikelihood >= firstLogLikelihood)
            {
                estimate.Maximize(Counts, fixedValues, forgetting);
            }
            else
            {
                estimate.CopyFrom(step1);
            }
        }
    }

    /// <summary>How close (in every parameter) a run must come to a reference estimate to be taken as converging to
    /// the same optimum.</summary>
    public const double SameOptimum = 1e-4;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Joins(BktEstimate estimate, double logLikelihood, (BktEstimate Estimate, double LogLikelihood)? reference)
    {
        if (reference is not { } r || logLikelihood > r.LogLikelihood)
        {
            return false;
        }

        static bool Near(double[] a, double[] b)
        {
            for (var i = 0; i < a.Length; i++)
            {
                if (!(Math.Abs(a[i] - b[i]) < SameOptimum))
                {
                    return false;
                }
            }

            return true;
        }

        var e = r.Estimate;
        return Near(estimate.Prior, e.Prior) && Near(estimate.Learn, e.Learn) && Near(estimate.Forget, e.Forget)
            && Near(estimate.Guess, e.Guess) && Near(estimate.Slip, e.Slip);
    }

    /// <summary>The log-likelihood of the training set under an estimate, as a sum over answers of the log of each
    /// answer's one-step-ahead probability, taken as log1p(−P(other answer)) where the other answer is the less likely
    /// one: exact relative to the total even when nearly every answer was near-certain and the total is tiny (the
    /// passes' log of a product keeps only absolute precision, about 1e-16 per answer). Extended range, chain by
    /// chain: for the fit's reported value in that case only.</summary>
    public static double NearCertainLogLikelihood(BktTrainingSet set, BktEstimate e)
    {
        var total = 0.0;
        for (var k = 0; k < set.DistinctChainCount; k++)
        {
            var (start, end) = (set.Starts[k], set.Starts[k + 1]);
            var prior = e.Prior[set.Groups?[k] ?? 0];
            var known = ExtendedDouble.From(prior);
            var unknown = ExtendedDouble.From(1 - prior);
            var chain = 0.0;
            for (var i = start; i < end; i++)
            {
                var symbol = set.Symbols[i];
                var (ifKnown, ifUnknown) = Emissions(e, symbol);
                var (otherIfKnown, otherIfUnknown) = Emissions(e, symbol ^ 1);
                var joinKnown = known * ifKnown;
                var joinUnknown = unknown * ifUnknown;
                var evidence = joinKnown + joinUnknown;
                var other = (known * otherIfKnown) + (unknown * otherIfUnknown);
                var all = evidence + other;
                if (evidence.IsZero)
                {
                    return double.NegativeInfinity;
                }

                var otherShare = (other / all).ToDouble();
                chain += ProbabilityLog.Of((evidence / all).ToDouble(), otherShare);
                (known, unknown) = Move(e, set.Transitions?[i] ?? 0, joinKnown / evidence, joinUnknown / evidence);
            }

            total += set.Multiplicity[k] * chain;
        }

        return total;
    }

    /// <summary>The log-likelihood of the training set under an estimate (a forward pass only).</summary>
    public double LogLikelihood(BktEstimate e) => Pass(e, collect: false);

    /// <summary>The E-step: fills <see cref="Counts"/> and returns the log-likelihood.</summary>
    public double ExpectedCounts(BktEstimate e) => Pass(e, collect: true);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Pass(BktEstimate e, bool collect)
    {
        if (collect)
        {
            Counts.Clear();
        }

        var rows = _set.MaxLength;
        if (t_filteredKnown is null || t_filteredKnown.Length < rows)
        {
            t_filteredKnown = new Vector256<double>[rows];
            t_filteredUnknown = new Vector256<double>[rows];
        }

        (_filteredKnown, _filteredUnknown, _filteredLevel) = (t_filteredKnown, t_filteredUnknown!, t_filteredLevel ?? []);
        ExactGroups = 0;
        ScaledGroups = 0;
        _exactTabulated = false;
        var fast = _vectorize && IsPlain(e);
        var scalable = fast && NoForgetting(e);
        if (fast)
        {
            Tabulate(e);
        }

        var total = 0.0;
        var sums = default(LaneSums);
        for (var g = 0; g < _lanes.GroupCount; g++)
        {
            if (!fast)
            {
                // Parameters the fast path cannot take (a 0, a 1, or below 2^-60): every group in extended range,
                // four chains at a time; without vectors (the reference path) chain by chain.
                total += _vectorize ? ExactLanes(g, e, collect, 0b1111) : ExactGroup(g, e, collect, lanes: 0b1111);
                continue;
            }

            int inexact;
            if (scalable && _startScaled[g])
            {
                // The group needed the scaled tier at the last pass: start there (on lanes that never scale it computes
                // bitwise what the fast path does), and go back to the fast path once no lane scales.
                _rescaled = false;
                total += _general
                    ? FastGroup<General, Scaled, Still>(g, e, collect, ref sums, 0b1111, out inexact)
                    : FastGroup<Simple, Scaled, Still>(g, e, collect, ref sums, 0b1111, out inexact);
                _startScaled[g] = _rescaled || inexact != 0;
                ScaledGroups += inexact == 0 ? 1 : 0;
            }
            else
            {
                total += (_general, scalable) switch
                {
                    (true, true) => FastGroup<General, Unscaled, Still>(g, e, collect, ref sums, 0b1111, out inexact),
                    (true, false) => FastGroup<General, Unscaled, Forgets>(g, e, collect, ref sums, 0b1111, out inexact),
                    (false, true) => FastGroup<Simple, Unscaled, Still>(g, e, collect, ref sums, 0b1111, out inexact),
                    (false, false) => FastGroup<Simple, Unscaled, Forgets>(g, e, collect, ref sums, 0b1111, out inexact),
                };
                if (inexact != 0 && scalable)
                {
                    // Lanes whose P(unknown) went out of range: again, with P(unknown) carried scaled (see Scale*).
                    var wanted = inexact;
                    total += _general
                        ? FastGroup<General, Scaled, Still>(g, e, collect, ref sums, wanted, out inexact)
                        : FastGroup<Simple, Scaled, Still>(g, e, collect, ref sums, wanted, out inexact);
                    _startScaled[g] = true;
                    ScaledGroups += inexact == 0 ? 1 : 0;
                }
            }

            if (inexact != 0)
            {
                ExactGroups++;
                total += ExactLanes(g, e, collect, inexact);
            }
        }

        if (collect && !_general)
        {
            sums.AddTo(Counts);
        }

        return total;
    }

    // Whether every parameter and complement is 0 or 1 exactly nowhere and at least 2^-60: then no structural zero can
    // arise and no product of a kept probability and two parameters can underflow.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsPlain(BktEstimate e)
    {
        static bool Open(double p) => p >= ParameterFloor && 1 - p >= ParameterFloor;
        static bool Rate(double p) => p == 0 || Open(p);
        foreach (var p in e.Prior)
        {
            if (!Open(p))
            {
                return false;
            }
        }

        for (var c = 0; c < e.Guess.Length; c++)
        {
            if (!Open(e.Guess[c]) || !Open(e.Slip[c]))
            {
                return false;
            }
        }

        for (var r = 0; r < e.Learn.Length; r++)
        {
            // A learn or forget rate of 0 keeps every probability positive as long as the other is below 1.
            if (!Rate(e.Learn[r]) || !Rate(e.Forget[r]))
            {
                return false;
            }
        }

        return true;
    }

    // Whether no transition class forgets: then P(unknown) only ever shrinks by multiplication and the scaled tier
    // applies (with forgetting, P(unknown) is at least 2^-60 of P(known) after every move and never needs it).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool NoForgetting(BktEstimate e)
    {
        foreach (var f in e.Forget)
        {
            if (f != 0)
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Tabulate(BktEstimate e)
    {
        var classes = e.Guess.Length;
        for (var c = 0; c < classes; c++)
        {
            _ifKnown[2 * c] = e.Slip[c];
            _ifUnknown[2 * c] = 1 - e.Guess[c];
            _ifKnown[(2 * c) + 1] = 1 - e.Slip[c];
            _ifUnknown[(2 * c) + 1] = e.Guess[c];
        }

        _ifKnown[2 * classes] = 1;
        _ifUnknown[2 * classes] = 1;
        e.Learn.CopyTo(_learn, 0);
        e.Forget.CopyTo(_forget, 0);
        _learn[^1] = 0;
        _forget[^1] = 0;
    }

    // The kernels are compiled fully optimized at once (AggressiveOptimization): tiered compilation's instrumented and
    // on-stack-replaced versions of these loops measured up to three times slower on short chains.

    /// <summary>One group of four chains on doubles: the log-likelihood of its exact lanes, whose counts it adds.
    /// <paramref name="inexact"/> has a bit set for each lane where a probability came closer to 0 than the fast path
    /// can keep exact; nothing of those lanes is added, and they must be recomputed exactly. Lanes are independent in
    /// every vector operation, so what goes wrong in one (an underflow, even a NaN) stays in it and is masked out.</summary>
    /// <remarks>Every probability is positive here (the estimate is plain, see <see cref="IsPlain"/>), so no division
    /// needs a guard; a probability that underflows shows as a product k·u below the floor. The forward pass keeps only
    /// the filtered probabilities; the backward pass recomputes the predicted ones from them with the same operations
    /// (so they are bitwise the forward's), which halves what the passes store and read.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double FastGroup<TPath, TScale, TForget>(int g, BktEstimate e, bool collect, ref LaneSums sums, int wanted, out int inexact)
        where TPath : struct, IPath
        where TScale : struct, IScale
        where TForget : struct, IForget
    {
        if (TScale.IsScaled && _filteredLevel.Length < _set.MaxLength)
        {
            _filteredLevel = t_filteredLevel = new Vector256<double>[_set.MaxLength];
        }

        var lanes = _lanes;
        var firstRow = lanes.GroupStarts[g];
        var length = lanes.GroupStarts[g + 1] - firstRow;
        var laneBase = g * 4;
        var one = Vector256<double>.One;
        var floor = Vector256.Create(Floor);
        var rescaleBelow = Vector256.Create(RescaleBelow);

        Vector256<double> known, unknown;
        if (e.Prior.Length == 1)
        {
            known = Vector256.Create(e.Prior[0]);
            unknown = Vector256.Create(1 - e.Prior[0]);
        }
        else
        {
            var groups = lanes.PriorGroups;
            known = Vector256.Create(e.Prior[groups[laneBase]], e.Prior[groups[laneBase + 1]], e.Prior[groups[laneBase + 2]], e.Prior[groups[laneBase + 3]]);
            unknown = Vector256.Create(1 - e.Prior[groups[laneBase]], 1 - e.Prior[groups[laneBase + 1]], 1 - e.Prior[groups[laneBase + 2]], 1 - e.Prior[groups[laneBase + 3]]);
        }

        // With one transition class, each lane's learn and forget are constant until its chain ends, then 0: the
        // passes run in segments of steps over which the set of moving lanes does not change.
        var lengths = lanes.Lengths;
        var lastMove = lanes.LastMoves[g];
        var learnAll = Vector256.Create(e.Learn[0]);
        var forgetAll = Vector256.Create(e.Forget[0]);
        Vector256<double> learn = default, forget = default;

        var logScale = Vector256<double>.Zero;
        // Lanes all of whose checked probabilities so far are at least the floor (a compare and an AND per value:
        // Vector256.Min's IEEE semantics cost several instructions each); NaN fails every check.
        var good = Vector256<double>.AllBitsSet;
        var symbols = lanes.Symbols;
        Vector256<double> stay = one, keep = one;
        var rescaleBy = Vector256.Create(RescaleBy);
        var logRescale = Vector256.Create(LogRescaleBy);

        // The simple path's emissions come from the answer by selection (exact: no arithmetic on the parameters):
        // P(answer | known) is 1 − S or S, P(answer | unknown) is G or 1 − G, and 1 for both on padding.
        var slip = Vector256.Create(e.Slip[0]);
        var notSlip = Vector256.Create(1 - e.Slip[0]);
        var guess = Vector256.Create(e.Guess[0]);
        var notGuess = Vector256.Create(1 - e.Guess[0]);
        var half = Vector256.Create(0.5);
        var zero = Vector256<double>.Zero;

        // The scaled tier: per lane, the level and 2^(-960 · level) (0 from level 2 on), the factor that takes P(unknown)
        // as carried back to its value where it is added to P(known) (nothing beside it but at level 0).
        var level = Vector256<double>.Zero;
        var down = one;
        for (var t = 0; t < length;)
        {
            var end = length;
            if (!TPath.IsGeneral)
            {
                var moving = Vector256.GreaterThan(lastMove, Vector256.Create((double)t));
                (learn, forget) = (learnAll & moving, forgetAll & moving);
                (stay, keep) = (one - learn, one - forget);
                end = NextStop(lengths, laneBase, t, length);
            }

            for (; t < end; t++)
            {
                var cell = (firstRow + t) * 4;
                Vector256<double> ifKnown, ifUnknown;
                if (TPath.IsGeneral)
                {
                    int s0 = symbols[cell], s1 = symbols[cell + 1], s2 = symbols[cell + 2], s3 = symbols[cell + 3];
                    ifKnown = Vector256.Create(_ifKnown[s0], _ifKnown[s1], _ifKnown[s2], _ifKnown[s3]);
                    ifUnknown = Vector256.Create(_ifUnknown[s0], _ifUnknown[s1], _ifUnknown[s2], _ifUnknown[s3]);
                }
                else
                {
                    var answer = lanes.RowCorrect(firstRow + t);
                    var right = Vector256.GreaterThan(answer, half);
                    var padding = Vector256.LessThan(answer, zero);
                    ifKnown = Select(padding, one, Select(right, notSlip, slip));
                    ifUnknown = Select(padding, one, Select(right, guess, notGuess));
                }

                // The state is carried unnormalized: its two parts sum to the likelihood of the answers so far (up
                // to the powers of two taken out), which gives the log-likelihood at the end. What is stored for the
                // backward pass is unnormalized too: the filtered P(known), P(unknown) times the evidence so far. Every
                // quantity the backward pass takes from them is a ratio in which that factor cancels, so no step needs
                // a division here.
                var joinKnown = known * ifKnown;
                var joinUnknown = unknown * ifUnknown;
                var trueJoinUnknown = TScale.IsScaled ? joinUnknown * down : joinUnknown;
                var evidence = joinKnown + trueJoinUnknown;
                _filteredKnown[t] = joinKnown;
                _filteredUnknown[t] = joinUnknown;
                if (TScale.IsScaled)
                {
                    _filteredLevel[t] = level;
                }

                if (TPath.IsGeneral)
                {
                    (learn, forget) = Moves(cell);
                    (stay, keep) = (one - learn, one - forget);
                }

                // (The scaled tier runs without forgetting only, so joinKnown · forget is 0 in either scale.)
                known = TForget.Forgets ? (joinKnown * keep) + (trueJoinUnknown * learn) : joinKnown + (trueJoinUnknown * learn);
                unknown = TForget.Forgets ? (joinUnknown * stay) + (joinKnown * forget) : joinUnknown * stay;
                if (!collect)
                {
                    // The predicted state, normalized by the evidence (its sum): the same test as the backward pass's.
                    good &= Fine<TScale>(known, unknown, evidence, floor);
                }

                if (Vector256.LessThanAny(evidence, rescaleBelow))
                {
                    // Scale lanes near underflow up by an exact power of two and remember it (rare: each step
                    // multiplies the sum by at least 2^-61).
                    var low = Vector256.LessThan(evidence, rescaleBelow);
                    known = Vector256.ConditionalSelect(low, known * rescaleBy, known);
                    unknown = Vector256.ConditionalSelect(low, unknown * rescaleBy, unknown);
                    logScale -= logRescale & low;
                }

                if (TScale.IsScaled)
                {
                    var below = known * Vector256.Create(ScaleBelow);
                    var above = known * Vector256.Create(ScaleAbove);
                    if (Vector256.LessThanAny(unknown, below) || Vector256.GreaterThanAny(unknown, above))
                    {
                        // Exact powers of two: a lane whose P(unknown) as carried fell below 2^-640 of P(known) goes a
                        // level up (times 2^960); one above level 0 whose carried P(unknown) rose above 2^640 of it
                        // goes a level down.
                        var raise = Vector256.LessThan(unknown, below);
                        var lower = Vector256.GreaterThan(unknown, above) & Vector256.GreaterThan(level, Vector256<double>.Zero);
                        unknown = Vector256.ConditionalSelect(raise, unknown * Vector256.Create(ScaleUp),
                            Vector256.ConditionalSelect(lower, unknown * Vector256.Create(ScaleDown), unknown));
                        level += (raise & one) - (lower & one);
                        var (near, far) = Factors(level);
                        down = near * far;
                        _rescaled |= (raise | lower) != Vector256<double>.Zero;
                    }
                }

            }
        }

        // The sum of the unnormalized state is the likelihood of the chain, up to the powers of two taken out.
        var scale = known + (TScale.IsScaled ? unknown * down : unknown);
        var laneLogLikelihood = lanes.LaneMultiplicity[g] * (logScale + Log(scale));
        var wantedMask = Vector256.Create((wanted & 1) != 0 ? -1L : 0, (wanted & 2) != 0 ? -1L : 0, (wanted & 4) != 0 ? -1L : 0, (wanted & 8) != 0 ? -1L : 0).AsDouble();
        if (!collect)
        {
            // NaN never passes "not below the floor", so a lane gone wrong in any way is inexact.
            var fine = good & wantedMask;
            inexact = (int)(~fine.ExtractMostSignificantBits() & (uint)wanted);
            return Vector256.Sum(laneLogLikelihood & fine);
        }

        // The backward pass: the smoothed P(known), P(unknown) at t from the filtered ones at t and the smoothed and
        // predicted ones at t + 1; the expected moves ξ(i → j) = filtered_t(i) · A(i → j) · smoothed_{t+1}(j) / predicted_{t+1}(j).
        // With forgetting, one reciprocal of predicted_{t+1}(known) · predicted_{t+1}(unknown) serves both quotients.
        var local = default(LaneSums);
        var ceiling = Vector256.Create(ScaleCeiling);
        // The scaled tier: smoothed and filtered P(unknown) at a step are carried in the same scale (that step's).
        var nextLevel = TScale.IsScaled ? _filteredLevel[length - 1] : Vector256<double>.Zero;
        var (nextNear, nextFar) = TScale.IsScaled ? Factors(nextLevel) : (one, one);
        var nextDown = nextNear * nextFar;
        var lastInverse = one / (_filteredKnown[length - 1] + (TScale.IsScaled ? _filteredUnknown[length - 1] * nextDown : _filteredUnknown[length - 1]));
        var smoothedKnown = _filteredKnown[length - 1] * lastInverse;
        var smoothedUnknown = _filteredUnknown[length - 1] * lastInverse;
        // A lane is live at step t while t ≤ length − 1 (its emission counts) and moves after it while t < length − 1.
        Emit<TPath>(length - 1, firstRow, smoothedKnown, TScale.IsScaled ? smoothedUnknown * nextNear * nextFar : smoothedUnknown, Vector256.GreaterThanOrEqual(lastMove, Vector256.Create(length - 1.0)), ref local);
        for (var t = length - 2; t >= 0;)
        {
            var low = 0;
            var moving = Vector256<double>.Zero;
            if (!TPath.IsGeneral)
            {
                moving = Vector256.GreaterThan(lastMove, Vector256.Create((double)t));
                (learn, forget) = (learnAll & moving, forgetAll & moving);
                (stay, keep) = (one - learn, one - forget);
                low = PreviousStop(lengths, laneBase, t);
            }

            // The simple path's sums over the segment, unmasked: every lane that moves in it is live at each of its steps,
            // so one mask at the end takes theirs (and leaves out whatever the others hold, even a NaN). Kept in locals,
            // which the JIT can hold in registers, where a struct's fields went through memory at every step.
            var stayKnownSum = Vector256<double>.Zero;
            var forgotSum = Vector256<double>.Zero;
            var stayUnknownSum = Vector256<double>.Zero;
            var learnedSum = Vector256<double>.Zero;
            var unknownCorrectSum = Vector256<double>.Zero;
            var knownWrongSum = Vector256<double>.Zero;
            for (; t >= low; t--)
            {
                var cell = (firstRow + t) * 4;
                if (TPath.IsGeneral)
                {
                    (learn, forget) = Moves(cell);
                    (stay, keep) = (one - learn, one - forget);
                }

                // Filtered and predicted at t are unnormalized (times the evidence up to t, whose sum is evidence).
                var filteredKnown = _filteredKnown[t];
                var filteredUnknown = _filteredUnknown[t];
                var thisLevel = TScale.IsScaled ? _filteredLevel[t] : Vector256<double>.Zero;
                var (thisNear, thisFar) = TScale.IsScaled ? Factors(thisLevel) : (one, one);
                var trueFilteredUnknown = TScale.IsScaled ? filteredUnknown * (thisNear * thisFar) : filteredUnknown;
                var evidence = filteredKnown + trueFilteredUnknown;
                var nextKnown = TForget.Forgets ? (filteredKnown * keep) + (trueFilteredUnknown * learn) : filteredKnown + (trueFilteredUnknown * learn);
                var nextUnknown = TForget.Forgets ? (filteredUnknown * stay) + (filteredKnown * forget) : filteredUnknown * stay;
                if (TScale.IsScaled && !Vector256.EqualsAll(thisLevel, nextLevel))
                {
                    // The level changed between t and t + 1 (by one): the smoothed P(unknown) at t + 1 goes into step
                    // t's scale (times 2^±960; a probability at most 2^960 as carried, and one that underflows here
                    // leaves the smoothed P(unknown) at t below the floor, so the lane is not taken).
                    smoothedUnknown *= Select(Vector256.GreaterThan(thisLevel, nextLevel), Vector256.Create(ScaleUp),
                        Select(Vector256.LessThan(thisLevel, nextLevel), Vector256.Create(ScaleDown), one));
                }

                Vector256<double> toKnown, stayKnown, forgot, stayUnknown;
                if (TForget.Forgets)
                {
                    // nextUnknown · reciprocal is 1 / nextKnown, at least 1 and at most 2^861 on a lane that passes the
                    // floor test, so neither quotient goes through a product of two small values (the smoothed
                    // probability times the unnormalized predicted one can fall below 2^-1022 and keep a few bits).
                    var reciprocal = one / (nextKnown * nextUnknown);
                    toKnown = smoothedKnown * (nextUnknown * reciprocal);
                    var toUnknown = smoothedUnknown * (nextKnown * reciprocal);
                    stayKnown = filteredKnown * keep * toKnown;
                    forgot = filteredKnown * forget * toUnknown;
                    stayUnknown = filteredUnknown * stay * toUnknown;
                }
                else
                {
                    // Without forgetting, not knowing at t + 1 means not knowing at t: the expected stay in the unknown
                    // state is the smoothed P(unknown) at t + 1 itself, with no quotient (in the scaled tier the
                    // quotient of a smoothed and a predicted P(unknown) can pass 2^1024 while both are in range).
                    // (The reciprocal depends on the filtered values only: no division on the chain from t + 1 to t.)
                    toKnown = smoothedKnown * (one / nextKnown);
                    stayKnown = filteredKnown * toKnown;
                    forgot = Vector256<double>.Zero;
                    stayUnknown = smoothedUnknown;
                }

                var learned = filteredUnknown * learn * toKnown;
                var (countStayUnknown, countLearned) = TScale.IsScaled ? (stayUnknown * thisNear * thisFar, learned * thisNear * thisFar) : (stayUnknown, learned);
                if (TPath.IsGeneral)
                {
                    _stayKnownMoves[t] = stayKnown;
                    _forgotMoves[t] = forgot;
                    _stayUnknownMoves[t] = countStayUnknown;
                    _learnedMoves[t] = countLearned;
                }
                else
                {
                    stayKnownSum += stayKnown;
                    if (TForget.Forgets)
                    {
                        forgotSum += forgot;
                    }

                    stayUnknownSum += countStayUnknown;
                    learnedSum += countLearned;
                }

                smoothedKnown = TForget.Forgets ? stayKnown + forgot : stayKnown;
                smoothedUnknown = stayUnknown + learned;

                // The scaled tier checks each part on its own: a scaled P(unknown) near 2^960 beside a P(known) gone
                // below the floor would make a product that looks fine.
                good &= Fine<TScale>(nextKnown, nextUnknown, evidence, floor) & (TScale.IsScaled
                    ? Vector256.GreaterThanOrEqual(smoothedKnown, floor) & Vector256.GreaterThanOrEqual(smoothedUnknown, floor)
                    : Vector256.GreaterThanOrEqual(smoothedKnown * smoothedUnknown, floor));
                if (TScale.IsScaled)
                {
                    // Carried values stay below 2^961 (a probability times 2^960); anything larger (or ∞) went wrong.
                    good &= Vector256.LessThanOrEqual(smoothedUnknown, ceiling);
                }
                if (TPath.IsGeneral)
                {
                    Emit<TPath>(t, firstRow, smoothedKnown, TScale.IsScaled ? smoothedUnknown * thisNear * thisFar : smoothedUnknown, one, ref local);
                }
                else
                {
                    var correct = lanes.RowCorrect(firstRow + t);
                    unknownCorrectSum += (TScale.IsScaled ? smoothedUnknown * thisNear * thisFar : smoothedUnknown) * correct;
                    knownWrongSum += smoothedKnown - (smoothedKnown * correct);
                }

                (nextLevel, nextNear, nextFar) = (thisLevel, thisNear, thisFar);
            }

            if (!TPath.IsGeneral)
            {
                // The lanes that move in the segment: its moves, and the emissions of each of its steps, whose smoothed
                // state is the sum of the two moves out of it (a sum of positive terms: the totals lose nothing to
                // cancellation). A lane whose chain ends at the segment's lowest step (live there, moving nowhere in
                // it) counts that step's emissions only, from the smoothed state the loop ended with.
                local.StayKnown += stayKnownSum & moving;
                local.Forgot += forgotSum & moving;
                local.StayUnknown += stayUnknownSum & moving;
                local.Learned += learnedSum & moving;
                local.KnownTotal += (stayKnownSum + forgotSum) & moving;
                local.UnknownTotal += (stayUnknownSum + learnedSum) & moving;
                local.UnknownCorrect += unknownCorrectSum & moving;
                local.KnownWrong += knownWrongSum & moving;
                Emit<TPath>(low, firstRow, smoothedKnown, TScale.IsScaled ? smoothedUnknown * nextNear * nextFar : smoothedUnknown, Vector256.Equals(lastMove, Vector256.Create((double)low)), ref local);
            }
        }

        // The exact lanes' counts count, weighted by how many chains each lane stands for.
        var exact = good & wantedMask;
        inexact = (int)(~exact.ExtractMostSignificantBits() & (uint)wanted);
        var weight = lanes.LaneMultiplicity[g] & exact;
        if (e.Prior.Length == 1)
        {
            // Masked before weighting: 0 · NaN would be NaN.
            Counts.InitialKnown[0] += Vector256.Sum(weight * (smoothedKnown & exact));
            Counts.InitialUnknown[0] += Vector256.Sum(weight * (smoothedUnknown & exact));
        }
        else
        {
            for (var lane = 0; lane < 4; lane++)
            {
                var w = weight.GetElement(lane);
                if (w > 0)
                {
                    var group = lanes.PriorGroups[laneBase + lane];
                    Counts.InitialKnown[group] += w * smoothedKnown.GetElement(lane);
                    Counts.InitialUnknown[group] += w * smoothedUnknown.GetElement(lane);
                }
            }
        }

        if (TPath.IsGeneral)
        {
            Scatter(firstRow, length, inexact | (~wanted & 0b1111));
        }
        else
        {
            sums.Add(local, weight);
        }

        return Vector256.Sum(laneLogLikelihood & exact);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (Vector256<double> Learn, Vector256<double> Forget) Moves(int cell)
    {
        var transitions = _lanes.Transitions!;
        int r0 = transitions[cell], r1 = transitions[cell + 1], r2 = transitions[cell + 2], r3 = transitions[cell + 3];
        return (Vector256.Create(_learn[r0], _learn[r1], _learn[r2], _learn[r3]),
            Vector256.Create(_forget[r0], _forget[r1], _forget[r2], _forget[r3]));
    }

    // The simple path's emission counts of step t, unweighted (each lane's multiplicity is applied once, at the end);
    // a lane that is not live at step t (past its chain's end) counts nothing.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Emit<TPath>(int t, int firstRow, Vector256<double> known, Vector256<double> unknown, Vector256<double> live, ref LaneSums local)
        where TPath : struct, IPath
    {
        if (TPath.IsGeneral)
        {
            _smoothedKnown[t] = known;
            _smoothedUnknown[t] = unknown;
            return;
        }

        var correct = _lanes.RowCorrect(firstRow + t);
        known &= live;
        unknown &= live;
        local.KnownTotal += known;
        local.UnknownTotal += unknown;
        local.UnknownCorrect += unknown * correct;
        local.KnownWrong += known - (known * correct);
    }

    // The general path's counts, added to their classes once the group is known to be exact.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Scatter(int firstRow, int length, int inexact)
    {
        var lanes = _lanes;
        var counts = Counts;
        for (var t = 0; t < length; t++)
        {
            var row = firstRow + t;
            var weight = lanes.RowWeights(row);
            var nextWeight = t + 1 < length ? lanes.RowWeights(row + 1) : Vector256<double>.Zero;
            for (var lane = 0; lane < 4; lane++)
            {
                var w = weight.GetElement(lane);
                if (w == 0 || (inexact & (1 << lane)) != 0)
                {
                    continue;
                }

                var symbol = lanes.Symbols[(row * 4) + lane];
                var c = symbol >> 1;
                var known = w * _smoothedKnown[t].GetElement(lane);
                var unknown = w * _smoothedUnknown[t].GetElement(lane);
                counts.KnownTotal[c] += known;
                counts.UnknownTotal[c] += unknown;
                if ((symbol & 1) != 0)
                {
                    counts.UnknownCorrect[c] += unknown;
                }
                else
                {
                    counts.KnownWrong[c] += known;
                }

                var wn = nextWeight.GetElement(lane);
                if (wn > 0)
                {
                    var r = lanes.Transitions?[(row * 4) + lane] ?? 0;
                    counts.StayKnown[r] += wn * _stayKnownMoves[t].GetElement(lane);
                    counts.Forgot[r] += wn * _forgotMoves[t].GetElement(lane);
                    counts.StayUnknown[r] += wn * _stayUnknownMoves[t].GetElement(lane);
                    counts.Learned[r] += wn * _learnedMoves[t].GetElement(lane);
                }
            }
        }
    }

    // Whether a predicted state, unnormalized with its sum, is at least the floor once normalized: in the scaled tier
    // each part (P(unknown) as carried), otherwise their product (below the smaller part and at least half of it).
    // The sum is at least 2^-161, so the floor times its square is a normal double, and so is the product of an
    // unnormalized state that passes; one that fails may underflow to 0 and fails all the same.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Fine<TScale>(Vector256<double> known, Vector256<double> unknown, Vector256<double> sum, Vector256<double> floor)
        where TScale : struct, IScale
    {
        var least = floor * sum;
        return TScale.IsScaled
            ? Vector256.GreaterThanOrEqual(known, least) & Vector256.GreaterThanOrEqual(unknown, least)
            : Vector256.GreaterThanOrEqual(known * unknown, least * sum);
    }

    // The scaled tier's factor 2^(-960 · level) as two, applied in turn: 2^-960 or 1, then 2^-960 (level 2), 0 (3 and
    // up) or 1. A carried value times the first stays normal (it is at most 2^961), so the second rounds at most once;
    // from level 3 on the true value is below 2^-1919 and is 0 as a double.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<double> Near, Vector256<double> Far) Factors(Vector256<double> level)
    {
        var one = Vector256<double>.One;
        var first = Select(Vector256.GreaterThanOrEqual(level, one), Vector256.Create(ScaleDown), one);
        var second = Select(Vector256.GreaterThanOrEqual(level, Vector256.Create(2.0)),
            Select(Vector256.Equals(level, Vector256.Create(2.0)), Vector256.Create(ScaleDown), Vector256<double>.Zero), one);
        return (first, second);
    }

    // A lane-wise select on a compare's mask (all bits set or none): one vblendvpd where AVX has it (the JIT compiles
    // Vector256.ConditionalSelect to three bitwise instructions).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Select(Vector256<double> mask, Vector256<double> ifTrue, Vector256<double> ifFalse)
        => Avx.IsSupported ? Avx.BlendVariable(ifFalse, ifTrue, mask) : Vector256.ConditionalSelect(mask, ifTrue, ifFalse);

    // Four scalar logarithms: Vector256.Log is not accelerated and costs far more.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector256<double> Log(Vector256<double> x)
        => Vector256.Create(Math.Log(x.GetElement(0)), Math.Log(x.GetElement(1)), Math.Log(x.GetElement(2)), Math.Log(x.GetElement(3)));

    // Lane j moves on the transition after step t while t < length_j − 1. The first step at or after t where the
    // set of moving lanes changes (a lane's length − 1 above t), or the group's length.
    // Inlined, as is PreviousStop: a call between segments clobbers every vector register (all are caller-saved on
    // x64), and the JIT then kept the passes' running state on the stack through every step, not only across the call.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextStop(int[] lengths, int laneBase, int t, int length)
    {
        var next = length;
        for (var lane = 0; lane < 4; lane++)
        {
            var stop = lengths[laneBase + lane] - 1;
            if (stop > t && stop < next)
            {
                next = stop;
            }
        }

        return next;
    }

    // Going down from t: the lowest step down to which the set of moving lanes stays as it is at t (the largest
    // length − 1 at or below t), or 0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PreviousStop(int[] lengths, int laneBase, int t)
    {
        var low = 0;
        for (var lane = 0; lane < 4; lane++)
        {
            var stop = lengths[laneBase + lane] - 1;
            if (stop <= t && stop > low)
            {
                low = stop;
            }
        }

        return low;
    }

    /// <summary>The exact path for the lanes of a group (a bit per lane): all four chains in
    /// <see cref="ExtendedLanes"/> arithmetic, the same formulas as <see cref="ExactChain"/>; only the lanes asked for
    /// are counted.</summary>
    /// <remarks>The forward and backward passes are separate methods so that the JIT inlines every
    /// <see cref="ExtendedLanes"/> operation in each (one method with both exceeded its inlining budget, and the
    /// operations ran as calls to unoptimized code until tiered compilation caught up).</remarks>
    private double ExactLanes(int g, BktEstimate e, bool collect, int wanted)
    {
        // The exact paths' scratch is allocated on first use: most fits never need it.
        if (_laneFilteredKnown.Length == 0)
        {
            _laneFilteredKnown = new ExtendedLanes[_set.MaxLength];
            _laneFilteredUnknown = new ExtendedLanes[_set.MaxLength];
        }

        TabulateExact(e);
        var lanes = _lanes;
        var laneBase = g * 4;
        var lengths = lanes.Lengths.AsSpan(laneBase, 4).ToArray();
        var parameters = new LaneParameters(this, lanes.GroupStarts[g], lanes.LastMoves[g], lengths, _exactLearn.Length - 1);
        var total = ExactLanesForward(g, wanted, parameters);
        if (collect)
        {
            ExactLanesBackward(g, wanted, lengths, parameters);
        }

        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double ExactLanesForward(int g, int wanted, LaneParameters parameters)
    {
        var lanes = _lanes;
        var firstRow = lanes.GroupStarts[g];
        var length = lanes.GroupStarts[g + 1] - firstRow;
        var laneBase = g * 4;
        var groups = lanes.PriorGroups;
        var known = ExtendedLanes.Create(_exactPrior[groups[laneBase]], _exactPrior[groups[laneBase + 1]], _exactPrior[groups[laneBase + 2]], _exactPrior[groups[laneBase + 3]]);
        var unknown = ExtendedLanes.Create(_exactNotPrior[groups[laneBase]], _exactNotPrior[groups[laneBase + 1]], _exactNotPrior[groups[laneBase + 2]], _exactNotPrior[groups[laneBase + 3]]);
        var likelihood = ExtendedLanes.Broadcast(ExtendedDouble.One);
        for (var t = 0; t < length; t++)
        {
            var joinKnown = known * parameters.Emission(_exactIfKnown, t);
            var joinUnknown = unknown * parameters.Emission(_exactIfUnknown, t);
            var evidence = joinKnown + joinUnknown;
            likelihood *= evidence;

            // An answer the parameters call impossible: the likelihood is 0 (−∞ in logs) and the state stands.
            var impossible = evidence.IsZero;
            var filteredKnown = ExtendedLanes.Select(impossible, known, joinKnown / evidence);
            var filteredUnknown = ExtendedLanes.Select(impossible, unknown, joinUnknown / evidence);
            _laneFilteredKnown[t] = filteredKnown;
            _laneFilteredUnknown[t] = filteredUnknown;
            known = (filteredKnown * parameters.Move(_exactKeep, t)) + (filteredUnknown * parameters.Move(_exactLearn, t));
            unknown = (filteredUnknown * parameters.Move(_exactStay, t)) + (filteredKnown * parameters.Move(_exactForget, t));
        }

        var laneLogLikelihood = likelihood.Log();
        var total = 0.0;
        for (var lane = 0; lane < 4; lane++)
        {
            if ((wanted & (1 << lane)) != 0 && lanes.Chains[laneBase + lane] >= 0)
            {
                total += lanes.Multiplicity[laneBase + lane] * laneLogLikelihood.GetElement(lane);
            }
        }

        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ExactLanesBackward(int g, int wanted, int[] lengths, LaneParameters parameters)
    {
        var lanes = _lanes;
        var firstRow = lanes.GroupStarts[g];
        var length = lanes.GroupStarts[g + 1] - firstRow;
        var laneBase = g * 4;
        var groups = lanes.PriorGroups;
        var counts = Counts;
        var smoothedKnown = _laneFilteredKnown[length - 1];
        var smoothedUnknown = _laneFilteredUnknown[length - 1];
        ExactLanesEmit(firstRow, length - 1, laneBase, wanted, lengths, smoothedKnown, smoothedUnknown);
        for (var t = length - 2; t >= 0; t--)
        {
            var learn = parameters.Move(_exactLearn, t);
            var forget = parameters.Move(_exactForget, t);
            var stay = parameters.Move(_exactStay, t);
            var keep = parameters.Move(_exactKeep, t);
            var filteredKnown = _laneFilteredKnown[t];
            var filteredUnknown = _laneFilteredUnknown[t];
            var nextKnown = (filteredKnown * keep) + (filteredUnknown * learn);
            var nextUnknown = (filteredUnknown * stay) + (filteredKnown * forget);
            var toKnown = ExtendedLanes.Select(nextKnown.IsZero, nextKnown, smoothedKnown / nextKnown);
            var toUnknown = ExtendedLanes.Select(nextUnknown.IsZero, nextUnknown, smoothedUnknown / nextUnknown);
            var stayKnown = filteredKnown * keep * toKnown;
            var forgot = filteredKnown * forget * toUnknown;
            var stayUnknown = filteredUnknown * stay * toUnknown;
            var learned = filteredUnknown * learn * toKnown;
            var (sk, f, su, l) = (stayKnown.ToDouble(), forgot.ToDouble(), stayUnknown.ToDouble(), learned.ToDouble());
            for (var lane = 0; lane < 4; lane++)
            {
                if ((wanted & (1 << lane)) != 0 && t < lengths[lane] - 1)
                {
                    var w = lanes.Multiplicity[laneBase + lane];
                    var r = parameters.Transition(t, lane);
                    counts.StayKnown[r] += w * sk.GetElement(lane);
                    counts.Forgot[r] += w * f.GetElement(lane);
                    counts.StayUnknown[r] += w * su.GetElement(lane);
                    counts.Learned[r] += w * l.GetElement(lane);
                }
            }

            smoothedKnown = stayKnown + forgot;
            smoothedUnknown = stayUnknown + learned;
            ExactLanesEmit(firstRow, t, laneBase, wanted, lengths, smoothedKnown, smoothedUnknown);
        }

        var (initialKnown, initialUnknown) = (smoothedKnown.ToDouble(), smoothedUnknown.ToDouble());
        for (var lane = 0; lane < 4; lane++)
        {
            if ((wanted & (1 << lane)) != 0 && lanes.Chains[laneBase + lane] >= 0)
            {
                var w = lanes.Multiplicity[laneBase + lane];
                counts.InitialKnown[groups[laneBase + lane]] += w * initialKnown.GetElement(lane);
                counts.InitialUnknown[groups[laneBase + lane]] += w * initialUnknown.GetElement(lane);
            }
        }

    }

    /// <summary>The exact path's per-step parameters of a group's four lanes. With one guess/slip class and one
    /// transition class (the simple path's shape) every parameter is the same in every lane but for padding, so it is
    /// selected; otherwise it is looked up lane by lane.</summary>
    private readonly struct LaneParameters(BktExpectationMaximization em, int firstRow, Vector256<double> lastMove, int[] lengths, int pad)
    {
        private static readonly ExtendedLanes One = ExtendedLanes.Broadcast(ExtendedDouble.One);

        // The transition class after step t of a lane; a lane that does not move after it (padding) stands still.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Transition(int t, int lane)
            => t >= lengths[lane] - 1 ? pad : em._lanes.Transitions?[((firstRow + t) * 4) + lane] ?? 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ExtendedLanes Emission(ExtendedDouble[] table, int t)
        {
            var lanes = em._lanes;
            if (!em._general)
            {
                var answer = lanes.RowCorrect(firstRow + t);
                var value = ExtendedLanes.Select(Vector256.GreaterThan(answer, Vector256.Create(0.5)), ExtendedLanes.Broadcast(table[1]), ExtendedLanes.Broadcast(table[0]));
                return ExtendedLanes.Select(Vector256.LessThan(answer, Vector256<double>.Zero), One, value);
            }

            var cell = (firstRow + t) * 4;
            var symbols = lanes.Symbols;
            return ExtendedLanes.Create(table[symbols[cell]], table[symbols[cell + 1]], table[symbols[cell + 2]], table[symbols[cell + 3]]);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ExtendedLanes Move(ExtendedDouble[] table, int t)
            => !em._general
                ? ExtendedLanes.Select(Vector256.GreaterThan(lastMove, Vector256.Create((double)t)), ExtendedLanes.Broadcast(table[0]), ExtendedLanes.Broadcast(table[^1]))
                : ExtendedLanes.Create(table[Transition(t, 0)], table[Transition(t, 1)], table[Transition(t, 2)], table[Transition(t, 3)]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ExactLanesEmit(int firstRow, int t, int laneBase, int wanted, ReadOnlySpan<int> lengths, ExtendedLanes known, ExtendedLanes unknown)
    {
        var (k, u) = (known.ToDouble(), unknown.ToDouble());
        for (var lane = 0; lane < 4; lane++)
        {
            if ((wanted & (1 << lane)) != 0 && t < lengths[lane])
            {
                var w = _lanes.Multiplicity[laneBase + lane];
                var symbol = _lanes.Symbols[((firstRow + t) * 4) + lane];
                var c = symbol >> 1;
                var wk = w * k.GetElement(lane);
                var wu = w * u.GetElement(lane);
                Counts.KnownTotal[c] += wk;
                Counts.UnknownTotal[c] += wu;
                if ((symbol & 1) != 0)
                {
                    Counts.UnknownCorrect[c] += wu;
                }
                else
                {
                    Counts.KnownWrong[c] += wk;
                }
            }
        }
    }

    // The exact path's parameters in extended form, made once per E-step when first needed: per symbol (and padding)
    // P(answer | known) and P(answer | unknown); per transition class (and padding: stand still) learn, forget and
    // their complements; per group the prior and its complement.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TabulateExact(BktEstimate e)
    {
        if (_exactTabulated)
        {
            return;
        }

        var classes = e.Guess.Length;
        for (var c = 0; c < classes; c++)
        {
            _exactIfKnown[2 * c] = ExtendedDouble.From(e.Slip[c]);
            _exactIfUnknown[2 * c] = ExtendedDouble.From(1 - e.Guess[c]);
            _exactIfKnown[(2 * c) + 1] = ExtendedDouble.From(1 - e.Slip[c]);
            _exactIfUnknown[(2 * c) + 1] = ExtendedDouble.From(e.Guess[c]);
        }

        _exactIfKnown[2 * classes] = ExtendedDouble.One;
        _exactIfUnknown[2 * classes] = ExtendedDouble.One;
        for (var r = 0; r < e.Learn.Length; r++)
        {
            _exactLearn[r] = ExtendedDouble.From(e.Learn[r]);
            _exactForget[r] = ExtendedDouble.From(e.Forget[r]);
            _exactStay[r] = ExtendedDouble.From(1 - e.Learn[r]);
            _exactKeep[r] = ExtendedDouble.From(1 - e.Forget[r]);
        }

        _exactLearn[^1] = ExtendedDouble.Zero;
        _exactForget[^1] = ExtendedDouble.Zero;
        _exactStay[^1] = ExtendedDouble.One;
        _exactKeep[^1] = ExtendedDouble.One;
        for (var p = 0; p < e.Prior.Length; p++)
        {
            _exactPrior[p] = ExtendedDouble.From(e.Prior[p]);
            _exactNotPrior[p] = ExtendedDouble.From(1 - e.Prior[p]);
        }

        _exactTabulated = true;
    }

    /// <summary>Chains of a group (a bit per lane), each on its own in extended range.</summary>
    private double ExactGroup(int g, BktEstimate e, bool collect, int lanes)
    {
        var total = 0.0;
        for (var lane = 0; lane < 4; lane++)
        {
            var k = _lanes.Chains[(g * 4) + lane];
            if (k >= 0 && (lanes & (1 << lane)) != 0)
            {
                total += ExactChain(k, e, collect);
            }
        }

        return total;
    }

    /// <summary>The forward and backward passes of one chain in <see cref="ExtendedDouble"/> arithmetic: the same
    /// formulas as the fast path, with no underflow anywhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double ExactChain(int k, BktEstimate e, bool collect)
    {
        if (_exactFilteredKnown.Length == 0)
        {
            _exactPredictedKnown = new ExtendedDouble[_set.MaxLength];
            _exactPredictedUnknown = new ExtendedDouble[_set.MaxLength];
            _exactFilteredKnown = new ExtendedDouble[_set.MaxLength];
            _exactFilteredUnknown = new ExtendedDouble[_set.MaxLength];
        }

        var set = _set;
        var start = set.Starts[k];
        var length = set.Starts[k + 1] - start;
        var w = set.Multiplicity[k];
        var group = set.Groups?[k] ?? 0;
        var known = ExtendedDouble.From(e.Prior[group]);
        var unknown = ExtendedDouble.From(1 - e.Prior[group]);
        var logLikelihood = 0.0;
        for (var t = 0; t < length; t++)
        {
            var (ifKnown, ifUnknown) = Emissions(e, set.Symbols[start + t]);
            var joinKnown = known * ifKnown;
            var joinUnknown = unknown * ifUnknown;
            var evidence = joinKnown + joinUnknown;
            logLikelihood += evidence.Log();
            _exactPredictedKnown[t] = known;
            _exactPredictedUnknown[t] = unknown;
            if (evidence.IsZero)
            {
                // An answer the parameters call impossible: the likelihood is 0 (−∞ in logs) and the state stands.
                _exactFilteredKnown[t] = known;
                _exactFilteredUnknown[t] = unknown;
            }
            else
            {
                _exactFilteredKnown[t] = joinKnown / evidence;
                _exactFilteredUnknown[t] = joinUnknown / evidence;
            }

            (known, unknown) = Move(e, set.Transitions?[start + t] ?? 0, _exactFilteredKnown[t], _exactFilteredUnknown[t]);
        }

        if (!collect)
        {
            return w * logLikelihood;
        }

        var counts = Counts;
        var smoothedKnown = _exactFilteredKnown[length - 1];
        var smoothedUnknown = _exactFilteredUnknown[length - 1];
        ExactEmit(set.Symbols[start + length - 1], smoothedKnown, smoothedUnknown, w);
        for (var t = length - 2; t >= 0; t--)
        {
            var r = set.Transitions?[start + t] ?? 0;
            var (learn, forget) = (e.Learn[r], e.Forget[r]);
            var nextKnown = _exactPredictedKnown[t + 1];
            var nextUnknown = _exactPredictedUnknown[t + 1];
            var toKnown = nextKnown.IsZero ? ExtendedDouble.Zero : smoothedKnown / nextKnown;
            var toUnknown = nextUnknown.IsZero ? ExtendedDouble.Zero : smoothedUnknown / nextUnknown;
            var stayKnown = _exactFilteredKnown[t] * (1 - forget) * toKnown;
            var forgot = _exactFilteredKnown[t] * forget * toUnknown;
            var stayUnknown = _exactFilteredUnknown[t] * (1 - learn) * toUnknown;
            var learned = _exactFilteredUnknown[t] * learn * toKnown;
            counts.StayKnown[r] += w * stayKnown.ToDouble();
            counts.Forgot[r] += w * forgot.ToDouble();
            counts.StayUnknown[r] += w * stayUnknown.ToDouble();
            counts.Learned[r] += w * learned.ToDouble();
            smoothedKnown = stayKnown + forgot;
            smoothedUnknown = stayUnknown + learned;
            ExactEmit(set.Symbols[start + t], smoothedKnown, smoothedUnknown, w);
        }

        counts.InitialKnown[group] += w * smoothedKnown.ToDouble();
        counts.InitialUnknown[group] += w * smoothedUnknown.ToDouble();
        return w * logLikelihood;
    }

    // P(answer | known) and P(answer | unknown) for a symbol (class · 2 + 1 if right): 1 − S or S, G or 1 − G.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double IfKnown, double IfUnknown) Emissions(BktEstimate e, int symbol)
    {
        var c = symbol >> 1;
        return (symbol & 1) != 0 ? (1 - e.Slip[c], e.Guess[c]) : (e.Slip[c], 1 - e.Guess[c]);
    }

    // The predicted state after a transition of class r, from a filtered one, in extended range (the chain-by-chain
    // paths: ExactChain, NearCertainLogLikelihood).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ExtendedDouble Known, ExtendedDouble Unknown) Move(BktEstimate e, int r, ExtendedDouble filteredKnown, ExtendedDouble filteredUnknown)
    {
        var (learn, forget) = (e.Learn[r], e.Forget[r]);
        return ((filteredKnown * (1 - forget)) + (filteredUnknown * learn), (filteredUnknown * (1 - learn)) + (filteredKnown * forget));
    }

    private void ExactEmit(int symbol, ExtendedDouble known, ExtendedDouble unknown, double w)
    {
        var c = symbol >> 1;
        var k = w * known.ToDouble();
        var u = w * unknown.ToDouble();
        Counts.KnownTotal[c] += k;
        Counts.UnknownTotal[c] += u;
        if ((symbol & 1) != 0)
        {
            Counts.UnknownCorrect[c] += u;
        }
        else
        {
            Counts.KnownWrong[c] += k;
        }
    }

    /// <summary>The path's shape, fixed at compile time so each instantiation has no branches on it.</summary>
    private interface IPath
    {
        /// <summary>Several classes or transitions: look them up per step and add counts per class.</summary>
        static abstract bool IsGeneral { get; }
    }

    private readonly struct Simple : IPath
    {
        public static bool IsGeneral => false;
    }

    private readonly struct General : IPath
    {
        public static bool IsGeneral => true;
    }

    private interface IScale
    {
        /// <summary>The scaled tier: P(unknown) carried per lane times 1 or 2^960 (no forgetting only).</summary>
        static abstract bool IsScaled { get; }
    }

    private readonly struct Unscaled : IScale
    {
        public static bool IsScaled => false;
    }

    private readonly struct Scaled : IScale
    {
        public static bool IsScaled => true;
    }

    private interface IForget
    {
        /// <summary>Whether a forget rate can be other than 0; without, the passes drop the products with it (and with
        /// 1 − forget), which leaves every result bitwise the same.</summary>
        static abstract bool Forgets { get; }
    }

    private readonly struct Forgets : IForget
    {
        static bool IForget.Forgets => true;
    }

    private readonly struct Still : IForget
    {
        static bool IForget.Forgets => false;
    }

    /// <summary>The simple path's counts summed lane by lane.</summary>
    private struct LaneSums
    {
        public Vector256<double> StayUnknown;
        public Vector256<double> Learned;
        public Vector256<double> Forgot;
        public Vector256<double> StayKnown;
        public Vector256<double> KnownTotal;
        public Vector256<double> UnknownTotal;
        public Vector256<double> UnknownCorrect;
        public Vector256<double> KnownWrong;

        // Adds a group's sums, each lane weighted (0 for a lane that must not count, whatever it holds: the weight
        // is applied by a mask first, so even a NaN in such a lane stays out).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(in LaneSums other, Vector256<double> weight)
        {
            var mask = Vector256.GreaterThan(weight, Vector256<double>.Zero);
            StayUnknown += (other.StayUnknown & mask) * weight;
            Learned += (other.Learned & mask) * weight;
            Forgot += (other.Forgot & mask) * weight;
            StayKnown += (other.StayKnown & mask) * weight;
            KnownTotal += (other.KnownTotal & mask) * weight;
            UnknownTotal += (other.UnknownTotal & mask) * weight;
            UnknownCorrect += (other.UnknownCorrect & mask) * weight;
            KnownWrong += (other.KnownWrong & mask) * weight;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void AddTo(ExpectedCounts counts)
        {
            counts.StayUnknown[0] += Vector256.Sum(StayUnknown);
            counts.Learned[0] += Vector256.Sum(Learned);
            counts.Forgot[0] += Vector256.Sum(Forgot);
            counts.StayKnown[0] += Vector256.Sum(StayKnown);
            counts.KnownTotal[0] += Vector256.Sum(KnownTotal);
            counts.UnknownTotal[0] += Vector256.Sum(UnknownTotal);
            counts.UnknownCorrect[0] += Vector256.Sum(UnknownCorrect);
            counts.KnownWrong[0] += Vector256.Sum(KnownWrong);
        }
    }
}

/// <summary>The expected counts of an E-step: per prior group, per transition class, per guess/slip class.</summary>
internal sealed class ExpectedCounts(int groups, int transitions, int classes)
{
    public double[] InitialKnown { get; } = new double[groups];

    public double[] InitialUnknown { get; } = new double[groups];

    public double[] StayUnknown { get; } = new double[transitions];

    public double[] Learned { get; } = new double[transitions];

    public double[] Forgot { get; } = new double[transitions];

    public double[] StayKnown { get; } = new double[transitions];

    public double[] KnownTotal { get; } = new double[classes];

    public double[] UnknownTotal { get; } = new double[classes];

    public double[] UnknownCorrect { get; } = new double[classes];

    public double[] KnownWrong { get; } = new double[classes];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Clear()
    {
        Array.Clear(InitialKnown);
        Array.Clear(InitialUnknown);
        Array.Clear(StayUnknown);
        Array.Clear(Learned);
        Array.Clear(Forgot);
        Array.Clear(StayKnown);
        Array.Clear(KnownTotal);
        Array.Clear(UnknownTotal);
        Array.Clear(UnknownCorrect);
        Array.Clear(KnownWrong);
    }
}
