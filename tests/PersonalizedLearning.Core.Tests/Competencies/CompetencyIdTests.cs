using System.Text.Json;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Competencies;

public class CompetencyIdTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_BlankText_ThrowsArgumentExceptionNamingTheRule(string text)
    {
        var act = () => new CompetencyId(text);
        act.Should().Throw<ArgumentException>().WithMessage($"A competency id must not be empty or whitespace; got '{text}'.*")
            .And.ParamName.Should().Be("value");
    }

    [Fact]
    public void Constructor_PaddedText_ThrowsArgumentException()
    {
        var act = () => new CompetencyId(" F1");
        act.Should().Throw<ArgumentException>().WithMessage("A competency id must not start or end with whitespace; got ' F1'.*");
    }

    [Fact]
    public void Constructor_LoneSurrogate_ThrowsArgumentException_NoDocumentCouldCarryIt()
    {
        // Found by review: such an id failed only later, in a writer ("Cannot transcode invalid UTF-16"). (Built here,
        // not in InlineData, whose serialization replaces lone surrogates.)
        foreach (var (text, at) in new[] { ("a" + '\uD800' + "b", 1), (((char)0xDC00).ToString(), 0), ("𝑑" + '\uD835', 2) })
        {
            var act = () => new CompetencyId(text);
            act.Should().Throw<ArgumentException>().WithMessage($"A competency id must be well-formed UTF-16; a lone surrogate is at position {at}.*");
        }

        new CompetencyId("𝑑x").Value.Should().Be("𝑑x", "a surrogate pair is one character");
    }

    [Fact]
    public void Constructor_TooLong_ThrowsArgumentException()
    {
        var act = () => new CompetencyId(new string('x', 1025));
        act.Should().Throw<ArgumentException>().WithMessage("A competency id must be at most 1024 characters; got 1025.*");
        new CompetencyId(new string('x', 1024)).Value.Should().HaveLength(1024);
    }

    [Fact]
    public void Constructor_Null_ThrowsArgumentNullException()
    {
        var act = () => new CompetencyId(null!);
        act.Should().Throw<ArgumentNullException>().And.ParamName.Should().Be("value");
    }

    [Fact]
    public void Default_IsEmptyAndEqualsOnlyItself()
    {
        var empty = default(CompetencyId);
        empty.IsEmpty.Should().BeTrue();
        empty.Value.Should().BeEmpty();
        empty.Should().Be(default(CompetencyId));
        empty.Should().NotBe(new CompetencyId("a"));
        new CompetencyId("a").IsEmpty.Should().BeFalse();
    }

    [Fact]
    public void Equality_IsOrdinalAndCaseSensitive()
    {
        CompetencyId upper = "F1";
        (upper == new CompetencyId("F1")).Should().BeTrue();
        (upper == new CompetencyId("f1")).Should().BeFalse();
        upper.GetHashCode().Should().Be(new CompetencyId("F1").GetHashCode());
    }

    [Fact]
    public void Comparison_IsOrdinal()
    {
        var ids = new CompetencyId[] { "b", "B", "a", "A10", "A2" };
        ids.Order().Select(i => i.Value).Should().Equal("A10", "A2", "B", "a", "b");
        (new CompetencyId("a") < new CompetencyId("b")).Should().BeTrue();
        (new CompetencyId("b") >= new CompetencyId("b")).Should().BeTrue();
    }

    [Fact]
    public void Json_WritesAndReadsAPlainString()
    {
        PersonalizedLearningJson.Serialize(new CompetencyId("3.NF.A.1")).Should().Be("\"3.NF.A.1\"");
        PersonalizedLearningJson.Deserialize<CompetencyId>("\"3.NF.A.1\"").Should().Be(new CompetencyId("3.NF.A.1"));
        JsonSerializer.Serialize(new CompetencyId("x")).Should().Be("\"x\"", "the converter is on the type, so any options write a plain string");
    }

    [Theory]
    [InlineData("\"\"", "A competency id must not be empty or whitespace*")]
    [InlineData("42", "A competency id must be a JSON string; got Number.")]
    public void Json_InvalidValue_ThrowsJsonException(string json, string message)
    {
        var act = () => PersonalizedLearningJson.Deserialize<CompetencyId>(json);
        act.Should().Throw<JsonException>().WithMessage(message);
    }

    [Fact]
    public void Json_DefaultId_CannotBeWritten()
    {
        var act = () => PersonalizedLearningJson.Serialize(default(CompetencyId));
        act.Should().Throw<JsonException>().WithMessage("An empty (default) competency id cannot be written*");
    }
}
