using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace PersonalizedLearning.Serialization;

/// <summary>
/// Writes a public type through its internal, versioned document shape and reads it back through the
/// type's own validation. A document of another schema version is refused with a clear message, and an
/// <see cref="ArgumentException"/> from validation becomes a <see cref="JsonException"/>.
/// </summary>
internal abstract class DocumentJsonConverter<T, TDocument> : JsonConverter<T>
    where T : class
    where TDocument : class, IVersionedDocument
{
    protected abstract string Noun { get; }

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var document = VersionedDocument.Read(ref reader, DocumentInfo(options), Noun)
            ?? throw new JsonException($"A {Noun} document must be a JSON object, not null.");
        VersionedDocument.Check(document, Noun);

        try
        {
            return FromDocument(document);
        }
        catch (ArgumentException e)
        {
            throw new JsonException($"The {Noun} document is not valid: {e.Message}", e);
        }
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        => JsonSerializer.Serialize(writer, ToDocument(value), DocumentInfo(options));

    protected abstract TDocument ToDocument(T value);

    protected abstract T FromDocument(TDocument document);

    private static JsonTypeInfo<TDocument> DocumentInfo(JsonSerializerOptions options) => (JsonTypeInfo<TDocument>)options.GetTypeInfo(typeof(TDocument));
}
