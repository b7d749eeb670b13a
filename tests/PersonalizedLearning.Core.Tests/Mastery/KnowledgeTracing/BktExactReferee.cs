using PersonalizedLearning.Mastery.KnowledgeTracing;

namespace PersonalizedLearning.Tests.Mastery.KnowledgeTracing;

/// <summary>One step of a chain for the referee: the parameters that apply to it and the answer.</summary>
internal readonly record struct RefereeStep(bool Correct, double Guess, double Slip, double Learn, double Forget);

/// <summary>What the referee computes before one answer.</summary>
internal readonly record struct RefereePrediction(BigFloat Correct, BigFloat Incorrect, BigFloat Known, BigFloat Unknown);

/// <summary>
/// BKT's forward pass (Corbett &amp; Anderson 1995, with pyBKT's forgetting) in <see cref="BigFloat"/> arithmetic: the
/// exact predictions of a chain, to compare the library's double arithmetic with. Every complement (1 − S, 1 − G,
/// 1 − T, 1 − F) is taken exactly from the double parameter, as an 80-digit reference would.
/// </summary>
internal static class BktExactReferee
{
    public static (RefereePrediction[] Predictions, double LogLikelihood) Forward(double prior, IReadOnlyList<RefereeStep> steps)
    {
        var known = BigFloat.From(prior);
        var unknown = BigFloat.OneMinus(known);
        var predictions = new RefereePrediction[steps.Count];
        var logLikelihood = 0.0;
        for (var t = 0; t < steps.Count; t++)
        {
            var s = steps[t];
            var guess = BigFloat.From(s.Guess);
            var slip = BigFloat.From(s.Slip);
            var correct = (known * BigFloat.OneMinus(slip)) + (unknown * guess);
            var incorrect = (known * slip) + (unknown * BigFloat.OneMinus(guess));
            predictions[t] = new RefereePrediction(correct, incorrect, known, unknown);
            logLikelihood += (s.Correct ? correct : incorrect).Log();

            var joinKnown = known * (s.Correct ? BigFloat.OneMinus(slip) : slip);
            var joinUnknown = unknown * (s.Correct ? guess : BigFloat.OneMinus(guess));
            var evidence = joinKnown + joinUnknown;
            if (evidence.IsZero)
            {
                continue;
            }

            var k = joinKnown / evidence;
            var u = joinUnknown / evidence;
            var learn = BigFloat.From(s.Learn);
            var forget = BigFloat.From(s.Forget);
            known = (k * BigFloat.OneMinus(forget)) + (u * learn);
            unknown = (u * BigFloat.OneMinus(learn)) + (k * forget);
        }

        return (predictions, logLikelihood);
    }

