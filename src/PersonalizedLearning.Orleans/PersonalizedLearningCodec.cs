using System.Buffers;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using global::Orleans;
using global::Orleans.Serialization;
using global::Orleans.Serialization.Buffers;
using global::Orleans.Serialization.Buffers.Adaptors;
using global::Orleans.Serialization.Cloning;
using global::Orleans.Serialization.Codecs;
using global::Orleans.Serialization.Serializers;
using global::Orleans.Serialization.TypeSystem;
using global::Orleans.Serialization.WireProtocol;
using Microsoft.Extensions.DependencyInjection;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Records;
using PersonalizedLearning.Sequencing;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Orleans;

/// <summary>
/// Carries the core's types across Orleans grain calls as the core's own versioned JSON documents
/// (<see cref="PersonalizedLearningJson"/>), so the wire has no second schema to keep in step; reports that are not
/// documents (class overviews, small groups, erasure reports) go as plain JSON of their members. A mastery snapshot,
/// playlist or learning plan is read back against the receiving process's <see cref="PersonalizedLearningEngine"/>
/// (its framework or catalog), which must be registered there. The types are immutable, so a copy within a process is
/// the value itself. An <see cref="EvidenceConflictException"/> travels as its two pieces of evidence and is made again on
/// the other side (with the message <see cref="EvidenceConflictException.WithoutContent"/> gives, as
/// <see cref="LearnerRecords"/> throws it); the core's other exceptions go through Orleans' exception codec (type, message
/// and stack trace), since the silo and client extensions add them to its <see cref="ExceptionSerializationOptions"/>.
/// </summary>
[Alias(WellKnownAlias)]
internal sealed class PersonalizedLearningCodec(IServiceProvider services) : IGeneralizedCodec, IGeneralizedCopier, ITypeFilter
{
    public const string WellKnownAlias = "personalized-learning";

    private static readonly Type SelfType = typeof(PersonalizedLearningCodec);

    /// <summary>The types carried: those grain calls of this package take or return.</summary>
    internal static readonly FrozenSet<Type> Supported = new[]
    {
        typeof(TenantId), typeof(LearnerId), typeof(CompetencyId), typeof(ActivityId), typeof(EvidenceId),
        typeof(Evidence), typeof(LearnerState), typeof(LearnerProfile), typeof(LearningGoal), typeof(LearnerAccommodations),
        typeof(PlaylistOptions), typeof(MasterySnapshot), typeof(NextStepResult), typeof(Playlist), typeof(LearningPlan),
        typeof(ClassOverview), typeof(SmallGroupPlan), typeof(ErasureReport), typeof(EvidenceConflictException),
    }.ToFrozenSet();

    // The core's context first (its documents and converters), then plain reflection for the reports.
    private static readonly JsonSerializerOptions Json = new(PersonalizedLearningJson.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(PersonalizedLearningJson.Options.TypeInfoResolver, new DefaultJsonTypeInfoResolver()),
    };

    private PersonalizedLearningEngine? _engine;

