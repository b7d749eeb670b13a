using PersonalizedLearning.Competencies;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Competencies;

public class CompetencyFrameworkBuilderTests
{
    private static CompetencyFrameworkBuilder ThreeCompetencies() => new CompetencyFrameworkBuilder("T")
        .AddCompetency("A", "Alpha")
        .AddCompetency("B", "Beta")
        .AddCompetency("C", "Gamma");

    private static DefinitionValidationException BuildFails(CompetencyFrameworkBuilder builder)
    {
        var act = () => builder.Build();
        return act.Should().Throw<DefinitionValidationException>().Which;
    }

    [Fact]
    public void Build_ValidDefinition_KeepsDeclarationOrderAndRelations()
    {
        var framework = ThreeCompetencies().AddChild("A", "B").AddPrerequisite("B", "C").AddRelated("A", "C").Build();

        framework.Title.Should().Be("T");
        framework.Competencies.Select(c => c.Id.Value).Should().Equal("A", "B", "C");
        framework.Relations.Should().Equal(
            new CompetencyRelation(CompetencyRelationKind.ParentOf, "A", "B"),
            new CompetencyRelation(CompetencyRelationKind.PrerequisiteOf, "B", "C"),
            new CompetencyRelation(CompetencyRelationKind.RelatedTo, "A", "C"));
    }

    [Fact]
    public void Build_DuplicateId_ReportsIdAndCount()
    {
        var error = BuildFails(ThreeCompetencies().AddCompetency("B", "Beta again").AddCompetency("B", "Beta thrice"));

        error.Problems.Should().ContainSingle().Which.Should().Be(new ValidationProblem(
            ValidationRule.DuplicateId, "B", "Competency id 'B' is declared 3 times; each competency needs its own id."));
        error.Definition.Should().Be("competency framework");
        error.Message.Should().StartWith("The competency framework is not valid; 1 problem found:");
    }

    [Fact]
    public void Build_UnknownIdInRelation_ReportsTheMissingEnd()
    {
        var error = BuildFails(ThreeCompetencies().AddPrerequisite("A", "Z"));

        error.Problems.Should().ContainSingle().Which.Should().Be(new ValidationProblem(
            ValidationRule.UnknownReference, "A -> Z",
            "Relation 'A is prerequisite of Z' names competency 'Z', which is not in the framework; add it or remove the relation."));
    }

    [Theory]
    [InlineData(CompetencyRelationKind.ParentOf, "A is parent of A")]
    [InlineData(CompetencyRelationKind.PrerequisiteOf, "A is prerequisite of A")]
    [InlineData(CompetencyRelationKind.RelatedTo, "A is related to A")]
    public void Build_SelfRelation_IsReported(CompetencyRelationKind kind, string text)
    {
        var error = BuildFails(ThreeCompetencies().AddRelation(new(kind, "A", "A")));

        error.Problems.Should().ContainSingle().Which.Should().Be(new ValidationProblem(
            ValidationRule.SelfRelation, "A -> A", $"Relation '{text}' links competency 'A' to itself; a relation needs two different competencies."));
    }

    [Fact]
    public void Build_RepeatedRelation_IsReportedAndRelatedIsSymmetric()
    {
        var error = BuildFails(ThreeCompetencies().AddPrerequisite("A", "B").AddPrerequisite("A", "B").AddRelated("A", "C").AddRelated("C", "A"));

        error.Problems.Select(p => (p.Rule, p.Subject)).Should().Equal(
            (ValidationRule.DuplicateRelation, "A -> B"),
            (ValidationRule.DuplicateRelation, "C -> A"));
    }

    [Fact]
    public void Build_PrerequisiteCycle_ReportsThePath()
    {
        var error = BuildFails(ThreeCompetencies().AddPrerequisite("A", "B").AddPrerequisite("B", "C").AddPrerequisite("C", "A"));

        error.Problems.Should().ContainSingle().Which.Should().Be(new ValidationProblem(
            ValidationRule.PrerequisiteCycle, "A -> B -> C -> A",
            "Prerequisite cycle: A -> B -> C -> A; no order can satisfy these prerequisites; remove one of these links."));
    }

    [Fact]
    public void Build_HierarchyCycle_ReportsThePath()
    {
        var error = BuildFails(ThreeCompetencies().AddChild("A", "B").AddChild("B", "A"));

        error.Problems.Should().ContainSingle().Which.Should().Be(new ValidationProblem(
            ValidationRule.HierarchyCycle, "A -> B -> A",
            "Hierarchy cycle: A -> B -> A; a competency cannot be its own ancestor; remove one of these parent links."));
    }