    /// <summary>
    /// The E-step of one chain in <see cref="BigFloat"/> arithmetic: the log-likelihood and the expected counts (initial
    /// known/unknown; per transition class stay-unknown, learned, forgot, stay-known; per guess/slip class known total,
    /// unknown total, unknown-and-correct, known-and-wrong), added to <paramref name="counts"/> with weight
    /// <paramref name="weight"/>. Step t's transition class governs the move to step t + 1.
    /// </summary>
    public static double ExpectedCounts(double prior, IReadOnlyList<(bool Correct, int Class, int Transition)> steps, double[] guess, double[] slip, double[] learn, double[] forget, RefereeCounts counts, double weight = 1)
    {
        var n = steps.Count;
        var predictedKnown = new BigFloat[n];
        var predictedUnknown = new BigFloat[n];
        var filteredKnown = new BigFloat[n];
        var filteredUnknown = new BigFloat[n];
        var known = BigFloat.From(prior);
        var unknown = BigFloat.OneMinus(known);
        var logLikelihood = 0.0;
        for (var t = 0; t < n; t++)
        {
            var (correct, c, r) = steps[t];
            var ifKnown = correct ? BigFloat.OneMinus(BigFloat.From(slip[c])) : BigFloat.From(slip[c]);
            var ifUnknown = correct ? BigFloat.From(guess[c]) : BigFloat.OneMinus(BigFloat.From(guess[c]));
            var joinKnown = known * ifKnown;
            var joinUnknown = unknown * ifUnknown;
            var evidence = joinKnown + joinUnknown;
            logLikelihood += evidence.Log();
            predictedKnown[t] = known;
            predictedUnknown[t] = unknown;
            filteredKnown[t] = joinKnown / evidence;
            filteredUnknown[t] = joinUnknown / evidence;
            var l = BigFloat.From(learn[r]);
            var f = BigFloat.From(forget[r]);
            known = (filteredKnown[t] * BigFloat.OneMinus(f)) + (filteredUnknown[t] * l);
            unknown = (filteredUnknown[t] * BigFloat.OneMinus(l)) + (filteredKnown[t] * f);
        }

        var smoothedKnown = filteredKnown[n - 1];
        var smoothedUnknown = filteredUnknown[n - 1];
        counts.Emit(steps[n - 1], smoothedKnown, smoothedUnknown, weight);
        for (var t = n - 2; t >= 0; t--)
        {
            var r = steps[t].Transition;
            var l = BigFloat.From(learn[r]);
            var f = BigFloat.From(forget[r]);
            var toKnown = smoothedKnown / predictedKnown[t + 1];
            var toUnknown = smoothedUnknown / predictedUnknown[t + 1];
            var stayKnown = filteredKnown[t] * BigFloat.OneMinus(f) * toKnown;
            var forgot = filteredKnown[t] * f * toUnknown;
            var stayUnknown = filteredUnknown[t] * BigFloat.OneMinus(l) * toUnknown;
            var learned = filteredUnknown[t] * l * toKnown;
            counts.StayKnown[r] += weight * stayKnown.ToDouble();
            counts.Forgot[r] += weight * forgot.ToDouble();
            counts.StayUnknown[r] += weight * stayUnknown.ToDouble();
            counts.Learned[r] += weight * learned.ToDouble();
            smoothedKnown = stayKnown + forgot;
            smoothedUnknown = stayUnknown + learned;
            counts.Emit(steps[t], smoothedKnown, smoothedUnknown, weight);
        }

        counts.InitialKnown += weight * smoothedKnown.ToDouble();
        counts.InitialUnknown += weight * smoothedUnknown.ToDouble();
        return weight * logLikelihood;
    }

    /// <summary>|ours − reference| / reference, exactly.</summary>
    public static double RelativeError(double ours, BigFloat reference) => BigFloat.RelativeDifference(BigFloat.From(ours), reference);

    /// <summary>|ours − reference| / reference for a value of any size, exactly.</summary>
    public static double RelativeError(ExtendedDouble ours, BigFloat reference)
        => BigFloat.RelativeDifference(ours.IsZero ? BigFloat.Zero : BigFloat.From(ours.Mantissa, ours.Exponent), reference);
}

/// <summary>Expected counts summed by the referee (one prior group).</summary>
internal sealed class RefereeCounts(int transitions, int classes)
{
    public double InitialKnown { get; set; }

    public double InitialUnknown { get; set; }

    public double[] StayUnknown { get; } = new double[transitions];

    public double[] Learned { get; } = new double[transitions];

    public double[] Forgot { get; } = new double[transitions];

    public double[] StayKnown { get; } = new double[transitions];

    public double[] KnownTotal { get; } = new double[classes];

    public double[] UnknownTotal { get; } = new double[classes];

    public double[] UnknownCorrect { get; } = new double[classes];

    public double[] KnownWrong { get; } = new double[classes];

    public void Emit((bool Correct, int Class, int Transition) step, BigFloat known, BigFloat unknown, double weight)
    {
        var k = weight * known.ToDouble();
        var u = weight * unknown.ToDouble();
        KnownTotal[step.Class] += k;
        UnknownTotal[step.Class] += u;
        if (step.Correct)
        {
            UnknownCorrect[step.Class] += u;
        }
        else
        {
            KnownWrong[step.Class] += k;
        }
    }
}
