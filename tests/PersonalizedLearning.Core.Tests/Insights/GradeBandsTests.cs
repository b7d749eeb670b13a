using PersonalizedLearning.Competencies;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Tests.Insights;

/// <summary>Grade bands over TestData.PlanCatalog's framework (A, B, C, X, Z).</summary>
public class GradeBandsTests
{
    private static readonly CompetencyFramework Framework = TestData.PlanCatalog.Framework;

    private static readonly PersonalizedLearningEngine Engine = new(TestData.PlanCatalog, RollupMasteryModel.Latest());

    [Fact]
    public void Constructor_TheLowestAndHighestGrades_AreAccepted_AndOneBeyondEither_IsRefusedNamingTheCompetency()
    {
        new GradeBands(Framework, c => c.Id.Value switch { "A" => -1, "B" => 20, _ => null }).Grades.Should().Equal(-1, 20);

        FluentActions.Invoking(() => new GradeBands(Framework, c => c.Id.Value == "B" ? -2 : 3)).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .WithParameterName("gradeOf").WithMessage("Competency 'B' has grade -2; grades are in [-1, 20]. (Parameter 'gradeOf')*");
        FluentActions.Invoking(() => new GradeBands(Framework, c => c.Id.Value == "C" ? 21 : 3)).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .WithParameterName("gradeOf").WithMessage("Competency 'C' has grade 21; grades are in [-1, 20]. (Parameter 'gradeOf')*");
        FluentActions.Invoking(() => new GradeBands(null!, _ => 3)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("framework");
    }

    [Fact]
    public void CompletedGrade_BadArguments_ThrowTheExactException()
    {
        var bands = new GradeBands(Framework, _ => 3);
        var other = new CompetencyFrameworkBuilder("other").AddCompetency("A", "A").Build();
        var otherEngine = new PersonalizedLearningEngine(TestData.CatalogFor(other), RollupMasteryModel.Latest());

        FluentActions.Invoking(() => bands.CompletedGrade(null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("mastery");
        FluentActions.Invoking(() => bands.CompletedGrade(TestData.Mastered(Engine, "ana"), 1.0000001)).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .WithParameterName("share").WithMessage("The share must be in (0, 1]. (Parameter 'share')*");
        FluentActions.Invoking(() => bands.CompletedGrade(otherEngine.Assess(otherEngine.CreateLearner("o"), TestData.Start))).Should().ThrowExactly<ArgumentException>()
            .WithParameterName("mastery").WithMessage("The mastery snapshot was taken over a different framework from the grade bands'. (Parameter 'mastery')");
    }

    [Fact]
    public void CompletedGrade_AShareWithinTheToleranceOfNothing_NeedsNoStandard()
    {
        // Grade 3 is A alone, not mastered. A share of 1e-9 of one standard is within the 1e-9 tolerance of none: the
        // grade is done with nothing mastered. Twice that is not.
        var bands = new GradeBands(Framework, c => c.Id.Value == "A" ? 3 : null);
        var nothing = TestData.Mastered(Engine, "ana");

        bands.CompletedGrade(nothing, 1e-9).Should().Be(3);
        bands.CompletedGrade(nothing, 2e-9).Should().Be(2);
    }

    [Fact]
    public void NoCompetencyWithAGrade_HasNoCompletedGrade_AndSaysSo()
    {
        var none = new GradeBands(Framework, _ => null);

        none.Grades.Should().BeEmpty();
        none.CompletedGrade(TestData.Mastered(Engine, "ana", "A")).Should().BeNull();
        none.ToString().Should().Be("GradeBands { Framework = plan, Grades = none }");
        new GradeBands(Framework, c => c.Id.Value switch { "A" => 3, "C" => 5, _ => 4 }).ToString().Should().Be("GradeBands { Framework = plan, Grades = 3..5 }");
    }
}