    [Fact]
    public void Build_TwoSeparateCycles_ReportsOneCycleEach_WithTheShortestPath()
    {
        var builder = new CompetencyFrameworkBuilder();
        foreach (var id in new[] { "A", "B", "C", "D", "E", "F" })
        {
            builder.AddCompetency(id, id);
        }

        // A -> B -> C -> A and a shortcut A -> C -> A; separately D -> E -> F -> D.
        builder.AddPrerequisite("A", "B").AddPrerequisite("B", "C").AddPrerequisite("C", "A").AddPrerequisite("A", "C")
            .AddPrerequisite("D", "E").AddPrerequisite("E", "F").AddPrerequisite("F", "D");

        BuildFails(builder).Problems.Select(p => p.Subject).Should().Equal("A -> C -> A", "D -> E -> F -> D");
    }

    [Fact]
    public void APrerequisiteOfItsOwnDescendant_IsACycleThroughTheHierarchy_Refused()
    {
        // Fresh review of issue 21: P ⊃ {A, B}, P → A built, and then the recommender offered nothing for goal P (A waits
        // for P, P rolls up from A) while the playlist builder taught A. Refused like any cycle, naming the chain; a
        // grandparent too (G ⊃ P ⊃ A, G → A). A child that is a prerequisite of its parent (A → P) is the usual order.
        var direct = FluentActions.Invoking(() => new CompetencyFrameworkBuilder("x").AddCompetency("P", "P").AddCompetency("A", "A").AddCompetency("B", "B")
            .AddChild("P", "A").AddChild("P", "B").AddPrerequisite("P", "A").Build()).Should().ThrowExactly<DefinitionValidationException>().Which;
        direct.Problems.Should().ContainSingle().Which.Should().Be(new ValidationProblem(ValidationRule.PrerequisiteCycle, "P -> A",
            "Prerequisite cycle through the hierarchy: 'P' is a prerequisite of 'A', its descendant (P ⊃ A), and a parent's mastery rolls up from its descendants, so neither can come first; remove the prerequisite link or the parent link."));

        var deeper = FluentActions.Invoking(() => new CompetencyFrameworkBuilder("x").AddCompetency("G", "G").AddCompetency("P", "P").AddCompetency("A", "A")
            .AddChild("G", "P").AddChild("P", "A").AddPrerequisite("G", "A").Build()).Should().ThrowExactly<DefinitionValidationException>().Which;
        deeper.Problems.Should().ContainSingle().Which.Message.Should().Contain("'G' is a prerequisite of 'A', its descendant (G ⊃ P ⊃ A)");

        var usual = new CompetencyFrameworkBuilder("x").AddCompetency("P", "P").AddCompetency("A", "A").AddCompetency("B", "B")
            .AddChild("P", "A").AddChild("P", "B").AddPrerequisite("A", "P").AddPrerequisite("A", "B").Build();
        usual.GetPrerequisites("P").Should().Equal(new CompetencyId("A"));
    }

    [Fact]
    public void Build_ManyProblems_ReportsEveryOneAtOnce()
    {
        var builder = ThreeCompetencies()
            .AddCompetency("A", "Duplicate")
            .AddPrerequisite("A", "Missing")
            .AddRelated("B", "B")
            .AddChild("B", "C").AddChild("C", "B")
            .AddPrerequisite("B", "C").AddPrerequisite("C", "B");

        var error = BuildFails(builder);

        error.Problems.Select(p => p.Rule).Should().Equal(
            ValidationRule.DuplicateId, ValidationRule.UnknownReference, ValidationRule.SelfRelation,
            ValidationRule.HierarchyCycle, ValidationRule.PrerequisiteCycle);
        error.Message.Should().Contain("5 problems found");
        builder.Validate().Should().Equal(error.Problems);
    }

    [Fact]
    public void AddRelation_EmptyId_ThrowsAndLeavesTheBuilderUnchanged()
    {
        var builder = ThreeCompetencies().AddPrerequisite("A", "B");
        var before = builder.Build();

        var act = () => builder.AddPrerequisite("A", default);

        act.Should().Throw<ArgumentException>().WithMessage("A relation needs two non-empty competency ids; got 'A' and ''.*");
        builder.Build().Relations.Should().Equal(before.Relations);
    }

    [Fact]
    public void AddRelation_UndefinedKind_ThrowsArgumentOutOfRange()
    {
        var builder = ThreeCompetencies();
        var act = () => builder.AddRelation(new((CompetencyRelationKind)42, "A", "B"));
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Relation kind must be one of ParentOf, PrerequisiteOf, RelatedTo; got 42.*");
        builder.Validate().Should().BeEmpty();
    }

