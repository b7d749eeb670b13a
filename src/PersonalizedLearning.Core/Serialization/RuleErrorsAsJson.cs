using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Serialization;

/// <summary>
/// The resolver behind <see cref="PersonalizedLearningJson.Options"/>: every type of the library it knows is read
/// through a converter that turns the <see cref="ArgumentException"/> a constructor throws for a value that breaks a
/// rule (an activity titled "", an evidence weight of 0) into a <see cref="JsonException"/> naming the rule, so that a
/// bad document is a <see cref="JsonException"/> whichever way it is read (issue 21, fresh review B2: only
/// <see cref="PersonalizedLearningJson.Deserialize{T}(string)"/> did so). The converter is the root of a read only: it
/// reads the value through the inner options, where nested values have no wrapper, so a document
/// pays for one converter call however deep it is.
/// </summary>
/// <remarks>The types are listed, not found by reflection, so that the resolver stays safe to compile ahead of time
/// (a converter made with <c>MakeGenericType</c> over a struct is not); a test checks that every public type of the
/// library the inner options know, and every immutable array they know (a default one is written as <c>[]</c>), is
/// here.</remarks>
internal sealed class RuleErrorsAsJsonResolver(JsonSerializerOptions inner, DocumentTypesResolver documentTypes) : IJsonTypeInfoResolver
{
    private static readonly FrozenDictionary<Type, Func<JsonSerializerOptions, JsonSerializerOptions, JsonTypeInfo>> Wrapped = new[]
    {
        Of<CompetencyId>(), Of<ActivityId>(), Of<LearnerId>(), Of<EvidenceId>(), Of<Records.TenantId>(), Of<Scheduling.TeacherId>(), Of<Scheduling.RoomId>(),
        Of<Competency>(), Of<CompetencyRelation>(), Of<CompetencyFramework>(),
        Of<LearningActivity>(), Of<ActivityAlignment>(), Of<ActivityCatalog>(),
        Of<Evidence>(), Of<EvidenceOutcome>(), Of<List<Evidence>>(), OfArray<Evidence>(),
        Of<LearnerProfile>(), Of<LearningGoal>(), Of<LearnerAccommodations>(), Of<ExternalDeadline>(),
        Of<LearnerState>(), Of<MasteryMemory>(), Of<MasteryPolicy>(), Of<MasteryAssessment>(), OfArray<MasteryAssessment>(), Of<MasterySnapshot>(),
        Of<NextStepResult>(), Of<NextStep>(), Of<RecommendationReason>(), Of<RecommendationSignals>(), Of<StuckCompetency>(),
        Of<Mastery.KnowledgeTracing.BktModel>(),
        Of<Playlist>(), Of<PlaylistOptions>(), Of<LearningPlan>(), Of<PlanMilestone>(), Of<PlanChange>(),
        Of<PacingProjection>(), Of<PacingForecast>(), Of<ObservedPace>(), Of<GoalProjection>(), Of<MilestoneProjection>(), Of<DeadlineProjection>(),
        OfArray<string>(), OfArray<CompetencyId>(), OfArray<ActivityKind>(), OfArray<ActivityAlignment>(), OfArray<NextStep>(), OfArray<RecommendationReason>(),
        OfArray<StuckCompetency>(), OfArray<GoalProjection>(), OfArray<MilestoneProjection>(),
    }.ToFrozenDictionary(w => w.Type, w => w.Make);

    /// <summary>The types read through the converter.</summary>
    public static IEnumerable<Type> WrappedTypes => Wrapped.Keys;

    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
    {
        if (!documentTypes.Known.Contains(type))
        {
            return null;
        }

        return Wrapped.TryGetValue(type, out var make) ? make(inner, options) : documentTypes.GetTypeInfo(type, options);
    }

    private static (Type Type, Func<JsonSerializerOptions, JsonSerializerOptions, JsonTypeInfo> Make) OfArray<T>() =>
        (typeof(ImmutableArray<T>), (inner, options) => JsonMetadataServices.CreateValueInfo<ImmutableArray<T>>(options,
            new Converter<ImmutableArray<T>>((JsonTypeInfo<ImmutableArray<T>>)inner.GetTypeInfo(typeof(ImmutableArray<T>)), a => a.IsDefault)));

    private static (Type Type, Func<JsonSerializerOptions, JsonSerializerOptions, JsonTypeInfo> Make) Of<T>() =>
        (typeof(T), (inner, options) => JsonMetadataServices.CreateValueInfo<T>(options, new Converter<T>((JsonTypeInfo<T>)inner.GetTypeInfo(typeof(T)))));

    private sealed class Converter<T>(JsonTypeInfo<T> info, Func<T, bool>? isDefault = null) : JsonConverter<T>
    {
        // A document is never null: the converter sees null for a class too (a struct's null the serializer refuses itself),
        // so that a root "null", and a null entry wherever the serializer reads entries through these options one by one
        // (JsonSerializer.DeserializeAsyncEnumerable, a host's own collection), is refused like "[null]" in a list of
        // documents (fresh review of issue 21: DeserializeAsyncEnumerable yielded null for it).
        public override bool HandleNull => !typeof(T).IsValueType;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null && !typeof(T).IsValueType)
            {
                throw new JsonException($"The JSON holds null, not {(Name[0] is 'A' or 'E' or 'I' or 'O' or 'U' ? "an" : "a")} {Name}.");
            }

            T? value;
            try
            {
                value = JsonSerializer.Deserialize(ref reader, info);
            }
            catch (ArgumentException e)
            {
                throw new JsonException($"The {Name} in the JSON is not valid: {e.Message}", e);
            }

            // A list of documents holds documents (fresh review: "[null]" was read as a list of one null).
            if (value is System.Collections.IEnumerable items && value is not string)
            {
                var index = 0;
                foreach (var item in items)
                {
                    if (item is null)
                    {
                        throw new JsonException($"The {Name} in the JSON is not valid: entry {index + 1} is null.");
                    }

                    index++;
                }
            }

            return value;
        }

        // A default immutable array (the library reads none, and its results never hold one) is written as empty, as
        // the library's types treat it, rather than the serializer's InvalidOperationException.
        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (isDefault?.Invoke(value) == true)
            {
                writer.WriteStartArray();
                writer.WriteEndArray();
                return;
            }

            JsonSerializer.Serialize(writer, value, info);
        }

        private static string Name => typeof(T) is { IsGenericType: true } t ? $"{t.Name[..t.Name.IndexOf('`', StringComparison.Ordinal)]} of {t.GetGenericArguments()[0].Name}" : typeof(T).Name;
    }
}
