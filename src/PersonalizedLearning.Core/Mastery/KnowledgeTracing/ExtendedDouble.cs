using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// A nonnegative number with a double's 53-bit precision and an exponent range far beyond it: Mantissa · 2^Exponent,
/// the mantissa in [1, 2) (or 0). Every operation rounds once, to a relative error of at most 2^-53, whatever the size
/// of the operands: no result underflows to 0 or overflows to infinity.
/// </summary>
/// <remarks>
/// BKT needs this because exact probabilities leave the range of a double on real logs: after 3,000 correct answers
/// with a guess of 0.2 the chance of not knowing is about 1e-2400, and after a run of wrong answers the exact
/// posterior climbs back from there. A double flushes it to 0 and can never climb back; log-odds keep the range but
/// lose precision in proportion to their size (an absolute error of ulp(5,500) is a relative error of 1e-12 in the
/// probability, times the number of steps). A separate exponent keeps both. Used where a value may leave the double
/// range; the hot paths run on doubles and fall back to this when a value comes near the edge.
/// </remarks>
internal readonly struct ExtendedDouble :
    IAdditionOperators<ExtendedDouble, ExtendedDouble, ExtendedDouble>,
    IMultiplyOperators<ExtendedDouble, ExtendedDouble, ExtendedDouble>,
    IDivisionOperators<ExtendedDouble, ExtendedDouble, ExtendedDouble>,
    IComparable<ExtendedDouble>,
    IEquatable<ExtendedDouble>
{
    private const double Ln2 = 0.693147180559945309417232121458176568;
    private const long MantissaBits = 0x000F_FFFF_FFFF_FFFFL;
    private const long OneBits = 0x3FF0_0000_0000_0000L;

    private ExtendedDouble(double mantissa, int exponent)
    {
        Mantissa = mantissa;
        Exponent = exponent;
    }

    /// <summary>0, or in [1, 2).</summary>
    public double Mantissa { get; }

    /// <summary>The binary exponent; 0 when the value is 0.</summary>
    public int Exponent { get; }

    public static ExtendedDouble Zero => default;

    public static ExtendedDouble One => new(1, 0);

    public bool IsZero => Mantissa == 0;

    /// <summary>The value of a finite, nonnegative double (denormals included, exactly).</summary>
    public static ExtendedDouble From(double value) => Create(value, 0);

    /// <summary>value · 2^exponent, normalized; value must be finite and nonnegative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExtendedDouble Create(double value, int exponent)
    {
        // A normal double splits into its mantissa (exponent bits set to 1023, so in [1, 2)) and exponent by bit
        // operations; zero and denormals take the library's path.
        var bits = BitConverter.DoubleToInt64Bits(value);
        var biased = (int)(bits >> 52) & 0x7FF;
        if (biased == 0)
        {
            if (value == 0)
            {
                return default;
            }

            var k = Math.ILogB(value);
            return new ExtendedDouble(Math.ScaleB(value, -k), checked(exponent + k));
        }

        return new ExtendedDouble(BitConverter.Int64BitsToDouble((bits & MantissaBits) | OneBits), checked(exponent + biased - 1023));
    }

    public static ExtendedDouble operator *(ExtendedDouble left, ExtendedDouble right)
        => left.IsZero || right.IsZero ? default : Create(left.Mantissa * right.Mantissa, checked(left.Exponent + right.Exponent));

    /// <summary>The quotient; the divisor must not be 0.</summary>
    public static ExtendedDouble operator /(ExtendedDouble left, ExtendedDouble right)
        => left.IsZero ? default : Create(left.Mantissa / right.Mantissa, checked(left.Exponent - right.Exponent));

    public static ExtendedDouble operator +(ExtendedDouble left, ExtendedDouble right)
    {
        if (left.IsZero)
        {
            return right;
        }

        if (right.IsZero)
        {
            return left;
        }

        if (left.Exponent < right.Exponent)
        {
            (left, right) = (right, left);
        }

        // Align to the larger exponent. Below 2^-60 of it the smaller operand is under half an ulp of a mantissa in
        // [1, 2), and the correctly rounded sum is the larger one.
        var gap = right.Exponent - left.Exponent;
        return gap < -60
            ? left
            : Create(left.Mantissa + (right.Mantissa * BitConverter.Int64BitsToDouble((long)(gap + 1023) << 52)), left.Exponent);
    }

    public static ExtendedDouble operator *(ExtendedDouble left, double right) => left * From(right);

    public static bool operator <(ExtendedDouble left, ExtendedDouble right) => left.CompareTo(right) < 0;

    public static bool operator >(ExtendedDouble left, ExtendedDouble right) => left.CompareTo(right) > 0;

    public static bool operator <=(ExtendedDouble left, ExtendedDouble right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ExtendedDouble left, ExtendedDouble right) => left.CompareTo(right) >= 0;

    public static bool operator ==(ExtendedDouble left, ExtendedDouble right) => left.Equals(right);

    public static bool operator !=(ExtendedDouble left, ExtendedDouble right) => !left.Equals(right);

    /// <summary>The nearest double: 0 or a denormal below the double range, infinity above it.</summary>
    public double ToDouble()
        => IsZero ? 0
            : Exponent is >= -1022 and <= 1023 ? Mantissa * BitConverter.Int64BitsToDouble((long)(Exponent + 1023) << 52)
            : Math.ScaleB(Mantissa, Exponent);

    /// <summary>The natural logarithm, exact to a double's precision at any size; −∞ for 0.</summary>
    public double Log() => IsZero ? double.NegativeInfinity : Math.Log(Mantissa) + (Exponent * Ln2);

    public int CompareTo(ExtendedDouble other)
    {
        if (IsZero || other.IsZero)
        {
            return IsZero.CompareTo(other.IsZero) * -1;
        }

        return Exponent != other.Exponent ? Exponent.CompareTo(other.Exponent) : Mantissa.CompareTo(other.Mantissa);
    }

    public bool Equals(ExtendedDouble other) => Mantissa == other.Mantissa && Exponent == other.Exponent;

    public override bool Equals(object? obj) => obj is ExtendedDouble other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Mantissa, Exponent);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Mantissa:R}·2^{Exponent}");
}
