using System.Runtime.Intrinsics;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// Baum–Welch for the two-state BKT hidden Markov model (Rabiner 1989; pyBKT's E_step and M_step): a scaled
/// forward pass that also gives the log-likelihood, a backward (smoothing) pass that gives the expected counts, and
/// closed-form re-estimates. Works on one competency's <see cref="BktTrainingSet"/>, on arrays, allocating only its
/// scratch buffers once per fit.
/// </summary>
internal sealed class BktExpectationMaximization
{
    // Products of per-step scale factors are folded into a logarithm before they could underflow.
    private const double RescaleBelow = 1e-280;

    private readonly BktTrainingSet _set;
    private readonly double[] _predicted;
    private readonly double[] _filtered;

    // Expected counts of the last E-step.
    private double _initialKnown;
    private double _initialUnknown;
    private double _stayUnknown;
    private double _learned;
    private double _forgot;
    private double _stayKnown;
    private readonly double[] _unknownTotal;
    private readonly double[] _unknownCorrect;
    private readonly double[] _knownTotal;
    private readonly double[] _knownWrong;

    // The vectorized path: four chains at a time, one per lane of a Vector256 (see LaneLayout).
    private readonly LaneLayout? _lanes;
    private readonly Vector256<double>[] _laneKnown = [];
    private readonly Vector256<double>[] _laneFiltered = [];
    private readonly double[] _ifKnown = [];
    private readonly double[] _ifUnknown = [];

    public BktExpectationMaximization(BktTrainingSet set, bool vectorize = true)
    {
        _set = set;
        if (vectorize && Vector256.IsHardwareAccelerated)
        {
            _lanes = set.Lanes;
            _laneKnown = new Vector256<double>[set.MaxLength];
            _laneFiltered = new Vector256<double>[set.MaxLength];
            _ifKnown = new double[(set.Classes.Length * 2) + 1];
            _ifUnknown = new double[_ifKnown.Length];
        }

        _predicted = new double[set.MaxLength];
        _filtered = new double[set.MaxLength];
        var classes = set.Classes.Length;
        _unknownTotal = new double[classes];
        _unknownCorrect = new double[classes];
        _knownTotal = new double[classes];
        _knownWrong = new double[classes];
    }

    /// <summary>Parameters during EM: one prior, learn and forget, a guess and slip per class.</summary>
    public sealed class Estimate(int classes)
    {
        public double Prior { get; set; }

        public double Learn { get; set; }

        public double Forget { get; set; }

        public double[] Guess { get; } = new double[classes];

        public double[] Slip { get; } = new double[classes];

        public Estimate Copy()
        {
            var copy = new Estimate(Guess.Length) { Prior = Prior, Learn = Learn, Forget = Forget };
            Guess.CopyTo(copy.Guess, 0);
            Slip.CopyTo(copy.Slip, 0);
            return copy;
        }
    }

    /// <summary>Runs EM from a start until the log-likelihood changes by less than the tolerance (pyBKT's rule: from
    /// the third iteration on) or the iteration limit is reached.</summary>
    /// <returns>The log-likelihood of the returned estimate, the iterations run, and whether it converged.</returns>
    public (double LogLikelihood, int Iterations, bool Converged) Run(Estimate estimate, double tolerance, int maxIterations, BktFixedParameters? fixedValues, bool forgetting, CancellationToken cancellationToken)
    {
        var previous = double.NegativeInfinity;
        for (var i = 0; i < maxIterations; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var logLikelihood = ExpectedCounts(estimate);
            if (i > 1 && Math.Abs(logLikelihood - previous) < tolerance)
            {
                return (logLikelihood, i + 1, true);
            }

            Maximize(estimate, fixedValues, forgetting);
            previous = logLikelihood;
        }

        // The last M-step moved the estimate after its likelihood was computed: report the likelihood of what is returned.
        return (LogLikelihood(estimate), maxIterations, false);
    }

    /// <summary>The log-likelihood of the training set under an estimate (a forward pass only).</summary>
    public double LogLikelihood(Estimate e) => Forward(e, collect: false);

    /// <summary>The E-step: fills the expected counts and returns the log-likelihood.</summary>
    public double ExpectedCounts(Estimate e) => Forward(e, collect: true);