    [Fact]
    public void AddCompetency_BlankTitle_ThrowsAndLeavesTheBuilderUnchanged()
    {
        var builder = ThreeCompetencies();
        var act = () => builder.AddCompetency("D", "");
        act.Should().ThrowExactly<ArgumentException>().WithParameterName("title");
        builder.Build().Count.Should().Be(3);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t")]
    public void ABlankFrameworkTitle_IsRefused_AsACompetencysIs_AndNoneIsAllowed(string blank)
    {
        var create = () => new CompetencyFrameworkBuilder(blank);
        create.Should().ThrowExactly<ArgumentException>().WithParameterName("title").WithMessage($"A framework's title must not be blank; got \"{blank}\". Give a title, or none (null).*");

        var builder = ThreeCompetencies();
        var set = () => builder.Title = blank;
        set.Should().ThrowExactly<ArgumentException>().WithParameterName("value");
        builder.Title.Should().Be("T", "the title is left as it was");

        var written = PersonalizedLearningJson.Serialize(builder.Build());
        written.Should().Contain("\"title\":\"T\"");
        var document = written.Replace("\"title\":\"T\"", $"\"title\":\"{blank.Replace("\t", "\\t", StringComparison.Ordinal)}\"", StringComparison.Ordinal);
        var read = () => PersonalizedLearningJson.Deserialize<CompetencyFramework>(document);
        read.Should().ThrowExactly<System.Text.Json.JsonException>().WithMessage("*A framework's title must not be blank*");

        new CompetencyFrameworkBuilder().AddCompetency("A", "Alpha").Build().Title.Should().BeNull();
        new CompetencyFrameworkBuilder("T") { Title = null }.Title.Should().BeNull();
    }

    [Fact]
    public void Build_DeepChain_DoesNotOverflowTheStack()
    {
        const int n = 100_000;
        var builder = new CompetencyFrameworkBuilder();
        for (var i = 0; i < n; i++)
        {
            builder.AddCompetency($"c{i}", "x");
            if (i > 0)
            {
                builder.AddPrerequisite($"c{i - 1}", $"c{i}");
            }
        }

        builder.AddPrerequisite($"c{n - 1}", "c0");

        var problem = builder.Validate().Should().ContainSingle().Which;
        problem.Rule.Should().Be(ValidationRule.PrerequisiteCycle);
        problem.Subject.Should().StartWith("c0 -> c1 -> c2").And.EndWith($"c{n - 1} -> c0");
    }

    [Theory]
    [InlineData("Algebra", "The framework 'Algebra' has no competencies; add at least one, or check that the source it was read from held any.")]
    [InlineData(null, "The framework has no competencies; add at least one, or check that the source it was read from held any.")]
    public void Validate_NoCompetencies_ReportsEmpty(string? title, string message)
    {
        var builder = new CompetencyFrameworkBuilder(title);
        builder.Validate().Should().Equal(new ValidationProblem(ValidationRule.Empty, title ?? string.Empty, message));
        builder.Title.Should().Be(title);
        builder.Title = "Renamed";
        builder.Validate().Single().Message.Should().Be("The framework 'Renamed' has no competencies; add at least one, or check that the source it was read from held any.");
    }

    [Fact]
    public void Validate_TwoCompetenciesWithOneUri_ReportsTheSecond()
    {
        var builder = new CompetencyFrameworkBuilder()
            .Add(new Competency("A", "Alpha", uri: new Uri("https://example.org/x")))
            .Add(new Competency("B", "Beta", uri: new Uri("https://example.org/x")))
            .Add(new Competency("C", "Gamma", uri: new Uri("https://example.org/X")));
        builder.Validate().Should().Equal(new ValidationProblem(ValidationRule.DuplicateId, "B",
            "Competency 'B' has URI 'https://example.org/x', which competency 'A' has too; a URI names one competency."));
    }

    [Fact]
    public void Build_RelationKinds_GoToTheirOwnGraphs()
    {
        var framework = new CompetencyFrameworkBuilder()
            .AddCompetency("A", "Alpha").AddCompetency("B", "Beta").AddCompetency("C", "Gamma")
            .AddChild("A", "B").AddPrerequisite("B", "C").AddRelated("C", "A")
            .Build();
        framework.GetChildren("A").Should().Equal(new CompetencyId("B"));
        framework.GetPrerequisites("A").Should().BeEmpty();
        framework.GetRelated("A").Should().Equal(new CompetencyId("C"));
        framework.GetDependents("B").Should().Equal(new CompetencyId("C"));
        framework.GetChildren("B").Should().BeEmpty();
        framework.GetRelated("B").Should().BeEmpty();
        framework.Relations.Should().Equal(
            new CompetencyRelation(CompetencyRelationKind.ParentOf, "A", "B"),
            new CompetencyRelation(CompetencyRelationKind.PrerequisiteOf, "B", "C"),
            new CompetencyRelation(CompetencyRelationKind.RelatedTo, "C", "A"));
    }

    [Fact]
    public void Validate_RelatedBothWays_IsOneRelation_ButParentBothWaysIsACycle()
    {
        var related = ThreeCompetencies().AddRelated("A", "B").AddRelated("B", "A");
        related.Validate().Should().ContainSingle().Which.Rule.Should().Be(ValidationRule.DuplicateRelation);
        var parents = ThreeCompetencies().AddChild("A", "B").AddChild("B", "A");
        parents.Validate().Should().ContainSingle().Which.Rule.Should().Be(ValidationRule.HierarchyCycle);
        var prerequisites = ThreeCompetencies().AddPrerequisite("A", "B").AddPrerequisite("B", "A");
        prerequisites.Validate().Should().ContainSingle().Which.Rule.Should().Be(ValidationRule.PrerequisiteCycle);
    }

    [Fact]
    public void Validate_RelationToAnUnknownCompetencyAndToItself_ReportsBoth()
    {
        var problems = ThreeCompetencies().AddPrerequisite("Z", "Z").Validate();
        problems.Select(p => p.Rule).Should().Equal(ValidationRule.UnknownReference, ValidationRule.UnknownReference, ValidationRule.SelfRelation);
        problems.Select(p => p.Subject).Should().AllBe("Z -> Z");
    }

    // The tests below were written for mutants that survived the Competencies mutation run of 2 December 2026
    // (eng/mutation/Competencies-survivors.md).

    [Fact]
    public void ASelfRelationOfKnownCompetencies_IsOneProblem_AndNothingElse()
    {
        // Survivor CompetencyFrameworkBuilder.cs:192 (the 'continue' after a self relation removed).
        foreach (var builder in new[] { ThreeCompetencies().AddPrerequisite("A", "A"), ThreeCompetencies().AddRelated("B", "B"), ThreeCompetencies().AddChild("C", "C") })
        {
            builder.Validate().Select(p => p.Rule).Should().Equal(ValidationRule.SelfRelation);
        }
    }

    [Fact]
    public void RelatedPairsSharingACompetency_AreDistinct_AndARelatedPairReversed_IsADuplicate()
    {
        // Survivors CompetencyFrameworkBuilder.cs:201 (Min/Max swapped in the related-to key): A–B, A–C and B–C share
        // competencies and are three relations; B–A repeats A–B.
        var framework = ThreeCompetencies().AddRelated("A", "B").AddRelated("A", "C").AddRelated("B", "C").Build();
        framework.Relations.Should().HaveCount(3);
        var problems = ThreeCompetencies().AddRelated("A", "B").AddRelated("B", "A").Validate();
        problems.Should().ContainSingle().Which.Rule.Should().Be(ValidationRule.DuplicateRelation);
        problems[0].Message.Should().Match("Relation '*' is declared more than once; declare it once.");
    }

    [Fact]
    public void ADuplicatedPrerequisite_IsOneProblem_NamingIt()
    {
        // Survivors CompetencyFrameworkBuilder.cs:205-206 (the message emptied; the 'continue' after it removed).
        var problems = ThreeCompetencies().AddPrerequisite("A", "B").AddPrerequisite("A", "B").Validate();
        problems.Should().ContainSingle();
        (problems[0].Rule, problems[0].Subject, problems[0].Message).Should().Be((ValidationRule.DuplicateRelation, "A -> B", "Relation 'A is prerequisite of B' is declared more than once; declare it once."));
    }

    [Fact]
    public void ToString_OfAnUntitledBuilder_SaysSo()
    {
        // Survivors CompetencyFrameworkBuilder.cs:38 (no test printed an untitled builder).
        new CompetencyFrameworkBuilder().AddCompetency("A", "Alpha").ToString().Should().Be("CompetencyFrameworkBuilder (untitled): 1 competencies, 0 relations");
        ThreeCompetencies().AddPrerequisite("A", "B").ToString().Should().Be("CompetencyFrameworkBuilder 'T': 3 competencies, 1 relations");
    }
}
