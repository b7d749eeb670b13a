using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Tests.Competencies;

public class CompetencyTests
{
    [Fact]
    public void Constructor_BlankTitle_ThrowsArgumentException()
    {
        var act = () => new Competency("F1", " ");
        act.Should().Throw<ArgumentException>().WithMessage("Competency 'F1' needs a title that is not blank; got ' '.*")
            .And.ParamName.Should().Be("title");
    }

    [Theory]
    [InlineData("Fractions\u0000", "U+0000", 9)]
    [InlineData("\u0007Bell", "U+0007", 0)]
    [InlineData("Esc\u001B[2J", "U+001B", 3)]
    [InlineData("Csi\u009B2J", "U+009B", 3)]
    [InlineData("Unit\u001F1", "U+001F", 4)]
    [InlineData("Del\u007F", "U+007F", 3)]
    public void Constructor_TitleWithAControlCharacter_ThrowsNamingItAndItsPosition(string title, string code, int position)
    {
        FluentActions.Invoking(() => new Competency("F1", title)).Should().ThrowExactly<ArgumentException>()
            .WithMessage($"Competency 'F1''s title must not hold control characters other than white space (U+0009-U+000D, U+0085); {code} is at position {position}. (Parameter 'title')")
            .And.ParamName.Should().Be("title");
    }

    [Fact]
    public void Constructor_TitleOfSeveralLines_OrWithFormatCharacters_IsKept()
    {
        // White-space controls stay (a CASE statement often runs over lines, and a real package holds form feeds); so do a
        // right-to-left mark, a zero-width joiner and the line separator, which are how some text is written.
        foreach (var title in new[] { "Add and subtract\r\n\tfractions", "Page one\fpage two\vand\u0085on", "\u05E9\u05D1\u05E8\u05D9\u05DD\u200F", "👩\u200D🏫 teaching", "a\u2028b" })
        {
            new Competency("F1", title).Title.Should().Be(title);
        }
    }

    [Fact]
    public void Constructor_NullTitle_ThrowsArgumentNullException()
    {
        var act = () => new Competency("F1", null!);
        act.Should().Throw<ArgumentNullException>().And.ParamName.Should().Be("title");
    }

    [Fact]
    public void Constructor_EmptyId_ThrowsArgumentException()
    {
        var act = () => new Competency(default, "Title");
        act.Should().Throw<ArgumentException>().WithMessage("A competency needs a non-empty id*").And.ParamName.Should().Be("id");
    }

    [Fact]
    public void Constructor_BlankTag_ThrowsArgumentException()
    {
        var act = () => new Competency("F1", "Title", tags: ["ok", ""]);
        act.Should().Throw<ArgumentException>().WithMessage("Competency 'F1' has a blank tag*").And.ParamName.Should().Be("tags");
    }

    [Fact]
    public void Equality_ComparesTagsByValue()
    {
        var a = new Competency("F1", "Unit fractions", "3.NF.A.1", "Understand 1/b", ["fractions", "grade-3"]);
        var b = new Competency("F1", "Unit fractions", "3.NF.A.1", "Understand 1/b", ["fractions", "grade-3"]);
        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        a.Should().NotBe(new Competency("F1", "Unit fractions", "3.NF.A.1", "Understand 1/b", ["grade-3", "fractions"]));
        new Competency("F1", "T").Tags.Should().BeEmpty("a default array is normalised to empty");
    }

    [Fact]
    public void Constructor_RelativeUri_ThrowsNamingTheUri_AndEachProblemNamesItsParameter()
    {
        FluentActions.Invoking(() => new Competency("F1", "Title", uri: new Uri("a/b", UriKind.Relative)))
            .Should().Throw<ArgumentException>().WithMessage("Competency 'F1' has a relative URI 'a/b'; it must be absolute.*").And.ParamName.Should().Be("uri");
        FluentActions.Invoking(() => new Competency("F1", " ")).Should().Throw<ArgumentException>()
            .WithMessage("Competency 'F1' needs a title that is not blank; got ' '.*").And.ParamName.Should().Be("title");
        FluentActions.Invoking(() => new Competency(default, "Title")).Should().Throw<ArgumentException>()
            .WithMessage("A competency needs a non-empty id; got the default (empty) id.*").And.ParamName.Should().Be("id");
        FluentActions.Invoking(() => new Competency("F1", "Title", tags: ["ok", " "])).Should().Throw<ArgumentException>()
            .WithMessage("Competency 'F1' has a blank tag; remove it or give it text.*").And.ParamName.Should().Be("tags");
        new Competency("F1", "Title", uri: new Uri("https://example.org/F1")).Uri.Should().Be(new Uri("https://example.org/F1"));
        new Competency("F1", "Title").Tags.Should().BeEmpty();
    }

    [Fact]
    public void Equality_ComparesEveryField()
    {
        var uri = new Uri("https://example.org/F1");
        var one = new Competency("F1", "Title", "C1", "About", ["t"], uri);
        var twin = new Competency("F1", "Title", "C1", "About", ["t"], new Uri("https://example.org/F1"));
        one.Should().Be(twin);
        one.GetHashCode().Should().Be(twin.GetHashCode());
        one.Should().NotBe(new Competency("F2", "Title", "C1", "About", ["t"], uri));
        one.Should().NotBe(new Competency("F1", "Other", "C1", "About", ["t"], uri));
        one.Should().NotBe(new Competency("F1", "Title", "C2", "About", ["t"], uri));
        one.Should().NotBe(new Competency("F1", "Title", "C1", "Else", ["t"], uri));
        one.Should().NotBe(new Competency("F1", "Title", "C1", "About", ["u"], uri));
        one.Should().NotBe(new Competency("F1", "Title", "C1", "About", ["t"], new Uri("https://example.org/F1/")));
        one.Should().NotBe(new Competency("F1", "Title", "C1", "About", ["t"]));
        one.Equals(null).Should().BeFalse();
    }

    [Fact]
    public void ACompetencyWithABlankTitleAndARelativeUri_ReportsTheTitleFirst()
    {
        // Survivor Competency.cs:29 (the two checks' order swapped): the title is the first problem named.
        var act = () => new Competency("A", " ", uri: new Uri("relative/a", UriKind.Relative));
        act.Should().Throw<ArgumentException>().WithMessage("Competency 'A' needs a title that is not blank*");
    }
}
