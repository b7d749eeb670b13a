using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PersonalizedLearning.Interop;

/// <summary>What the writers of standard documents (CASE, xAPI, OneRoster) share.</summary>
internal static class InteropJson
{
    /// <summary>Writes a document with a UTF-8 JSON writer and returns it as text.</summary>
    public static string Write(bool indented, Action<Utf8JsonWriter> body)
    {
        var buffer = new MemoryStream();
        // Readable UTF-8: every character as itself (non-ASCII, '+', characters outside the Basic Multilingual Plane)
        // but what JSON requires escaped (RFC 8259 §7).
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = ReadableJsonEncoder.Instance }))
        {
            body(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>A JSON string value's text, as the writers write it, without the quotes.</summary>
    public static string Encode(string text) => JsonEncodedText.Encode(text, ReadableJsonEncoder.Instance).Value;

    /// <summary>An ISO 8601 date and time with its offset and no trailing zeros in the fraction.</summary>
    public static string Timestamp(DateTimeOffset date) => date.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}

/// <summary>
/// Escapes only what JSON requires (RFC 8259 §7: the quotation mark, the reverse solidus and control characters
/// U+0000–U+001F) and an ill-formed surrogate; everything else is written as itself. The built-in encoders escape
/// characters outside the Basic Multilingual Plane, U+2028/U+2029 and others even when relaxed, which mixes escaped
/// and readable text in one document.
/// </summary>
internal sealed class ReadableJsonEncoder : JavaScriptEncoder
{
    public static readonly ReadableJsonEncoder Instance = new();

    private ReadableJsonEncoder()
    {
    }

    public override int MaxOutputCharactersPerInputCharacter => 6; // \uXXXX

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            var c = text[i];
            if (c < 0x20 || c == '"' || c == '\\')
            {
                return i;
            }

            if (char.IsHighSurrogate(c) && i + 1 < textLength && char.IsLowSurrogate(text[i + 1]))
            {
                i++; // a pair: one scalar, written as itself
            }
            else if (char.IsSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var destination = new Span<char>(buffer, bufferLength);
        var escaped = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            <= 0xFFFF => null,
            _ => string.Empty, // outside the BMP: never asked (written as itself)
        };
        numberOfCharactersWritten = 0;
        if (escaped is null)
        {
            if (bufferLength < 6)
            {
                return false;
            }

            destination[0] = '\\';
            destination[1] = 'u';
            ((ushort)unicodeScalar).TryFormat(destination[2..], out _, "X4", System.Globalization.CultureInfo.InvariantCulture);
            numberOfCharactersWritten = 6;
            return true;
        }

        if (escaped.Length == 0 || !escaped.AsSpan().TryCopyTo(destination))
        {
            return false;
        }

        numberOfCharactersWritten = escaped.Length;
        return true;
    }

    public override bool WillEncode(int unicodeScalar) => unicodeScalar < 0x20 || unicodeScalar == '"' || unicodeScalar == '\\';
}
