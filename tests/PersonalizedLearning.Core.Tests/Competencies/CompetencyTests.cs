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
}
