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

    [Fact]
    public void AnEmptyCatalog_ForAnUntitledFramework_SaysSoWithoutATitle()
    {
        var untitled = new PersonalizedLearning.Competencies.CompetencyFrameworkBuilder().AddCompetency("A", "A").Build();
        var builder = new ActivityCatalogBuilder(untitled);

        builder.ToString().Should().Be("ActivityCatalogBuilder for an untitled framework: 0 activities");
        builder.Validate().Should().Equal(new ValidationProblem(ValidationRule.Empty, string.Empty,
            "The catalog has no activities; add at least one activity aligned to a competency of the framework, or nothing can be recommended or recorded by activity."));
        var titled = new ActivityCatalogBuilder(TestData.Diamond()).AddActivity("a", "A", ActivityKind.Practice, 5, TestData.Align("A"), topics: ["music"]);
        titled.ToString().Should().Be("ActivityCatalogBuilder for 'Diamond': 1 activities");
        titled.Build().ToString().Should().Be("ActivityCatalog { Framework = Diamond, Activities = 1 }");
    }

    [Fact]
    public void Add_ANullActivity_ThrowsArgumentNull_AndAddsNothing()
    {
        var builder = new ActivityCatalogBuilder(TestData.Diamond());
        FluentActions.Invoking(() => builder.Add(null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("activity");
        builder.ToString().Should().Be("ActivityCatalogBuilder for 'Diamond': 0 activities");
    }

    [Fact]
    public void Add_ByFields_KeepsTheTopics_AndAMissingIdIsReportedWithAnEmptySubject()
    {
        var builder = new ActivityCatalogBuilder(TestData.Diamond()).AddActivity("a", "A", ActivityKind.Practice, 5, TestData.Align("A"), topics: ["music", "sports"]);
        builder.Build().GetActivity("a").Topics.Should().Equal("music", "sports");

        builder.AddActivity(null!, "B", ActivityKind.Practice, 5, TestData.Align("B"));
        builder.Validate().Should().Equal(new ValidationProblem(ValidationRule.MissingValue, string.Empty, "An activity id must not be empty or whitespace; got ''."));
        new ActivityCatalogBuilder(TestData.Diamond()).AddActivity(null!, "B", ActivityKind.Practice, 5, TestData.Align("Q")).Validate().Should().Equal(
            new ValidationProblem(ValidationRule.MissingValue, string.Empty, "An activity id must not be empty or whitespace; got ''."),
            new ValidationProblem(ValidationRule.UnknownReference, string.Empty, "Activity '' is aligned to competency 'Q', which is not in the framework; fix the id or add the competency."));
    }

    [Fact]
    public void Build_IndexesTopicsIgnoringCase_AndRanksActivitiesById_WhateverTheOrderAdded()
    {
        // Added c, a, b. Topics get dense indices in the order first met: music 0, sports 1 (SPORTS is the same topic).
        // Ordinal id ranks: a 0, b 1, c 2, so by position (c, a, b) the ranks are 2, 0, 1.
        var catalog = new ActivityCatalogBuilder(TestData.Diamond())
            .AddActivity("c", "C", ActivityKind.Practice, 5, TestData.Align("A"), topics: ["Music", "sports"])
            .AddActivity("a", "A", ActivityKind.Practice, 5, TestData.Align("A"), topics: ["SPORTS"])
            .AddActivity("b", "B", ActivityKind.Practice, 5, TestData.Align("B"))
            .Build();

        catalog.TopicIndex("music").Should().Be(0);
        catalog.TopicIndex("Sports").Should().Be(1);
        catalog.TopicIndex("art").Should().Be(-1);
        new[] { "c", "a", "b" }.Select(id => catalog.TryGetIndex(id, out var i) ? i : -9).Should().Equal(0, 1, 2);
        catalog.TopicsOf(0).ToArray().Should().Equal(0, 1);
        catalog.TopicsOf(1).ToArray().Should().Equal(1);
        catalog.TopicsOf(2).ToArray().Should().BeEmpty();
        new[] { 0, 1, 2 }.Select(catalog.IdRank).Should().Equal(2, 0, 1);
    }

    [Fact]
    public void Catalog_AnUnknownId_IsAnUnknownActivityException_CarryingTheId()
    {
        var catalog = TestData.CatalogFor(_framework);
        var thrown = catalog.Invoking(c => c.GetActivity("nope")).Should().ThrowExactly<UnknownActivityException>().Which;
        thrown.Activity.Should().Be(new ActivityId("nope"));
        thrown.ParamName.Should().Be("id");
    }
}
