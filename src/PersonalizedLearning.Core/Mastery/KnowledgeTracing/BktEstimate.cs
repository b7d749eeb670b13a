using System.Runtime.CompilerServices;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// Parameters during EM: a prior per group, a learn and forget rate per transition class, a guess and slip per
/// guess/slip class; index 0 of each is the competency's own. Also the M-step that re-estimates them from expected
/// counts.
/// </summary>
internal sealed class BktEstimate
{
    public BktEstimate(int groups, int transitions, int classes)
    {
        Prior = new double[groups];
        Learn = new double[transitions];
        Forget = new double[transitions];
        Guess = new double[classes];
        Slip = new double[classes];
    }

    public double[] Prior { get; }

    public double[] Learn { get; }

    public double[] Forget { get; }

    public double[] Guess { get; }

    public double[] Slip { get; }

    /// <summary>How many numbers the estimate has (its length as a vector).</summary>
    public int Length => Prior.Length + (2 * Learn.Length) + (2 * Guess.Length);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public BktEstimate Copy()
    {
        var copy = new BktEstimate(Prior.Length, Learn.Length, Guess.Length);
        copy.CopyFrom(this);
        return copy;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CopyFrom(BktEstimate other)
    {
        other.Prior.CopyTo(Prior, 0);
        other.Learn.CopyTo(Learn, 0);
        other.Forget.CopyTo(Forget, 0);
        other.Guess.CopyTo(Guess, 0);
        other.Slip.CopyTo(Slip, 0);
    }

    /// <summary>Every number, in a fixed order, for extrapolation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ToVector(Span<double> vector)
    {
        var i = 0;
        foreach (var array in (ReadOnlySpan<double[]>)[Prior, Learn, Forget, Guess, Slip])
        {
            array.CopyTo(vector[i..]);
            i += array.Length;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FromVector(ReadOnlySpan<double> vector)
    {
        var i = 0;
        foreach (var array in (ReadOnlySpan<double[]>)[Prior, Learn, Forget, Guess, Slip])
        {
            vector.Slice(i, array.Length).CopyTo(array);
            i += array.Length;
        }
    }

    /// <summary>The smallest estimate EM makes: 2^-60 (about 8.7e-19). EM drives a rate the data does not support
    /// towards 0 geometrically (a slip of 1e-40 after a hundred iterations); beyond this bound that changes the
    /// log-likelihood by less than 2^-60 per answer, and within it the E-step's fast path stays exact.</summary>
    public const double Lowest = 8.673617379884035e-19;

    /// <summary>The largest estimate EM makes: the largest double below 1, so that 1 − p is never rounded to 0.</summary>
    public const double Highest = 0.99999999999999989;

    /// <summary>
    /// The M-step: closed-form re-estimates from the expected counts (Baum–Welch), kept within
    /// [<see cref="Lowest"/>, <see cref="Highest"/>]. Fixed values are kept as given; without forgetting, every forget
    /// rate is 0. A group, transition or class with no expected counts of its own (an activity seen only as a learner's
    /// last answer, a group with no learners) gets the pooled estimate over all of them, which is also what the
    /// competency's own index holds when nothing uses it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Maximize(ExpectedCounts counts, BktFixedParameters? fixedValues, bool forgetting)
    {
        Pool(Prior, counts.InitialKnown, counts.InitialUnknown, fixedValues?.Prior);
        Pool(Learn, counts.Learned, counts.StayUnknown, fixedValues?.Learn);
        if (forgetting)
        {
            Pool(Forget, counts.Forgot, counts.StayKnown, fixedValues?.Forget);
        }
        else
        {
            Array.Clear(Forget);
        }

        PoolRatio(Guess, counts.UnknownCorrect, counts.UnknownTotal, fixedValues?.Guess);
        PoolRatio(Slip, counts.KnownWrong, counts.KnownTotal, fixedValues?.Slip);
    }

    // value = yes / (yes + no), per index; pooled over all indices where an index has no counts.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pool(double[] values, double[] yes, double[] no, double? fixedValue)
    {
        if (fixedValue is { } f)
        {
            Array.Fill(values, f);
            return;
        }

        double allYes = 0, allNo = 0;
        for (var i = 0; i < values.Length; i++)
        {
            allYes += yes[i];
            allNo += no[i];
        }

        var pooled = allYes + allNo > 0 ? Math.Clamp(allYes / (allYes + allNo), Lowest, Highest) : double.NaN;
        for (var i = 0; i < values.Length; i++)
        {
            var whole = yes[i] + no[i];
            values[i] = whole > 0 ? Math.Clamp(yes[i] / whole, Lowest, Highest) : double.IsNaN(pooled) ? values[i] : pooled;
        }
    }

    // value = part / whole, per index; pooled where an index has no counts.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PoolRatio(double[] values, double[] part, double[] whole, double? fixedValue)
    {
        if (fixedValue is { } f)
        {
            Array.Fill(values, f);
            return;
        }

        double allPart = 0, allWhole = 0;
        for (var i = 0; i < values.Length; i++)
        {
            allPart += part[i];
            allWhole += whole[i];
        }

        var pooled = allWhole > 0 ? Math.Clamp(allPart / allWhole, Lowest, Highest) : double.NaN;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = whole[i] > 0 ? Math.Clamp(part[i] / whole[i], Lowest, Highest) : double.IsNaN(pooled) ? values[i] : pooled;
        }
    }
}