    private double Forward(Estimate e, bool collect)
    {
        if (_lanes is not null)
        {
            return ForwardLanes(e, collect);
        }

        if (collect)
        {
            _initialKnown = _initialUnknown = _stayUnknown = _learned = _forgot = _stayKnown = 0;
            Array.Clear(_unknownTotal);
            Array.Clear(_unknownCorrect);
            Array.Clear(_knownTotal);
            Array.Clear(_knownWrong);
        }

        var symbols = _set.Symbols;
        var starts = _set.Starts;
        var multiplicity = _set.Multiplicity;
        var guess = e.Guess;
        var slip = e.Slip;
        double learn = e.Learn, forget = e.Forget, prior = e.Prior;
        var total = 0.0;
        for (var k = 0; k < multiplicity.Length; k++)
        {
            var start = starts[k];
            var length = starts[k + 1] - start;
            var known = prior;
            var scale = 1.0;
            var logScale = 0.0;
            for (var t = 0; t < length; t++)
            {
                var symbol = symbols[start + t];
                var c = symbol >> 1;
                double ifKnown, ifUnknown;
                if ((symbol & 1) != 0)
                {
                    ifKnown = known * (1 - slip[c]);
                    ifUnknown = (1 - known) * guess[c];
                }
                else
                {
                    ifKnown = known * slip[c];
                    ifUnknown = (1 - known) * (1 - guess[c]);
                }

                var z = ifKnown + ifUnknown;
                scale *= z;
                if (scale < RescaleBelow)
                {
                    logScale += Math.Log(scale);
                    scale = 1;
                }

                var filtered = z > 0 ? ifKnown / z : known;
                _predicted[t] = known;
                _filtered[t] = filtered;
                known = (filtered * (1 - forget)) + ((1 - filtered) * learn);
            }

            var w = multiplicity[k];
            total += w * (logScale + Math.Log(scale));
            if (collect)
            {
                Smooth(start, length, w, learn, forget);
            }
        }

        return total;
    }

    // The backward pass for two states: the smoothed P(known) at t from the filtered one at t and the smoothed one at
    // t + 1, and the expected transitions ξ(i → j) = filtered_t(i) · A(i → j) · smoothed_{t+1}(j) / predicted_{t+1}(j).
    private void Smooth(int start, int length, double w, double learn, double forget)
    {
        var symbols = _set.Symbols;
        var smoothed = _filtered[length - 1];
        Emit(symbols[start + length - 1], smoothed, w);
        for (var t = length - 2; t >= 0; t--)
        {
            var filtered = _filtered[t];
            var nextKnown = _predicted[t + 1];
            var nextUnknown = 1 - nextKnown;
            var toKnown = nextKnown > 0 ? smoothed / nextKnown : 0;
            var toUnknown = nextUnknown > 0 ? (1 - smoothed) / nextUnknown : 0;
            var stayUnknown = (1 - filtered) * (1 - learn) * toUnknown;
            var learned = (1 - filtered) * learn * toKnown;
            var forgot = filtered * forget * toUnknown;
            var stayKnown = filtered * (1 - forget) * toKnown;
            _stayUnknown += w * stayUnknown;
            _learned += w * learned;
            _forgot += w * forgot;
            _stayKnown += w * stayKnown;
            smoothed = forgot + stayKnown;
            Emit(symbols[start + t], smoothed, w);
        }

        _initialKnown += w * smoothed;
        _initialUnknown += w * (1 - smoothed);
    }

    private void Emit(int symbol, double known, double w)
    {
        var c = symbol >> 1;
        var unknown = 1 - known;
        _knownTotal[c] += w * known;
        _unknownTotal[c] += w * unknown;
        if ((symbol & 1) != 0)
        {
            _unknownCorrect[c] += w * unknown;
        }
        else
        {
            _knownWrong[c] += w * known;
        }
    }

