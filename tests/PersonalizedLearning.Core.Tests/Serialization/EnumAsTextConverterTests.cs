using System.Text.Json;
using System.Text.Json.Nodes;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Serialization;

/// <summary>Enumerations are written by name and read by name only (issue 21, fresh review: <c>"level": 2</c> was read as
/// <see cref="MasteryLevel.Proficient"/>, since the serializer's string enum converter also takes integers).</summary>
public class EnumAsTextConverterTests
{
    /// <summary>Every enumeration the library's options read and write, found by reflection rather than listed, so that an
    /// enumeration added to a document without its converter fails here.</summary>
    public static TheoryData<Type> Enumerations()
    {
        var data = new TheoryData<Type>();
        foreach (var type in EnumerationTypes())
        {
            data.Add(type);
        }

        return data;
    }

    private static IEnumerable<Type> EnumerationTypes() => typeof(PersonalizedLearningJson).Assembly.GetExportedTypes()
        .Where(t => t.IsEnum && PersonalizedLearningJson.Options.TryGetTypeInfo(t, out _)).OrderBy(t => t.FullName, StringComparer.Ordinal);

    [Fact]
    public void Enumerations_AreTheOnesTheDocumentsHold()
    {
        // A floor, so that the theory below cannot pass on no enumeration at all: the thirteen the documents held when
        // the converter was written (those the source generator made a string converter for).
        EnumerationTypes().Select(t => t.Name).Should().Contain(new[]
        {
            "ActivityKind", "AgencyLevel", "CompetencyRelationKind", "EvidenceKind", "LearningModality", "MasteryLevel", "MasteryReason",
            "PacingStatus", "PlanChangeKind", "PlanStatus", "PlaylistStepKind", "RecommendationPurpose", "RecommendationReasonCode",
        });
    }

    [Theory]
    [MemberData(nameof(Enumerations))]
    public void Enumeration_IsWrittenAndReadByNameOnly(Type type)
    {
        var names = Enum.GetNames(type);
        var last = Enum.Parse(type, names[^1]);
        var number = Convert.ToInt64(last, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var options = PersonalizedLearningJson.Options;

        JsonSerializer.Serialize(last, type, options).Should().Be($"\"{names[^1]}\"");
        JsonSerializer.Deserialize($"\"{names[^1]}\"", type, options).Should().Be(last, "a valid value still reads");

        var expected = $"{type.Name} is written as text, the name of one of its members ({string.Join(", ", names)}); got the number {number}.";
        FluentActions.Invoking(() => JsonSerializer.Deserialize(number, type, options)).Should().ThrowExactly<JsonException>().WithMessage(expected);
        FluentActions.Invoking(() => JsonSerializer.Deserialize($"\"{number}\"", type, options)).Should().ThrowExactly<JsonException>()
            .WithMessage($"{type.Name} is written as text, the name of one of its members (*); got the number \"{number}\" as a string.");
        FluentActions.Invoking(() => JsonSerializer.Deserialize("\"NoSuchMember\"", type, options)).Should().ThrowExactly<JsonException>();
        FluentActions.Invoking(() => JsonSerializer.Deserialize($"\"{names[^1].ToLowerInvariant()}\"", type, options)).Should().ThrowExactly<JsonException>()
            .WithMessage($"{type.Name} is written as the name of one of its members (*), as spelled there; got \"{names[^1].ToLowerInvariant()}\".");
        if (names.Length > 1 && !type.IsDefined(typeof(FlagsAttribute), false))
        {
            // Two names joined, which Enum.Parse would combine into a value the library never writes (or another member).
            FluentActions.Invoking(() => JsonSerializer.Deserialize($"\"{names[0]}, {names[^1]}\"", type, options)).Should().ThrowExactly<JsonException>()
                .WithMessage($"{type.Name} is written as the name of one of its members (*); got \"{names[0]}, {names[^1]}\", several joined.");
        }
    }

    [Fact]
    public void NextStepResult_ALevelGivenAsANumber_IsRefused()
    {
        // The reviewer's example: a step's "level": 2 in a result the recommender wrote as "level": "Attempted".
        var engine = new PersonalizedLearningEngine(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.Latest());
        var ana = engine.Record(engine.CreateLearner("ana"), Evidence.ForCompetency("e1", "ana", "A", EvidenceOutcome.FromScore(0.3), TestData.Start));
        var json = PersonalizedLearningJson.Serialize(engine.RecommendNext(ana, 3, asOf: TestData.Start));
        PersonalizedLearningJson.Deserialize<NextStepResult>(json).Should().Be(engine.RecommendNext(ana, 3, asOf: TestData.Start), "the document as written reads");
        var node = JsonNode.Parse(json)!;
        node["steps"]![0]!["level"] = 2;

        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<NextStepResult>(node.ToJsonString())).Should().ThrowExactly<JsonException>()
            .WithMessage("MasteryLevel is written as text, the name of one of its members (NotStarted, Attempted, Familiar, Proficient, Mastered); got the number 2.");
        FluentActions.Invoking(() => JsonSerializer.Deserialize<NextStepResult>(node.ToJsonString(), PersonalizedLearningJson.Options))
            .Should().ThrowExactly<JsonException>().WithMessage("MasteryLevel is written as text*got the number 2.");
    }

    [Fact]
    public void ANumberSplitAcrossTwoBuffers_IsNamedWhole()
    {
        // A reader over a stream sees a token split across buffers as a sequence, not a span: "1" and "2" are the number 12.
        var first = new Segment("1"u8.ToArray());
        var last = first.Append("2"u8.ToArray());
        var reader = new Utf8JsonReader(new System.Buffers.ReadOnlySequence<byte>(first, 0, last, 1));
        JsonException? thrown = null;
        try
        {
            JsonSerializer.Deserialize<MasteryLevel>(ref reader, PersonalizedLearningJson.Options);
        }
        catch (JsonException e)
        {
            thrown = e;
        }

        thrown.Should().NotBeNull();
        thrown!.Message.Should().Be("MasteryLevel is written as text, the name of one of its members (NotStarted, Attempted, Familiar, Proficient, Mastered); got the number 12.");
    }

    private sealed class Segment : System.Buffers.ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
