using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Tests.Sequencing;

// Re-plans that are not the simple change (PlaylistBuilder.Replan, PlaylistBuilder.Incremental.cs): a rebuild keeps the
// steps whose inputs are unchanged; a project that may now be placed rebuilds; and a framework past one 64-bit word.
public partial class PlaylistBuilderTests
{
    [Fact]
    public void Replan_AfterLostMastery_RebuildsKeepingTheStepsWhoseInputsAreUnchanged()
    {
        // M → X → Y → Z and L → Z; M and L mastered, goal Z, extended time 1.5: steps X, Y (depends on X), Z (on Y).
        var framework = new CompetencyFrameworkBuilder("reuse")
            .AddCompetency("M", "M").AddCompetency("L", "L").AddCompetency("X", "X").AddCompetency("Y", "Y").AddCompetency("Z", "Z")
            .AddPrerequisite("M", "X").AddPrerequisite("X", "Y").AddPrerequisite("L", "Z").AddPrerequisite("Y", "Z")
            .Build();
        var catalog = new ActivityCatalogBuilder(framework)
            .Add(new LearningActivity("l-practice", "l-practice", ActivityKind.Practice, 4, TestData.Align("L")))
            .Add(new LearningActivity("x-practice", "x-practice", ActivityKind.Practice, 10, TestData.Align("X")))
            .Add(new LearningActivity("x-check", "x-check", ActivityKind.Assessment, 5, TestData.Align("X")))
            .Add(new LearningActivity("y-practice", "y-practice", ActivityKind.Practice, 6, TestData.Align("Y")))
            .Add(new LearningActivity("z-practice", "z-practice", ActivityKind.Practice, 8, TestData.Align("Z")))
            .Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        PlaylistRequest RequestFor(double factor, params string[] mastered) =>
            new(catalog, TestData.Mastered(engine, "ana", mastered), [new LearningGoal("Z")], accommodations: new LearnerAccommodations(factor));
        var before = PlaylistBuilder.Default.Build(RequestFor(1.5, "M", "L"));

        // L no longer mastered: a rebuild (mastery lost). X (its prerequisite M still mastered, off the playlist) and Y
        // (still depending on X alone) are the same objects; Z now depends on L too, a new step.
        var lost = RequestFor(1.5, "M");
        var after = PlaylistBuilder.Default.Replan(before, lost);

        after.Should().Be(PlaylistBuilder.Default.Build(lost));
        after.Steps.Select(s => s.Competency.Value).Should().Equal("L", "X", "Y", "Z");
        after.Steps[1].Should().BeSameAs(before.Steps[0]);
        after.Steps[2].Should().BeSameAs(before.Steps[1]);
        after.Steps[2].DependsOn.Should().Equal(new CompetencyId("X"));
        after.Steps[3].Should().NotBeSameAs(before.Steps[2]);
        after.Steps[3].DependsOn.Should().Equal(new CompetencyId("L"), new CompetencyId("Y"));

        // Extended time 2 instead of 1.5, mastery as before: a rebuild, every step's minutes doubled from its estimate, none
        // kept: X (10 + 5) * 2 = 30, Y 6 * 2 = 12, Z 8 * 2 = 16.
        var slower = RequestFor(2, "M", "L");
        var timed = PlaylistBuilder.Default.Replan(before, slower);

        timed.Should().Be(PlaylistBuilder.Default.Build(slower));
        before.Steps.Select(s => s.Minutes).Should().Equal(22.5, 9, 12);
        timed.Steps.Select(s => s.Minutes).Should().Equal(30, 12, 16);
    }

