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

    /// <summary>|ours − reference| / reference, exactly.</summary>
    public static double RelativeError(double ours, BigFloat reference) => BigFloat.RelativeDifference(BigFloat.From(ours), reference);

    /// <summary>|ours − reference| / reference for a value of any size, exactly.</summary>
    public static double RelativeError(ExtendedDouble ours, BigFloat reference)
        => BigFloat.RelativeDifference(ours.IsZero ? BigFloat.Zero : BigFloat.From(ours.Mantissa, ours.Exponent), reference);
}
