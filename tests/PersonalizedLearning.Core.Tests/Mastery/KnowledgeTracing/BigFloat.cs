using System.Numerics;

namespace PersonalizedLearning.Tests.Mastery.KnowledgeTracing;

/// <summary>
/// A slow, high-precision referee for BKT arithmetic: a nonnegative Mantissa · 2^Exponent with a 256-bit BigInteger
/// mantissa and an unbounded exponent, each operation truncated to 256 bits (relative error below 1e-77 per
/// operation). Nothing underflows, so it follows BKT's exact probabilities down to 1e-100000 and back.
/// </summary>
internal readonly struct BigFloat
{
    private const int Precision = 256;

    private readonly BigInteger _mantissa;
    private readonly long _exponent;

    private BigFloat(BigInteger mantissa, long exponent)
    {
        var excess = (long)mantissa.GetBitLength() - Precision;
        if (excess > 0)
        {
            mantissa >>= (int)excess;
            exponent += excess;
        }

        _mantissa = mantissa;
        _exponent = mantissa.IsZero ? 0 : exponent;
    }

    public static BigFloat Zero => default;

    public static BigFloat One => new(BigInteger.One, 0);

    public bool IsZero => _mantissa.IsZero;

    /// <summary>The exact value of a finite, nonnegative double.</summary>
    public static BigFloat From(double value)
    {
        if (!(value >= 0 && double.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A BigFloat is finite and nonnegative.");
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var fraction = bits & 0xFFFFFFFFFFFFFL;
        return exponent == 0
            ? new BigFloat(fraction, -1074)
            : new BigFloat(fraction | (1L << 52), exponent - 1075);
    }

    /// <summary>mantissa · 2^exponent, exactly.</summary>
    public static BigFloat From(double mantissa, long exponent)
    {
        var value = From(mantissa);
        return new BigFloat(value._mantissa, value._exponent + exponent);
    }

    /// <summary>|a − b| / b, exactly, as a double; 0 when both are 0.</summary>
    public static double RelativeDifference(BigFloat a, BigFloat b)
    {
        if (b.IsZero)
        {
            return a.IsZero ? 0 : double.PositiveInfinity;
        }

        if (a.IsZero)
        {
            return 1;
        }

        var low = Math.Min(a._exponent, b._exponent);
        var gap = Math.Max(a._exponent, b._exponent) - low;
        if (gap > 4 * Precision)
        {
            return (a / b).Log() > 0 ? double.PositiveInfinity : 1;
        }

        var difference = BigInteger.Abs((a._mantissa << (int)(a._exponent - low)) - (b._mantissa << (int)(b._exponent - low)));
        return (new BigFloat(difference, low) / b).ToDouble();
    }

    public static BigFloat operator *(BigFloat a, BigFloat b) => new(a._mantissa * b._mantissa, a._exponent + b._exponent);

    public static BigFloat operator /(BigFloat a, BigFloat b)
    {
        if (b.IsZero)
        {
            throw new DivideByZeroException();
        }

        var shift = Precision + (int)b._mantissa.GetBitLength() + 2;
        return new BigFloat((a._mantissa << shift) / b._mantissa, a._exponent - b._exponent - shift);
    }

    public static BigFloat operator +(BigFloat a, BigFloat b)
    {
        if (a.IsZero)
        {
            return b;
        }

        if (b.IsZero)
        {
            return a;
        }

        if (a._exponent < b._exponent)
        {
            (a, b) = (b, a);
        }

        // b is below a's last kept bit by more than the precision: it cannot change the truncated sum.
        var gap = a._exponent - b._exponent;
        if (gap + (long)a._mantissa.GetBitLength() - (long)b._mantissa.GetBitLength() > Precision + 64)
        {
            return a;
        }

        return new BigFloat((a._mantissa << (int)gap) + b._mantissa, b._exponent);
    }

    /// <summary>1 − x for x in [0, 1].</summary>
    public static BigFloat OneMinus(BigFloat x)
    {
        var one = One;
        if (x.IsZero)
        {
            return one;
        }

        // Align both to x's exponent (x ≤ 1, so its exponent is at most 0 relative to one).
        var shift = -x._exponent;
        if (shift < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), "1 − x needs x ≤ 1.");
        }

        var difference = (BigInteger.One << (int)Math.Min(shift, int.MaxValue)) - x._mantissa;
        return difference.Sign < 0 ? throw new ArgumentOutOfRangeException(nameof(x), "1 − x needs x ≤ 1.") : new BigFloat(difference, x._exponent);
    }

    /// <summary>The nearest double (0 below the double range).</summary>
    public double ToDouble()
    {
        if (IsZero)
        {
            return 0;
        }

        var length = (long)_mantissa.GetBitLength();
        var top = length > 64 ? _mantissa >> (int)(length - 64) : _mantissa;
        var scale = _exponent + Math.Max(length - 64, 0);
        return scale < -2000 ? 0 : scale > 2000 ? double.PositiveInfinity : Math.ScaleB((double)top, (int)scale);
    }

    /// <summary>The natural logarithm, to a double's precision, at any size; −∞ for 0.</summary>
    public double Log()
    {
        if (IsZero)
        {
            return double.NegativeInfinity;
        }

        // Near 1, log1p of the exact difference from 1: the log of a double near 1 keeps only its absolute precision,
        // which a total of near-certain answers (−1e-4 over 219 answers) needs relative.
        if (ToDouble() is >= 0.5 and <= 2)
        {
            var difference = _exponent <= 0 ? _mantissa - (BigInteger.One << (int)-_exponent) : (_mantissa << (int)_exponent) - BigInteger.One;
            var gap = new BigFloat(BigInteger.Abs(difference), Math.Min(_exponent, 0)).ToDouble() * difference.Sign;
            var u = 1 + gap;
            return u == 1 ? gap : Math.Log(u) * gap / (u - 1);
        }

        var length = (long)_mantissa.GetBitLength();
        var top = length > 64 ? _mantissa >> (int)(length - 64) : _mantissa;
        return Math.Log((double)top) + ((_exponent + Math.Max(length - 64, 0)) * Math.Log(2));
    }
}