    // The same forward and backward passes as Forward and Smooth, on four chains at once. A chain's recursion is one
    // long dependency (each step needs the last), so a single chain keeps the core waiting on latency; four independent
    // chains in the lanes of a vector fill that time. Chains shorter than their group's longest are padded with steps
    // that observe nothing (both emission probabilities 1): the hidden chain just runs on, which changes no posterior
    // at a real step, and padded steps carry weight 0 in every count.
    private double ForwardLanes(Estimate e, bool collect)
    {
        var lanes = _lanes!;
        var classes = e.Guess.Length;
        if (collect)
        {
            Array.Clear(_unknownTotal);
            Array.Clear(_unknownCorrect);
            Array.Clear(_knownTotal);
            Array.Clear(_knownWrong);
        }

        for (var c = 0; c < classes; c++)
        {
            _ifKnown[2 * c] = e.Slip[c];
            _ifUnknown[2 * c] = 1 - e.Guess[c];
            _ifKnown[(2 * c) + 1] = 1 - e.Slip[c];
            _ifUnknown[(2 * c) + 1] = e.Guess[c];
        }

        _ifKnown[2 * classes] = 1;
        _ifUnknown[2 * classes] = 1;

        var one = Vector256<double>.One;
        var learn = Vector256.Create(e.Learn);
        var forget = Vector256.Create(e.Forget);
        var prior = Vector256.Create(e.Prior);
        var rescaleBelow = Vector256.Create(RescaleBelow);
        var counts = new LaneCounts();
        var total = 0.0;
        Span<double> scales = stackalloc double[4];
        Span<double> logScales = stackalloc double[4];
        for (var g = 0; g < lanes.GroupCount; g++)
        {
            var firstRow = lanes.GroupStarts[g];
            var length = lanes.GroupStarts[g + 1] - firstRow;
            var known = prior;
            var scale = one;
            logScales.Clear();
            for (var t = 0; t < length; t++)
            {
                var row = (firstRow + t) * 4;
                var symbols = lanes.Symbols;
                int s0 = symbols[row], s1 = symbols[row + 1], s2 = symbols[row + 2], s3 = symbols[row + 3];
                var ifKnown = known * Vector256.Create(_ifKnown[s0], _ifKnown[s1], _ifKnown[s2], _ifKnown[s3]);
                var ifUnknown = (one - known) * Vector256.Create(_ifUnknown[s0], _ifUnknown[s1], _ifUnknown[s2], _ifUnknown[s3]);
                var z = ifKnown + ifUnknown;
                scale *= z;
                if (Vector256.LessThanAny(scale, rescaleBelow))
                {
                    scale.CopyTo(scales);
                    for (var lane = 0; lane < 4; lane++)
                    {
                        if (scales[lane] < RescaleBelow)
                        {
                            logScales[lane] += Math.Log(scales[lane]);
                            scales[lane] = 1;
                        }
                    }

                    scale = Vector256.Create<double>(scales);
                }

                var filtered = Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256<double>.Zero), ifKnown / z, known);
                _laneKnown[t] = known;
                _laneFiltered[t] = filtered;
                known = (filtered * (one - forget)) + ((one - filtered) * learn);
            }

            scale.CopyTo(scales);
            for (var lane = 0; lane < 4; lane++)
            {
                total += lanes.Multiplicity[(g * 4) + lane] * (logScales[lane] + Math.Log(scales[lane]));
            }

