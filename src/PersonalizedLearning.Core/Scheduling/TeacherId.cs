using System.Diagnostics;
using System.Text.Json.Serialization;

namespace PersonalizedLearning.Scheduling;

/// <summary>
/// Identifies a teacher (or any adult who leads sessions); the host owns what it means (a staff id, an email). Compared ordinally (case-sensitive); serialized as a plain JSON string.
/// </summary>
/// <remarks>
/// <para>A valid identifier is not blank, has no leading or trailing whitespace, is at most 1024 characters, and is
/// well-formed UTF-16 (no lone surrogate, which no document could carry).</para>
/// <para>The default value is the empty identifier (<see cref="IsEmpty"/> is true): it stands for "no teacher",
/// equals only itself, and is rejected wherever an identifier is required.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
[DebuggerDisplay("{Value}")]
[JsonConverter(typeof(IdentifierJsonConverter<TeacherId>))]
public readonly struct TeacherId : IEquatable<TeacherId>, IComparable<TeacherId>, IIdentifier<TeacherId>
{
    private readonly string? _value;

    /// <summary>Creates an identifier from its text.</summary>
    /// <param name="value">The identifier text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is blank, too long, padded with whitespace, or holds a lone
    /// surrogate.</exception>
    public TeacherId(string value) => _value = Identifier.Require(value, Noun, nameof(value));

    /// <summary>The identifier text.</summary>
    /// <value>The text given at construction; the empty string for the default identifier.</value>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is the default, empty identifier.</summary>
    /// <value>True only for <c>default(TeacherId)</c>.</value>
    public bool IsEmpty => _value is null;

    static string IIdentifier<TeacherId>.Noun => Noun;

    private static string Noun => "teacher id";

    /// <summary>Converts text to an identifier; the same as calling the constructor.</summary>
    /// <param name="value">The identifier text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a valid identifier.</exception>
    public static implicit operator TeacherId(string value) => new(value);

    /// <summary>Whether two identifiers are equal (ordinal comparison).</summary>
    /// <param name="left">The first identifier.</param>
    /// <param name="right">The second identifier.</param>
    /// <returns>True when both have the same text.</returns>
    public static bool operator ==(TeacherId left, TeacherId right) => left.Equals(right);

    /// <summary>Whether two identifiers differ (ordinal comparison).</summary>
    /// <param name="left">The first identifier.</param>
    /// <param name="right">The second identifier.</param>
    /// <returns>True when their texts differ.</returns>
    public static bool operator !=(TeacherId left, TeacherId right) => !left.Equals(right);

    /// <summary>Whether <paramref name="left"/> sorts before <paramref name="right"/> (ordinal).</summary>
    /// <param name="left">The first identifier.</param>
    /// <param name="right">The second identifier.</param>
    /// <returns>True when <paramref name="left"/> sorts first.</returns>
    public static bool operator <(TeacherId left, TeacherId right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> sorts before or with <paramref name="right"/> (ordinal).</summary>
    /// <param name="left">The first identifier.</param>
    /// <param name="right">The second identifier.</param>
    /// <returns>True unless <paramref name="left"/> sorts after.</returns>
    public static bool operator <=(TeacherId left, TeacherId right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> sorts after <paramref name="right"/> (ordinal).</summary>
    /// <param name="left">The first identifier.</param>
    /// <param name="right">The second identifier.</param>
    /// <returns>True when <paramref name="left"/> sorts after.</returns>
    public static bool operator >(TeacherId left, TeacherId right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> sorts after or with <paramref name="right"/> (ordinal).</summary>
    /// <param name="left">The first identifier.</param>
    /// <param name="right">The second identifier.</param>
    /// <returns>True unless <paramref name="left"/> sorts first.</returns>
    public static bool operator >=(TeacherId left, TeacherId right) => left.CompareTo(right) >= 0;

    /// <summary>Creates an identifier from its text; the named alternative to the implicit conversion.</summary>
    /// <param name="value">The identifier text.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a valid identifier.</exception>
    public static TeacherId FromString(string value) => new(value);

    static TeacherId IIdentifier<TeacherId>.Create(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(TeacherId other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TeacherId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Orders identifiers ordinally by their text; the empty identifier sorts first.</summary>
    /// <param name="other">The identifier to compare with.</param>
    /// <returns>Negative, zero or positive, as for <see cref="string.CompareOrdinal(string, string)"/>.</returns>
    public int CompareTo(TeacherId other) => Identifier.Compare(_value, other._value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
