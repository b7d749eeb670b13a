using System.Globalization;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// What BKT believes about one learner and one competency: P(known) and P(unknown), each carried to full relative
/// precision however close the other comes to 1, and beyond the range of a double.
/// </summary>
/// <remarks>
/// <para>Why both, and why beyond a double: BKT's state is often extreme. With a slip of 1e-6, P(unknown) after a few
/// dozen correct answers is below 1e-16, so a state that keeps P(known) alone and computes P(unknown) as 1 − P(known)
/// rounds P(known) to 1 and no run of wrong answers can ever bring it down again. With a guess of 0.2, P(unknown)
/// after 3,000 correct answers is about 1e-2400, far below the smallest double, and the exact posterior climbs back
/// from there after a few hundred wrong answers. This value keeps each of the two probabilities as a double while it
/// is at least 2^-1000 and as a double mantissa with an exponent of its own below that, so every update rounds to
/// a relative error of about 1e-16 of each probability (after n updates, n · 1e-16), for any parameters and any
/// chain length. Log-odds would keep the range but not the precision: their absolute rounding error grows with
/// their size, which is a relative error of the smaller probability.</para>
/// <para>The two probabilities sum to 1 up to rounding (each is kept to at most 1). <see cref="Known"/> and <see cref="Unknown"/> give the nearest
/// doubles (the smaller may be 0 or a denormal when it is below the double range); <see cref="LogKnown"/>,
/// <see cref="LogUnknown"/> and <see cref="LogOdds"/> are exact at any size.</para>
/// <para>The default value is P(known) = 0, P(unknown) = 1. Immutable and thread-safe.</para>
/// </remarks>
public readonly struct BktBelief : IEquatable<BktBelief>
{
    // A probability is kept as a plain double at or above 2^-1000 (PlainExponent), else as a mantissa in [1, 2) and a
    // binary exponent below -1000. At most one of the two is scaled (the other is then about 1).
    private const int PlainExponent = -1000;

    // (0, 0, 0, 0) is the default value and reads as P(known) = 0, P(unknown) = 1.
    private readonly double _known;
    private readonly double _unknown;
    private readonly int _knownScale;
    private readonly int _unknownScale;

    private BktBelief(double known, double unknown, int knownScale, int unknownScale)
    {
        _known = known;
        _unknown = unknown;
        _knownScale = knownScale;
        _unknownScale = unknownScale;
    }

    /// <summary>P(known), the nearest double.</summary>
    /// <value>In [0, 1].</value>
    public double Known => _knownScale == 0 ? Math.Min(_known, 1) : Math.ScaleB(_known, _knownScale);

    /// <summary>P(unknown) = 1 − P(known), computed without cancellation: the nearest double to the exact value.</summary>
    /// <value>In [0, 1]; 1 for the default value.</value>
    public double Unknown => IsDefault ? 1 : _unknownScale == 0 ? Math.Min(_unknown, 1) : Math.ScaleB(_unknown, _unknownScale);

    /// <summary>ln P(known), exact at any size.</summary>
    /// <value>At most 0; −∞ when P(known) is exactly 0.</value>
    public double LogKnown => KnownExact.Log();

    /// <summary>ln P(unknown), exact at any size.</summary>
    /// <value>At most 0; −∞ when P(unknown) is exactly 0.</value>
    public double LogUnknown => UnknownExact.Log();

    /// <summary>ln(P(known) / P(unknown)), exact at any size.</summary>
    /// <value>Any real; ±∞ when one of the probabilities is exactly 0.</value>
    public double LogOdds => LogKnown - LogUnknown;

    internal ExtendedDouble KnownExact => ExtendedDouble.Create(_known, _knownScale);

    internal ExtendedDouble UnknownExact => IsDefault ? ExtendedDouble.One : ExtendedDouble.Create(_unknown, _unknownScale);

    /// <summary>Whether both probabilities are plain doubles of at least 2^-900 (or exactly 0): then an update on
    /// parameters that are <see cref="BktParameters.IsPlain"/> cannot underflow, and runs on doubles.</summary>
    internal bool IsPlain => _knownScale == 0 && _unknownScale == 0 && IsPlainValue(_known) && IsPlainValue(_unknown);

    internal double PlainKnown => _known;

    internal double PlainUnknown => IsDefault ? 1 : _unknown;

    private bool IsDefault => _known == 0 && _unknown == 0;

    /// <summary>The belief that the competency is known with probability <paramref name="known"/>.</summary>
    /// <param name="known">P(known), in [0, 1].</param>
    /// <returns>The belief, with P(unknown) = 1 − <paramref name="known"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="known"/> is NaN or outside [0, 1].</exception>
    public static BktBelief FromKnown(double known)
    {
        if (!(known >= 0 && known <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(known), known,
                $"P(known) must be a probability in [0, 1]; got {known.ToString("R", CultureInfo.InvariantCulture)}.");
        }

        return new BktBelief(known, 1 - known, 0, 0);
    }

    /// <summary>The belief given by the odds P(known) : P(unknown), for carrying a P(unknown) smaller than 1 − P(known)
    /// can express in a double.</summary>
    /// <param name="known">A weight for "known": finite and not negative.</param>
    /// <param name="unknown">A weight for "unknown": finite and not negative.</param>
    /// <returns>The belief, normalized so the two probabilities sum to 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A weight is NaN, infinite or negative, or both are 0.</exception>
    public static BktBelief FromOdds(double known, double unknown)
    {
        if (!(known >= 0 && double.IsFinite(known)) || !(unknown >= 0 && double.IsFinite(unknown)) || known + unknown == 0)
        {
            throw new ArgumentOutOfRangeException(known >= 0 && double.IsFinite(known) ? nameof(unknown) : nameof(known),
                string.Create(CultureInfo.InvariantCulture, $"The odds of known to unknown must be finite, not negative and not both 0; got {known:R} : {unknown:R}."));
        }

        return Normalize(ExtendedDouble.From(known), ExtendedDouble.From(unknown));
    }

    /// <inheritdoc />
    public bool Equals(BktBelief other) => KnownExact == other.KnownExact && UnknownExact == other.UnknownExact;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BktBelief other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(KnownExact, UnknownExact);

    /// <summary>Whether two beliefs are equal.</summary>
    /// <param name="left">A belief.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether both probabilities are equal.</returns>
    public static bool operator ==(BktBelief left, BktBelief right) => left.Equals(right);

    /// <summary>Whether two beliefs differ.</summary>
    /// <param name="left">A belief.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether a probability differs.</returns>
    public static bool operator !=(BktBelief left, BktBelief right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"P(known) = {Format(KnownExact)}, P(unknown) = {Format(UnknownExact)}");

    /// <summary>A belief from two doubles that already sum to 1 up to rounding and were computed without underflow.</summary>
    internal static BktBelief FromPlain(double known, double unknown)
        => (known == 0 || Math.ILogB(known) >= PlainExponent) && (unknown == 0 || Math.ILogB(unknown) >= PlainExponent)
            ? new BktBelief(known, unknown, 0, 0)
            : Create(ExtendedDouble.From(known), ExtendedDouble.From(unknown));

    /// <summary>A belief from two weights, normalized to sum 1; the weights must not both be 0.</summary>
    internal static BktBelief Normalize(ExtendedDouble known, ExtendedDouble unknown)
    {
        var total = known + unknown;
        return Create(known / total, unknown / total);
    }

    /// <summary>A belief from two probabilities that already sum to 1 up to rounding.</summary>
    internal static BktBelief Create(ExtendedDouble known, ExtendedDouble unknown)
    {
        var (k, ks) = Store(known);
        var (u, us) = Store(unknown);
        return new BktBelief(k, u, ks, us);
    }

    /// <summary>The belief a BKT state's memory holds: P(known) in slot 0, P(unknown) in slot 1, and in slot 2 the
    /// binary scale of the one that is below 2^-1000 (negative: P(known)'s; positive: minus P(unknown)'s; 0: neither).</summary>
    /// <exception cref="ArgumentException">The memory does not hold a belief (negative, not finite, a scale that is not
    /// a whole number, or both probabilities 0).</exception>
    internal static BktBelief FromMemory(in MasteryMemory memory)
    {
        var (k, u, scale) = (memory.Slot0, memory.Slot1, memory.Slot2);
        if (!(k >= 0 && u >= 0 && k + u > 0 && double.IsFinite(k + u) && Math.Abs(scale) <= int.MaxValue && Math.Floor(scale) == scale))
        {
            throw new ArgumentException($"The competency state's memory does not hold a BKT belief: {memory}. Rebuild the state from the evidence log.", nameof(memory));
        }

        return new BktBelief(k, u, scale < 0 ? (int)scale : 0, scale > 0 ? -(int)scale : 0);
    }

    /// <summary>The memory that holds this belief, with <paramref name="extra"/> in slot 3.</summary>
    internal MasteryMemory ToMemory(double extra) => new(_known, PlainUnknown, _knownScale != 0 ? _knownScale : -_unknownScale, extra);

    private static bool IsPlainValue(double value) => value == 0 || value >= 1.1830521861667747e-271 /* 2^-900 */;

    private static (double Value, int Scale) Store(ExtendedDouble value)
        => value.IsZero || value.Exponent >= PlainExponent ? (value.ToDouble(), 0) : (value.Mantissa, value.Exponent);

    private static string Format(ExtendedDouble value)
    {
        if (value.IsZero || value.Exponent >= PlainExponent)
        {
            return value.ToDouble().ToString("R", CultureInfo.InvariantCulture);
        }

        // Below the double range: mantissa and power of ten from the logarithm.
        var log10 = value.Log() / Math.Log(10);
        var power = Math.Floor(log10);
        return string.Create(CultureInfo.InvariantCulture, $"{Math.Pow(10, log10 - power):0.##############}e{power:0}");
    }
}
