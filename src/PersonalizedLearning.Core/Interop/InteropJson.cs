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
        // Readable UTF-8: non-ASCII text and '+' as themselves, not \uXXXX (the default encoder escapes them for HTML,
        // which these documents are not embedded in); quotes, backslashes and control characters are still escaped.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            body(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>An ISO 8601 date and time with its offset and no trailing zeros in the fraction.</summary>
    public static string Timestamp(DateTimeOffset date) => date.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
