namespace PersonalizedLearning;

/// <summary>
/// The logarithm of a probability given with its complement, each computed directly: near 1 the log is taken as
/// log1p of minus the complement, so it keeps its relative precision (the log of a double near 1 keeps only its
/// absolute precision, about 1e-16). What log-likelihoods of answers a model was nearly sure of need.
/// </summary>
internal static class ProbabilityLog
{
    /// <summary>log(<paramref name="probability"/>), from <paramref name="complement"/> (1 − probability, computed
    /// directly) when that is below 0.5.</summary>
    public static double Of(double probability, double complement)
        => complement < 0.5 ? LogOnePlus(-complement) : Math.Log(probability);

    // log(1 + x) to a few ulps for x > −1 (Goldberg 1991, theorem 4): the rounding of 1 + x cancels in the quotient.
    private static double LogOnePlus(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}