    void IFieldCodec.WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, object? value)
    {
        if (ReferenceCodec.TryWriteReferenceField(ref writer, fieldIdDelta, expectedType, value))
        {
            return;
        }

        writer.WriteFieldHeader(fieldIdDelta, expectedType, SelfType, WireType.TagDelimited);
        ReferenceCodec.MarkValueField(writer.Session);
        writer.WriteFieldHeaderExpected(0, WireType.LengthPrefixed);
        writer.Session.TypeCodec.WriteLengthPrefixed(ref writer, value!.GetType());

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            if (value is EvidenceConflictException conflict)
            {
                // Its message is made from the two pieces (naming fields, not values), so the pieces are what travels.
                JsonSerializer.Serialize(json, new ConflictWire(conflict.Existing, conflict.Incoming, conflict.ParamName), Json);
            }
            else if (value is TenantId { IsEmpty: true } or LearnerId { IsEmpty: true } or CompetencyId { IsEmpty: true } or ActivityId { IsEmpty: true } or EvidenceId { IsEmpty: true })
            {
                // The empty (default) identifier has no document; it travels as null, so that the callee refuses it with
                // its own ArgumentException rather than the wire with a JsonException.
                json.WriteNullValue();
            }
            else
            {
                JsonSerializer.Serialize(json, value, value.GetType(), Json);
            }
        }

        ReferenceCodec.MarkValueField(writer.Session);
        writer.WriteFieldHeaderExpected(1, WireType.LengthPrefixed);
        writer.WriteVarUInt32((uint)buffer.WrittenCount);
        writer.Write(buffer.WrittenSpan);
        writer.WriteEndObject();
    }

    object? IFieldCodec.ReadValue<TInput>(ref Reader<TInput> reader, Field field)
    {
        if (field.IsReference)
        {
            return ReferenceCodec.ReadReference(ref reader, field.FieldType);
        }

        field.EnsureWireTypeTagDelimited();
        var placeholder = ReferenceCodec.CreateRecordPlaceholder(reader.Session);
        object? result = null;
        Type? type = null;
        uint fieldId = 0;
        while (true)
        {
            var header = reader.ReadFieldHeader();
            if (header.IsEndBaseOrEndObject)
            {
                break;
            }

            fieldId += header.FieldIdDelta;
            switch (fieldId)
            {
                case 0:
                    ReferenceCodec.MarkValueField(reader.Session);
                    type = reader.Session.TypeCodec.ReadLengthPrefixed(ref reader);
                    break;
                case 1:
                    ReferenceCodec.MarkValueField(reader.Session);
                    var length = (int)reader.ReadVarUInt32();
                    var bytes = reader.ReadBytes((uint)length);
                    result = Read(type ?? throw new RequiredFieldMissingException("A PersonalizedLearning value arrived without its type."), bytes);
                    break;
                default:
                    reader.ConsumeUnknownField(header);
                    break;
            }
        }

        ReferenceCodec.RecordObject(reader.Session, result!, placeholder);
        return result;
    }

    bool IGeneralizedCodec.IsSupportedType(Type type) => type == SelfType || Supported.Contains(type);

    [return: NotNullIfNotNull(nameof(input))]
    object? IDeepCopier.DeepCopy(object? input, CopyContext context) => input;

    bool IGeneralizedCopier.IsSupportedType(Type type) => Supported.Contains(type);

    bool? ITypeFilter.IsTypeAllowed(Type type) => Supported.Contains(type) || type == SelfType ? true : null;

    private object Read(Type type, byte[] bytes)
    {
        if (!Supported.Contains(type))
        {
            throw new NotSupportedException($"Type '{type}' is not one the PersonalizedLearning codec carries.");
        }

        if (type == typeof(MasterySnapshot))
        {
            return PersonalizedLearningJson.DeserializeMasterySnapshot(Text(bytes), Engine(type).Framework);
        }

        if (type == typeof(Playlist))
        {
            return PersonalizedLearningJson.DeserializePlaylist(Text(bytes), Engine(type).Catalog);
        }

        if (type == typeof(LearningPlan))
        {
            return PersonalizedLearningJson.DeserializeLearningPlan(Text(bytes), Engine(type).Catalog);
        }

        if (type == typeof(EvidenceConflictException))
        {
            var wire = JsonSerializer.Deserialize<ConflictWire>(bytes, Json) ?? throw new JsonException("An EvidenceConflictException arrived as JSON null.");
            return EvidenceConflictException.WithoutContent(wire.Existing, wire.Incoming, wire.ParamName);
        }

        if (type.IsValueType && bytes.AsSpan().SequenceEqual("null"u8))
        {
            return Activator.CreateInstance(type)!;
        }

        return JsonSerializer.Deserialize(bytes, type, Json) ?? throw new JsonException($"A {type.Name} arrived as JSON null.");
    }

    private sealed record ConflictWire(Evidence Existing, Evidence Incoming, string? ParamName);

    private static string Text(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);

    private PersonalizedLearningEngine Engine(Type type) => _engine ??= services.GetService<PersonalizedLearningEngine>()
        ?? throw new InvalidOperationException($"A {type.Name} is read against the framework and catalog of this process's PersonalizedLearningEngine, and none is registered: call services.AddPersonalizedLearning(...) with the silos' catalog on this client.");
}
