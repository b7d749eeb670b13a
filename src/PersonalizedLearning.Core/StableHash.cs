using System.Globalization;

namespace PersonalizedLearning;

/// <summary>
/// FNV-1a (64-bit) over values and text: a hash that is the same in every process and on every machine, unlike
/// <see cref="string.GetHashCode()"/>. Used for model fingerprints and to derive seeded streams.
/// </summary>
internal struct StableHash
{
    private const ulong Prime = 1099511628211UL;
    private ulong _value;

    public StableHash() => _value = 14695981039346656037UL;

    public readonly ulong Value => _value;

    public void Add(ulong value)
    {
        for (var i = 0; i < 8; i++)
        {
            _value = unchecked((_value ^ ((value >> (8 * i)) & 0xFF)) * Prime);
        }
    }

    public void Add(double value) => Add(BitConverter.DoubleToUInt64Bits(value));

    /// <summary>Adds each character, then a terminator, so that ("ab", "c") and ("a", "bc") differ.</summary>
    public void Add(string text)
    {
        AddCharacters(text);
        Add(0xFFFFUL);
    }

    /// <summary>Adds each character, without a terminator (for a single text).</summary>
    public void AddCharacters(string text)
    {
        foreach (var ch in text)
        {
            _value = unchecked((_value ^ ch) * Prime);
        }
    }

    public readonly override string ToString() => _value.ToString("x16", CultureInfo.InvariantCulture);
}