            if (collect)
            {
                SmoothLanes(firstRow, length, learn, forget, classes, ref counts);
            }
        }

        if (collect)
        {
            counts.CopyTo(this, classes);
        }

        return total;
    }

    private void SmoothLanes(int firstRow, int length, Vector256<double> learn, Vector256<double> forget, int classes, ref LaneCounts counts)
    {
        var lanes = _lanes!;
        var one = Vector256<double>.One;
        var zero = Vector256<double>.Zero;
        var smoothed = _laneFiltered[length - 1];
        EmitLanes(firstRow + length - 1, smoothed, classes, ref counts);
        for (var t = length - 2; t >= 0; t--)
        {
            var filtered = _laneFiltered[t];
            var nextKnown = _laneKnown[t + 1];
            var nextUnknown = one - nextKnown;
            var toKnown = Vector256.ConditionalSelect(Vector256.GreaterThan(nextKnown, zero), smoothed / nextKnown, zero);
            var toUnknown = Vector256.ConditionalSelect(Vector256.GreaterThan(nextUnknown, zero), (one - smoothed) / nextUnknown, zero);
            var unknownNow = one - filtered;
            var weight = lanes.RowWeights(firstRow + t + 1);
            counts.StayUnknown += weight * (unknownNow * (one - learn) * toUnknown);
            counts.Learned += weight * (unknownNow * learn * toKnown);
            var forgot = filtered * forget * toUnknown;
            var stayKnown = filtered * (one - forget) * toKnown;
            counts.Forgot += weight * forgot;
            counts.StayKnown += weight * stayKnown;
            smoothed = forgot + stayKnown;
            EmitLanes(firstRow + t, smoothed, classes, ref counts);
        }

        var chainWeight = lanes.RowWeights(firstRow);
        counts.InitialKnown += chainWeight * smoothed;
        counts.InitialUnknown += chainWeight * (one - smoothed);
    }

    private void EmitLanes(int row, Vector256<double> known, int classes, ref LaneCounts counts)
    {
        var lanes = _lanes!;
        var weight = lanes.RowWeights(row);
        var unknown = Vector256<double>.One - known;
        if (classes == 1)
        {
            var correct = lanes.RowCorrect(row);
            counts.KnownTotal += weight * known;
            counts.UnknownTotal += weight * unknown;
            counts.UnknownCorrect += weight * unknown * correct;
            counts.KnownWrong += weight * known * (Vector256<double>.One - correct);
            return;
        }

        for (var lane = 0; lane < 4; lane++)
        {
            var symbol = lanes.Symbols[(row * 4) + lane];
            if (symbol < 2 * classes)
            {
                Emit(symbol, known.GetElement(lane), weight.GetElement(lane));
            }
        }
    }

    /// <summary>Expected counts summed lane by lane; folded into the scalar counts at the end of an E-step.</summary>
    private struct LaneCounts
    {
        public Vector256<double> InitialKnown;
        public Vector256<double> InitialUnknown;
        public Vector256<double> StayUnknown;
        public Vector256<double> Learned;
        public Vector256<double> Forgot;
        public Vector256<double> StayKnown;
        public Vector256<double> KnownTotal;
        public Vector256<double> UnknownTotal;
        public Vector256<double> UnknownCorrect;
        public Vector256<double> KnownWrong;

        public readonly void CopyTo(BktExpectationMaximization em, int classes)
        {
            em._initialKnown = Vector256.Sum(InitialKnown);
            em._initialUnknown = Vector256.Sum(InitialUnknown);
            em._stayUnknown = Vector256.Sum(StayUnknown);
            em._learned = Vector256.Sum(Learned);
            em._forgot = Vector256.Sum(Forgot);
            em._stayKnown = Vector256.Sum(StayKnown);
            if (classes == 1)
            {
                // With several classes, EmitLanes added to the per-class arrays directly.
                em._knownTotal[0] = Vector256.Sum(KnownTotal);
                em._unknownTotal[0] = Vector256.Sum(UnknownTotal);
                em._unknownCorrect[0] = Vector256.Sum(UnknownCorrect);
                em._knownWrong[0] = Vector256.Sum(KnownWrong);
            }
        }
    }

    /// <summary>The M-step: closed-form re-estimates from the expected counts. A rate whose counts are all zero keeps
    /// its value; fixed values are kept as given.</summary>
    private void Maximize(Estimate e, BktFixedParameters? fixedValues, bool forgetting)
    {
        e.Prior = fixedValues?.Prior ?? Ratio(_initialKnown, _initialKnown + _initialUnknown, e.Prior);
        e.Learn = fixedValues?.Learn ?? Ratio(_learned, _learned + _stayUnknown, e.Learn);
        e.Forget = !forgetting ? 0 : fixedValues?.Forget ?? Ratio(_forgot, _forgot + _stayKnown, e.Forget);
        for (var c = 0; c < e.Guess.Length; c++)
        {
            e.Guess[c] = fixedValues?.Guess ?? Ratio(_unknownCorrect[c], _unknownTotal[c], e.Guess[c]);
            e.Slip[c] = fixedValues?.Slip ?? Ratio(_knownWrong[c], _knownTotal[c], e.Slip[c]);
        }
    }

    private static double Ratio(double part, double whole, double otherwise)
        => whole > 0 ? Math.Clamp(part / whole, 0, 1) : otherwise;
}
