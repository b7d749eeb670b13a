using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PersonalizedLearning;

/// <summary>
/// Marks a <c>public readonly partial struct</c> as an identifier: the source generator in eng/IdentifierGenerator writes
/// the members every identifier shares (the validating constructor, <c>Value</c>, <c>IsEmpty</c>, ordinal equality and
/// order with their operators, the conversion from string, <c>FromString</c>, <c>ToString</c>, the JSON converter) and
/// the remarks of its documentation. The hand-written part keeps its own summary.
/// </summary>
/// <param name="noun">How messages name the identifier, e.g. "competency id".</param>
/// <param name="none">What the default, empty identifier stands for, e.g. "no competency".</param>
[AttributeUsage(AttributeTargets.Struct, Inherited = false)]
[Conditional("PERSONALIZEDLEARNING_IDENTIFIER_GENERATOR")]
internal sealed class GeneratedIdentifierAttribute(string noun, string none) : Attribute
{
    public string Noun { get; } = noun;

    public string None { get; } = none;
}

/// <summary>The shape every identifier struct shares, so one JSON converter serves them all.</summary>
internal interface IIdentifier<TSelf>
    where TSelf : struct, IIdentifier<TSelf>
{
    string Value { get; }

    bool IsEmpty { get; }

    static abstract string Noun { get; }

    static abstract TSelf Create(string value);
}

/// <summary>The rules every identifier follows.</summary>
internal static class Identifier
{
    /// <summary>Longest identifier accepted; long enough for URIs and GUID-based CASE identifiers.</summary>
    public const int MaxLength = 1024;

    /// <summary>Returns <paramref name="value"/> if it is a valid identifier, or throws naming the rule it breaks.</summary>
    public static string Require(string value, string noun, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        var problem = Check(value, noun);
        if (problem is not null)
        {
            throw new ArgumentException(problem, paramName);
        }

        return value;
    }

    /// <summary>Returns null when <paramref name="value"/> is a valid identifier, otherwise the reason it is not.</summary>
    public static string? Check(string? value, string noun)
    {
        var a = Article(noun);
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{a} {noun} must not be empty or whitespace; got '{value}'.";
        }

        if (value.Length > MaxLength)
        {
            return $"{a} {noun} must be at most {MaxLength} characters; got {value.Length}.";
        }

        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            return $"{a} {noun} must not start or end with whitespace; got '{value}'.";
        }

        if (LoneSurrogate(value) is >= 0 and var at)
        {
            return $"{a} {noun} must be well-formed UTF-16; a lone surrogate is at position {at}.";
        }

        // Printable ASCII only, the usual case: nothing more to check.
        if (value.AsSpan().IndexOfAnyExceptInRange(' ', '~') < 0)
        {
            return null;
        }

        // Control characters (U+0000-U+001F, U+007F-U+009F): invisible in a log or a report, cut C strings short, and no
        // IRI (CASE, xAPI) holds one.
        var c0 = value.AsSpan().IndexOfAnyInRange('\u0000', '\u001F');
        var c1 = value.AsSpan().IndexOfAnyInRange('\u007F', '\u009F');
        var control = c0 < 0 ? c1 : c1 < 0 ? c0 : Math.Min(c0, c1);

        // Format characters (Unicode category Cf: U+200B zero width space, U+202E right-to-left override, U+FEFF byte order
        // mark, U+00AD soft hyphen, tags...) and the line and paragraph separators (Zl U+2028, Zp U+2029): invisible or
        // reordering, so two ids that print alike would differ ("A\u200B1" and "A1"), and a separator breaks a line of a
        // log or a CSV file. RFC 3987 §4.1 keeps the bidirectional ones out of IRIs. Read as runes: a few lie beyond U+FFFF.
        var format = FirstFormatOrSeparator(value);
        if (control >= 0 && (format < 0 || control < format))
        {
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{a} {noun} must not hold control characters; U+{(int)value[control]:X4} is at position {control}.");
        }

        if (format >= 0)
        {
            return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{a} {noun} must not hold invisible format characters or line or paragraph separators (Unicode categories Cf, Zl, Zp); U+{Rune.GetRuneAt(value, format).Value:X4} is at position {format}.");
        }

        return null;
    }

    // The position (in UTF-16 units) of the first character of category Cf, Zl or Zp; -1 when there is none. The string is
    // well-formed UTF-16 (checked before).
    private static int FirstFormatOrSeparator(string value)
    {
        var at = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value > '~' && Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return at;
            }

            at += rune.Utf16SequenceLength;
        }

        return -1;
    }

    // "A competency id", "An activity id", "An evidence id".
    internal static string Article(string noun) => noun.Length > 0 && "aeiouAEIOU".Contains(noun[0], StringComparison.Ordinal) ? "An" : "A";

    public static int Compare(string? left, string? right) => string.CompareOrdinal(left, right);

    // The position of the first surrogate that is not half of a pair; -1 when there is none.
    private static int LoneSurrogate(string value)
    {
        var i = value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        while (i >= 0 && i < value.Length)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i += 2;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return i;
            }
            else
            {
                i++;
            }
        }

        return -1;
    }
}

/// <summary>Writes an identifier as a plain JSON string, and reads it back with the identifier's own rules.</summary>
internal sealed class IdentifierJsonConverter<TId> : JsonConverter<TId>
    where TId : struct, IIdentifier<TId>
{
    public override TId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"{Identifier.Article(TId.Noun)} {TId.Noun} must be a JSON string; got {reader.TokenType}.");
        }

        return Create(reader.GetString()!);
    }

    public override void Write(Utf8JsonWriter writer, TId value, JsonSerializerOptions options)
    {
        writer.WriteStringValue(RequireValue(value));
    }

    public override TId ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => Create(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, TId value, JsonSerializerOptions options)
        => writer.WritePropertyName(RequireValue(value));

    private static TId Create(string text)
    {
        var problem = Identifier.Check(text, TId.Noun);
        return problem is null ? TId.Create(text) : throw new JsonException(problem);
    }

    private static string RequireValue(TId value) => value.IsEmpty
        ? throw new JsonException($"An empty (default) {TId.Noun} cannot be written; every identifier in a document must have a value.")
        : value.Value;
}
