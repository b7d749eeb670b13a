using System.Text.Json;
using System.Text.Json.Serialization;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Serialization;

/// <summary>Writes a binary outcome as <c>{"correct":true}</c> and a graded one as <c>{"score":0.75}</c>.</summary>
internal sealed class EvidenceOutcomeJsonConverter : JsonConverter<EvidenceOutcome>
{
    public override EvidenceOutcome Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("An evidence outcome must be an object: {\"correct\": true} or {\"score\": 0.75}.");
        }

        EvidenceOutcome? outcome = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (outcome is not null)
            {
                throw new JsonException("An evidence outcome has exactly one member: \"correct\" or \"score\".");
            }

            outcome = name switch
            {
                "correct" when reader.TokenType is JsonTokenType.True or JsonTokenType.False => EvidenceOutcome.FromCorrect(reader.GetBoolean()),
                "score" when reader.TokenType == JsonTokenType.Number => Score(reader.GetDouble()),
                _ => throw new JsonException($"An evidence outcome member must be \"correct\" (a boolean) or \"score\" (a number in [0, 1]); got \"{name}\" ({reader.TokenType})."),
            };
        }

        return outcome ?? throw new JsonException("An evidence outcome needs \"correct\" or \"score\".");
    }

    public override void Write(Utf8JsonWriter writer, EvidenceOutcome value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.IsBinary)
        {
            writer.WriteBoolean("correct", value.IsCorrect);
        }
        else
        {
            writer.WriteNumber("score", value.Score);
        }

        writer.WriteEndObject();
    }

    private static EvidenceOutcome Score(double score)
    {
        try
        {
            return EvidenceOutcome.FromScore(score);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new JsonException(e.Message, e);
        }
    }
}
