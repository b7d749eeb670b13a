using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Tests.Activities;

public class ActivityCatalogBuilderTests
{
    private readonly CompetencyFramework _framework = TestData.Diamond();

    [Fact]
    public void Build_IndexesActivitiesByCompetencyInCatalogOrder()
    {
        var catalog = new ActivityCatalogBuilder(_framework)
            .Add(new LearningActivity("l", "Lesson A", ActivityKind.Lesson, 10, TestData.Align("A")))
            .Add(new LearningActivity("p", "Project A+B", ActivityKind.Project, 60, [new("A", 0.5), new("B", 0.5)]))
            .Add(new LearningActivity("q", "Quiz B", ActivityKind.Assessment, 10, TestData.Align("B")))
            .Build();

        catalog.GetActivitiesFor("A").Select(a => a.Id.Value).Should().Equal("l", "p");
        catalog.GetActivitiesFor("B").Select(a => a.Id.Value).Should().Equal("p", "q");
        catalog.GetActivitiesFor("E").Should().BeEmpty();
        catalog.Count.Should().Be(3);
        catalog.GetActivity("q").Title.Should().Be("Quiz B");
        catalog.Framework.Should().BeSameAs(_framework);
    }

    [Fact]
    public void Build_UnknownCompetency_IsReported()
    {
        var builder = new ActivityCatalogBuilder(_framework).AddActivity("x", "X", ActivityKind.Practice, 5, TestData.Align("Q"));
        var error = builder.Invoking(b => b.Build()).Should().Throw<DefinitionValidationException>().Which;
        error.Problems.Should().ContainSingle().Which.Should().Be(new ValidationProblem(ValidationRule.UnknownReference, "x",
            "Activity 'x' is aligned to competency 'Q', which is not in the framework; fix the id or add the competency."));
        error.Definition.Should().Be("activity catalog");
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-10.0, "-10")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Build_NonPositiveOrNonFiniteDuration_IsReported(double minutes, string shown)
    {
        var builder = new ActivityCatalogBuilder(_framework).AddActivity("x", "X", ActivityKind.Practice, minutes, TestData.Align("A"));
        builder.Validate().Should().ContainSingle().Which.Should().Be(new ValidationProblem(ValidationRule.OutOfRange, "x",
            $"Activity 'x' must have estimated minutes that are finite and greater than 0; got {shown}."));
    }

    [Fact]
    public void Build_DuplicateIds_AreReportedOnceWithTheCount()
    {
        var builder = new ActivityCatalogBuilder(_framework);
        for (var i = 0; i < 3; i++)
        {
            builder.AddActivity("x", "X", ActivityKind.Practice, 5, TestData.Align("A"));
        }

        builder.Validate().Should().ContainSingle().Which.Should().Be(new ValidationProblem(ValidationRule.DuplicateId, "x",
            "Activity id 'x' is declared 3 times; each activity needs its own id."));
    }

    [Fact]
    public void Build_EveryProblemIsReportedTogether()
    {
        var builder = new ActivityCatalogBuilder(_framework)
            .AddActivity(" ", "Blank id", ActivityKind.Practice, 5, TestData.Align("A"))
            .AddActivity("no-title", null, ActivityKind.Practice, 5, TestData.Align("A"))
            .AddActivity("no-align", "None", ActivityKind.Practice, 5, null)
            .AddActivity("twice", "Twice", ActivityKind.Practice, 5, [new("A", 0.5), new("A", 0.5)])
            .AddActivity("heavy", "Heavy", ActivityKind.Practice, 5, TestData.Align("A", 2))
            .AddActivity("hard", "Hard", ActivityKind.Practice, 5, TestData.Align("A"), difficulty: 3);

        builder.Validate().Select(p => (p.Rule, p.Subject)).Should().Equal(
            (ValidationRule.MissingValue, " "),
            (ValidationRule.MissingValue, "no-title"),
            (ValidationRule.NoAlignment, "no-align"),
            (ValidationRule.DuplicateRelation, "twice"),
            (ValidationRule.OutOfRange, "heavy"),
            (ValidationRule.OutOfRange, "hard"));
    }

    [Fact]
    public void Build_AlignmentWeightsOutsideTheBounds_AreReportedTogether_AndNothingIsBuilt()
    {
        var builder = new ActivityCatalogBuilder(_framework)
            .AddActivity("tiny", "Tiny", ActivityKind.Practice, 5, TestData.Align("A", 5e-324))
            .AddActivity("edge", "Edge", ActivityKind.Practice, 5, TestData.Align("A", 1e-6))
            .AddActivity("huge", "Huge", ActivityKind.Practice, 5, TestData.Align("A", 1e308));

        var problems = builder.Validate();
        problems.Select(p => p.Message).Should().Equal(
            "Activity 'tiny' must have alignment weights in [1e-6, 1]; got 5E-324 for competency 'A'.",
            "Activity 'huge' must have alignment weights in [1e-6, 1]; got 1E+308 for competency 'A'.");
        problems.Should().OnlyContain(p => p.Rule == ValidationRule.OutOfRange);
        builder.Invoking(b => b.Build()).Should().Throw<DefinitionValidationException>();
        builder.Validate().Should().Equal(problems, "a failed build leaves the builder as it was");
    }

    [Fact]
    public void Constructor_NullFramework_Throws()
    {
        var act = () => new ActivityCatalogBuilder(null!);
        act.Should().Throw<ArgumentNullException>().And.ParamName.Should().Be("framework");
    }

    [Fact]
    public void Catalog_UnknownLookups_Throw()
    {
        var catalog = TestData.CatalogFor(_framework);
        catalog.Invoking(c => c.GetActivity("nope")).Should().Throw<ArgumentException>()
            .WithMessage("Activity 'nope' is not in the catalog; check the id or add the activity.*");
        catalog.Invoking(c => c.GetActivitiesFor("Z")).Should().Throw<ArgumentException>();
        catalog.TryGetActivity("nope", out _).Should().BeFalse();
        catalog.Contains("a-lesson").Should().BeTrue();
    }

    [Fact]
    public void AnEmptyCatalog_OrFramework_IsRefused_WithAClearProblem()
    {
        var framework = TestData.Diamond();
        var catalog = () => new ActivityCatalogBuilder(framework).Build();
        catalog.Should().Throw<DefinitionValidationException>().Which.Problems.Should().Equal(new ValidationProblem(ValidationRule.Empty, string.Empty,
            "The catalog has no activities; add at least one activity aligned to a competency of the framework 'Diamond', or nothing can be recommended or recorded by activity."));

        var empty = () => new PersonalizedLearning.Competencies.CompetencyFrameworkBuilder("Grade 4").Build();
        empty.Should().Throw<DefinitionValidationException>().Which.Problems.Should().Equal(new ValidationProblem(ValidationRule.Empty, "Grade 4",
            "The framework 'Grade 4' has no competencies; add at least one, or check that the source it was read from held any."));
        new PersonalizedLearning.Competencies.CompetencyFrameworkBuilder().Validate().Should().ContainSingle().Which.Rule.Should().Be(ValidationRule.Empty);

        // JSON documents go through the same builders.
        var json = () => PersonalizedLearning.Serialization.PersonalizedLearningJson.Deserialize<PersonalizedLearning.Competencies.CompetencyFramework>("""{"schemaVersion":1,"competencies":[],"relations":[]}""");
        json.Should().Throw<DefinitionValidationException>().Which.Problems.Single().Rule.Should().Be(ValidationRule.Empty);
    }
}
