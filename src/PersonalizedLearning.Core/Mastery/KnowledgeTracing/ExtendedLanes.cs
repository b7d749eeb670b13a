using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// Four <see cref="ExtendedDouble"/> values in the lanes of vectors: Mantissa · 2^Exponent per lane, the mantissa in
/// [1, 2) or 0, the exponent a 64-bit integer. The same arithmetic as <see cref="ExtendedDouble"/> (each operation
/// rounds once, to 2^-53 relative, and nothing underflows or overflows), four chains at a time, with bit operations
/// for the normalization: the E-step's exact path for the chains whose probabilities leave the double range.
/// </summary>
internal readonly struct ExtendedLanes
{
    // A zero's exponent: below any real one, so that a zero never wins the alignment of a sum.
    private const long ZeroExponent = long.MinValue / 4;
    private const long MantissaBits = 0x000F_FFFF_FFFF_FFFFL;
    private const long OneBits = 0x3FF0_0000_0000_0000L;
    private const double Ln2 = 0.693147180559945309417232121458176568;

    private ExtendedLanes(Vector256<double> mantissa, Vector256<long> exponent)
    {
        Mantissa = mantissa;
        Exponent = exponent;
    }

    public Vector256<double> Mantissa { get; }

    public Vector256<long> Exponent { get; }

    /// <summary>Whether each lane is 0, as an all-ones mask.</summary>
    public Vector256<double> IsZero => Vector256.Equals(Mantissa, Vector256<double>.Zero);

    /// <summary>Four values from their scalar form (any nonnegative finite double, denormals included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExtendedLanes Create(ExtendedDouble a, ExtendedDouble b, ExtendedDouble c, ExtendedDouble d)
        => new(
            Vector256.Create(a.Mantissa, b.Mantissa, c.Mantissa, d.Mantissa),
            Vector256.Create(ExponentOf(a), ExponentOf(b), ExponentOf(c), ExponentOf(d)));

    /// <summary>The same value in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExtendedLanes Broadcast(ExtendedDouble value)
        => new(Vector256.Create(value.Mantissa), Vector256.Create(ExponentOf(value)));

    /// <summary>Lane i of the result is <paramref name="ifTrue"/>'s where the mask is all ones, else <paramref name="ifFalse"/>'s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExtendedLanes Select(Vector256<double> mask, ExtendedLanes ifTrue, ExtendedLanes ifFalse)
        => new(Vector256.ConditionalSelect(mask, ifTrue.Mantissa, ifFalse.Mantissa),
            Vector256.ConditionalSelect(mask.AsInt64(), ifTrue.Exponent, ifFalse.Exponent));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExtendedLanes operator *(ExtendedLanes left, ExtendedLanes right)
        => Normalize(left.Mantissa * right.Mantissa, left.Exponent + right.Exponent);

    /// <summary>The quotient; a lane whose divisor is 0 gives NaN (callers select around it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExtendedLanes operator /(ExtendedLanes left, ExtendedLanes right)
        => Normalize(left.Mantissa / right.Mantissa, left.Exponent - right.Exponent);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExtendedLanes operator +(ExtendedLanes left, ExtendedLanes right)
    {
        // Align to the larger exponent; a part more than 60 binary places below it is under half an ulp and drops out,
        // which is its correctly rounded effect (as in ExtendedDouble).
        var swap = Vector256.GreaterThan(right.Exponent, left.Exponent);
        var highMantissa = Vector256.ConditionalSelect(swap.AsDouble(), right.Mantissa, left.Mantissa);
        var highExponent = Vector256.ConditionalSelect(swap, right.Exponent, left.Exponent);
        var lowMantissa = Vector256.ConditionalSelect(swap.AsDouble(), left.Mantissa, right.Mantissa);
        var lowExponent = Vector256.ConditionalSelect(swap, left.Exponent, right.Exponent);
        var gap = lowExponent - highExponent;
        var near = Vector256.GreaterThan(gap, Vector256.Create(-61L));
        var factor = Vector256.ShiftLeft(Vector256.ConditionalSelect(near, gap, Vector256<long>.Zero) + Vector256.Create(1023L), 52).AsDouble() & near.AsDouble();
        return Normalize(highMantissa + (lowMantissa * factor), highExponent);
    }

    /// <summary>The nearest doubles, subnormals included (as the scalar <see cref="ExtendedDouble.ToDouble"/>): a count
    /// whose every contribution is below 2^-1022 is still a count, and the M-step divides such counts by each other.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> ToDouble()
    {
        // Exponents from -1075 up: the mantissa times 2^(exponent + 600) (a normal double, exact), then times 2^-600,
        // which rounds once where the result is subnormal. Below -1075 the value rounds to 0; from 1024 up it is ∞
        // (not reached: probabilities and counts).
        var inRange = Vector256.GreaterThan(Exponent, Vector256.Create(-1076L)) & Vector256.LessThan(Exponent, Vector256.Create(1024L));
        var subnormal = Vector256.LessThan(Exponent, Vector256.Create(-1022L));
        var shifted = Vector256.ConditionalSelect(subnormal, Exponent + Vector256.Create(600L), Exponent);
        var power = Vector256.ShiftLeft(Vector256.ConditionalSelect(inRange, shifted, Vector256<long>.Zero) + Vector256.Create(1023L), 52).AsDouble();
        var back = Vector256.ConditionalSelect(subnormal.AsDouble(), Vector256.Create(2.409919865102884e-181), Vector256<double>.One); // 2^-600
        return (Mantissa * power * back) & inRange.AsDouble();
    }

    /// <summary>The natural logarithm of each lane, exact to a double's precision at any size; −∞ for 0.</summary>
    public Vector256<double> Log()
    {
        static double One(double m, long e) => m == 0 ? double.NegativeInfinity : Math.Log(m) + (e * Ln2);
        return Vector256.Create(
            One(Mantissa.GetElement(0), Exponent.GetElement(0)), One(Mantissa.GetElement(1), Exponent.GetElement(1)),
            One(Mantissa.GetElement(2), Exponent.GetElement(2)), One(Mantissa.GetElement(3), Exponent.GetElement(3)));
    }

    // m is 0 or a normal double (products and quotients of mantissas in [1, 2) are, and so is a sum with a part of at
    // least 1): its exponent bits move into the exponent, and a zero gets the zero exponent.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ExtendedLanes Normalize(Vector256<double> m, Vector256<long> exponent)
    {
        var bits = m.AsInt64();
        var biased = Vector256.ShiftRightLogical(bits, 52) & Vector256.Create(0x7FFL);
        var zero = Vector256.Equals(m, Vector256<double>.Zero);
        var mantissa = ((bits & Vector256.Create(MantissaBits)) | Vector256.Create(OneBits)).AsDouble();
        return new(
            Vector256.ConditionalSelect(zero, Vector256<double>.Zero, mantissa),
            Vector256.ConditionalSelect(zero.AsInt64(), Vector256.Create(ZeroExponent), exponent + biased - Vector256.Create(1023L)));
    }

    private static long ExponentOf(ExtendedDouble value) => value.IsZero ? ZeroExponent : value.Exponent;
}
