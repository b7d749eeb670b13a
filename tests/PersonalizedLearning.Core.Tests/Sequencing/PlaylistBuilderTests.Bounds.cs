using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Tests.Sequencing;

// Boundaries of the session cut and of remediation (PlaylistBuilder.Sessions.cs, PlaylistBuilder.Remediation.cs).
public partial class PlaylistBuilderTests
{
    [Fact]
    public void SessionOfExactlyTheBudget_IsNotOverBudget_AndTheNextItemStartsAnother()
    {
        // Budget 15. b-video 8 + b-check 5 = 13; c-lesson is exactly 15: a session of its own (13 + 15 > 15), not flagged;
        // c-check 6 then cannot join it; the 40-minute project is flagged; d-practice 10 + d-check 10 = 20 > 15.
        var sessions = PlaylistBuilder.Default.Build(Request(options: new PlaylistOptions(sessionMinutes: 15))).Sessions;

        sessions.Select(s => (string.Join(",", s.Items.Select(i => i.Activity.Id)), s.Minutes, s.OverBudget)).Should().Equal(
            ("b-video,b-check", 13.0, false),
            ("c-lesson", 15.0, false),
            ("c-check", 6.0, false),
            ("bc-project", 40.0, true),
            ("d-practice", 10.0, false),
            ("d-check", 10.0, false));
    }

    [Fact]
    public void FailedCheckpoint_RemediatesTheFrameworksFirstCompetency_WhenItIsTheWeakestPrerequisite()
    {
        // P (index 0, mastered) → Q, the goal; q-check just failed: P is Q's only prerequisite, so its weakest.
        var framework = new CompetencyFrameworkBuilder("first").AddCompetency("P", "P").AddCompetency("Q", "Q").AddPrerequisite("P", "Q").Build();
        var catalog = new ActivityCatalogBuilder(framework)
            .Add(new LearningActivity("p-lesson", "p-lesson", ActivityKind.Lesson, 10, TestData.Align("P")))
            .Add(new LearningActivity("p-check", "p-check", ActivityKind.Assessment, 5, TestData.Align("P")))
            .Add(new LearningActivity("q-practice", "q-practice", ActivityKind.Practice, 10, TestData.Align("Q")))
            .Add(new LearningActivity("q-check", "q-check", ActivityKind.Assessment, 5, TestData.Align("Q")))
            .Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var failed = ImmutableArray.Create(Evidence.ForActivity("f", "ana", "q-check", EvidenceOutcome.FromScore(0.4), TestData.Start));

        var playlist = PlaylistBuilder.Default.Build(new PlaylistRequest(catalog, TestData.Mastered(engine, "ana", "P"), [new LearningGoal("Q")], history: failed));

        playlist.Steps.Select(Describe).Should().Equal("Remediate P: p-lesson →  (10)", "Learn Q: q-practice → q-check (15)");
        playlist.Steps[0].RemediationFor.Should().Be(new CompetencyId("Q"));
    }

    [Fact]
    public void Replan_WithOtherGoalsOrOptions_BuildsAfresh_RatherThanKeepingThePreviousPlaylist()
    {
        // No project (a project step always rebuilds), so only the first test sends these to a fresh build: mastery is
        // unchanged, so the incremental path would hand back the previous playlist, with its old goals and options.
        ImmutableArray<ActivityKind> noProjects = [ActivityKind.Video, ActivityKind.Lesson, ActivityKind.Practice, ActivityKind.Assessment, ActivityKind.Reading];
        var first = PlaylistBuilder.Default.Build(Request(options: new PlaylistOptions(kinds: noProjects)));

        var otherGoals = Request(options: new PlaylistOptions(kinds: noProjects), goals: [new LearningGoal("D", Now.AddDays(30)), new LearningGoal("E")]);
        var replanned = PlaylistBuilder.Default.Replan(first, otherGoals);
        replanned.Should().Be(PlaylistBuilder.Default.Build(otherGoals));
        replanned.Steps.Select(s => s.Competency.Value).Should().Equal("B", "C", "D", "E");

        var otherOptions = Request(options: new PlaylistOptions(sessionMinutes: 30, kinds: noProjects));
        var cut = PlaylistBuilder.Default.Replan(first, otherOptions);
        cut.Should().Be(PlaylistBuilder.Default.Build(otherOptions));
        cut.Options.SessionMinutes.Should().Be(30);
        cut.Sessions.Should().HaveCount(2, "b-video 8 + b-check 5 + c-lesson 15 = 28; then c-check 6, d-practice 10, d-check 10 = 26");
    }

    [Fact]
    public void Replan_TwoPrerequisitesMasteredAtOnce_DropBothFromTheDependentsDependsOn()
    {
        // Without projects the plan is B, C, D, and D depends on B and C. Both mastered between the plans: the incremental
        // re-plan keeps D alone, depending on nothing, as a fresh build does.
        var options = new PlaylistOptions(kinds: [ActivityKind.Video, ActivityKind.Lesson, ActivityKind.Practice, ActivityKind.Assessment]);
        var first = PlaylistBuilder.Default.Build(Request(options: options));
        var after = Request(Mastered(("A", 1), ("B", 1), ("C", 1)), options);

        var second = PlaylistBuilder.Default.Replan(first, after);

        first.Steps.Select(s => s.Competency.Value).Should().Equal("B", "C", "D");
        second.Steps.Should().ContainSingle().Which.DependsOn.Should().BeEmpty();
        second.Should().Be(PlaylistBuilder.Default.Build(after));
    }
}
