using System.Text.Json;
using System.Text.Json.Serialization;

namespace PersonalizedLearning.Serialization;

/// <summary>
/// An enumeration as the library writes it: its member's name, read back by name only. The serializer's
/// <see cref="JsonStringEnumConverter"/>, which <c>UseStringEnumConverter</c> puts on every enumeration of the
/// source-generated context, also reads integers (<c>"level": 2</c>), numeric strings (<c>"level": "2"</c>) and names joined by
/// commas (<c>"Attempted, Familiar"</c>, read as their bitwise or), and names in another case (<c>"proficient"</c>); the
/// library never writes any of them, so a document
/// holding one was not written by it (issue 21, fresh review), and is refused with a <see cref="JsonException"/> naming
/// the enumeration, what it got and the names it takes. Listed in the context once per
/// enumeration (a closed generic, made by the generator without reflection, so safe to compile ahead of time); a test
/// checks that every enumeration the library's options know is listed.
/// </summary>
/// <typeparam name="TEnum">The enumeration.</typeparam>
internal sealed class EnumAsTextConverter<TEnum> : JsonConverterFactory
    where TEnum : struct, Enum
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(TEnum);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        new Strict((JsonConverter<TEnum>)new JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false).CreateConverter(typeToConvert, options));

    private sealed class Strict(JsonConverter<TEnum> text) : JsonConverter<TEnum>
    {
        private static readonly string Names = string.Join(", ", Enum.GetNames<TEnum>());
        private static readonly bool IsFlags = typeof(TEnum).IsDefined(typeof(FlagsAttribute), false);

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                throw new JsonException($"{typeof(TEnum).Name} is written as text, the name of one of its members ({Names}); got the number {System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan)}.");
            }

            // A member's own name, as the library writes it, is read and compared in place (no string made); only a text
            // the serializer refuses or reads as something else is looked at more closely, to say what is wrong with it.
            TEnum value;
            try
            {
                value = text.Read(ref reader, typeToConvert, options);
            }
            catch (JsonException) when (reader.TokenType == JsonTokenType.String)
            {
                ThrowIfNumberOrJoined(reader.GetString());
                throw;
            }

            // The serializer also matches a name in another case ("proficient"), numbers as text ("2") and names joined by
            // commas ("A, B", their bitwise or); the library writes the member's own name.
            if (reader.TokenType == JsonTokenType.String && (Enum.GetName(value) is not { } written || !reader.ValueTextEquals(written)))
            {
                var name = reader.GetString();
                ThrowIfNumberOrJoined(name);
                if (!IsFlags && Enum.GetName(value) is not null)
                {
                    throw new JsonException($"{typeof(TEnum).Name} is written as the name of one of its members ({Names}), as spelled there; got \"{name}\".");
                }
            }

            return value;
        }

        private static void ThrowIfNumberOrJoined(string? name)
        {
            var first = name.AsSpan().TrimStart();
            if (!first.IsEmpty && (char.IsAsciiDigit(first[0]) || first[0] is '-' or '+'))
            {
                throw new JsonException($"{typeof(TEnum).Name} is written as text, the name of one of its members ({Names}); got the number \"{name}\" as a string.");
            }

            // Enum parsing joins "A, B" into their bitwise or, a value (or another member) the library never writes.
            if (!IsFlags && name is not null && name.Contains(',', StringComparison.Ordinal))
            {
                throw new JsonException($"{typeof(TEnum).Name} is written as the name of one of its members ({Names}); got \"{name}\", several joined.");
            }
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => text.Write(writer, value, options);

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => text.ReadAsPropertyName(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => text.WriteAsPropertyName(writer, value, options);
    }
}