    [Fact]
    public void Replan_MasteringTheLastUnmetCompetencyOfAProject_PlacesTheProject()
    {
        // The golden framework with one project over B, C and E. A mastered, goal D: B and C are steps, but E is neither
        // mastered nor on the way, so the project is not placed. E mastered: it is, after C.
        var catalog = new ActivityCatalogBuilder(Framework)
            .Add(new LearningActivity("b-practice", "b-practice", ActivityKind.Practice, 12, TestData.Align("B")))
            .Add(new LearningActivity("c-lesson", "c-lesson", ActivityKind.Lesson, 15, TestData.Align("C")))
            .Add(new LearningActivity("d-practice", "d-practice", ActivityKind.Practice, 10, TestData.Align("D")))
            .Add(new LearningActivity("e-reading", "e-reading", ActivityKind.Reading, 5, TestData.Align("E")))
            .Add(new LearningActivity("bce-project", "bce-project", ActivityKind.Project, 40, [new("B"), new("C"), new("E")]))
            .Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var before = PlaylistBuilder.Default.Build(new PlaylistRequest(catalog, TestData.Mastered(engine, "ana", "A"), [new LearningGoal("D")]));
        var request = new PlaylistRequest(catalog, TestData.Mastered(engine, "ana", "A", "E"), [new LearningGoal("D")]);

        var after = PlaylistBuilder.Default.Replan(before, request);

        before.Steps.Select(s => $"{s.Kind} {s.Competency}").Should().Equal("Learn B", "Learn C", "Learn D");
        after.Steps.Select(s => $"{s.Kind} {s.Competency}").Should().Equal("Learn B", "Learn C", "Project B", "Learn D");
        after.Should().Be(PlaylistBuilder.Default.Build(request));
    }

    [Fact]
    public void Replan_PastTheFirst64Competencies_DropsTheStepMastered()
    {
        // 70 competencies k0..k69 on their own; goals k65 and k66. k65 (bit 1 of the second word) mastered.
        var builder = new CompetencyFrameworkBuilder("wide");
        for (var i = 0; i < 70; i++)
        {
            builder.AddCompetency($"k{i}", $"k{i}");
        }

        var framework = builder.Build();
        var catalog = new ActivityCatalogBuilder(framework)
            .Add(new LearningActivity("k65-practice", "k65-practice", ActivityKind.Practice, 10, TestData.Align("k65")))
            .Add(new LearningActivity("k66-practice", "k66-practice", ActivityKind.Practice, 10, TestData.Align("k66")))
            .Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        ImmutableArray<LearningGoal> goals = [new("k65"), new("k66")];
        var before = PlaylistBuilder.Default.Build(new PlaylistRequest(catalog, TestData.Mastered(engine, "ana"), goals));
        var request = new PlaylistRequest(catalog, TestData.Mastered(engine, "ana", "k65"), goals);

        var after = PlaylistBuilder.Default.Replan(before, request);

        before.Steps.Select(s => s.Competency.Value).Should().Equal("k65", "k66");
        after.Steps.Should().ContainSingle().Which.Should().BeSameAs(before.Steps[1]);
        after.Should().Be(PlaylistBuilder.Default.Build(request));
    }

    [Fact]
    public void GoalDates_GivenOutOfOrder_EachStepTakesItsEarliestGoalsDate()
    {
        // Goals D in 30 days, E in 3, C in 10 (given in that order). E first; C (its own goal, 10 days, and D's) next; then
        // B (D's alone), then D. Without projects, so that only the dates and the sequence order the steps.
        var options = new PlaylistOptions(kinds: [ActivityKind.Video, ActivityKind.Lesson, ActivityKind.Practice, ActivityKind.Assessment, ActivityKind.Reading]);

        var playlist = PlaylistBuilder.Default.Build(Request(options: options, goals: [new LearningGoal("D", Now.AddDays(30)), new LearningGoal("E", Now.AddDays(3)), new LearningGoal("C", Now.AddDays(10))]));

        playlist.Steps.Select(s => s.Competency.Value).Should().Equal("E", "C", "B", "D");
    }

    [Fact]
    public void Failures_FewerThanRemediateAfterFailures_RemediateNothing()
    {
        // A, B, C mastered (equal estimates: B, earlier in the sequence, is D's weakest prerequisite); goal D. Failures
        // on d-practice (not a checkpoint): one does not remediate, three (the default count) do.
        var state = Mastered(("A", 1), ("B", 1), ("C", 1));
        Evidence Failed(int i) => Evidence.ForActivity($"x{i}", "ana", "d-practice", EvidenceOutcome.FromScore(0.1), Now.AddMinutes(-10 + i));

        var once = PlaylistBuilder.Default.Build(Request(state, history: [Failed(1)]));
        var thrice = PlaylistBuilder.Default.Build(Request(state, history: [Failed(1), Failed(2), Failed(3)]));

        once.Steps.Select(s => $"{s.Kind} {s.Competency}").Should().Equal("Learn D");
        thrice.Steps.Select(s => $"{s.Kind} {s.Competency}").Should().Equal("Remediate B", "Learn D");
    }
}
