using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Tests.Sequencing;

// The choice board's preference (weight, minutes, id), its newness passes, the checkpoint's choice and the projects'
// placement, each on a competency of its own (PlaylistBuilder.Boards.cs, PlaylistBuilder.Projects.cs).
public partial class PlaylistBuilderTests
{
    // A (mastered) → X; Y, W, K, V, Z on their own. Goals X, Y, W, K, V (Z is neither a goal nor mastered).
    private static Playlist BoardRules()
    {
        var framework = new CompetencyFrameworkBuilder("boards")
            .AddCompetency("A", "A").AddCompetency("X", "X").AddCompetency("Y", "Y").AddCompetency("W", "W").AddCompetency("K", "K")
            .AddCompetency("V", "V").AddCompetency("Z", "Z").AddPrerequisite("A", "X").Build();
        var catalog = new ActivityCatalogBuilder(framework)
            .Add(new LearningActivity("x-p1", "x-p1", ActivityKind.Practice, 5, TestData.Align("X")))
            .Add(new LearningActivity("x-p2", "x-p2", ActivityKind.Practice, 6, TestData.Align("X")))
            .Add(new LearningActivity("x-v1", "x-v1", ActivityKind.Video, 7, TestData.Align("X"), LearningModality.Print))
            .Add(new LearningActivity("x-x1", "x-x1", ActivityKind.Practice, 8, TestData.Align("X"), LearningModality.Media))
            .Add(new LearningActivity("x-l1", "x-l1", ActivityKind.Lesson, 9, TestData.Align("X")))
            .Add(new LearningActivity("y-practice", "y-practice", ActivityKind.Practice, 10, TestData.Align("Y")))
            .Add(new LearningActivity("w-long", "w-long", ActivityKind.Practice, 20, TestData.Align("W")))
            .Add(new LearningActivity("w-light", "w-light", ActivityKind.Practice, 5, TestData.Align("W", 0.5)))
            .Add(new LearningActivity("w-b", "w-b", ActivityKind.Practice, 10, TestData.Align("W")))
            .Add(new LearningActivity("w-a", "w-a", ActivityKind.Practice, 10, TestData.Align("W")))
            .Add(new LearningActivity("k-practice", "k-practice", ActivityKind.Practice, 10, TestData.Align("K")))
            .Add(new LearningActivity("k-check", "k-check", ActivityKind.Assessment, 10, TestData.Align("K")))
            .Add(new LearningActivity("k-check2", "k-check2", ActivityKind.Assessment, 12, TestData.Align("K")))
            .Add(new LearningActivity("ky-quiz", "ky-quiz", ActivityKind.Assessment, 5, [new("K"), new("Y")]))
            .Add(new LearningActivity("xyw-project", "xyw-project", ActivityKind.Project, 30, [new("X"), new("Y"), new("W")]))
            .Add(new LearningActivity("xya-project", "xya-project", ActivityKind.Project, 20, [new("X"), new("Y"), new("A")]))
            .Add(new LearningActivity("xy-alpha", "xy-alpha", ActivityKind.Project, 15, [new("X"), new("Y")]))
            .Add(new LearningActivity("xyz-project", "xyz-project", ActivityKind.Project, 25, [new("X"), new("Y"), new("Z")]))
            .Add(new LearningActivity("vy-project", "vy-project", ActivityKind.Project, 12, [new("V"), new("Y")]))
            .Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        return PlaylistBuilder.Default.Build(new PlaylistRequest(catalog, TestData.Mastered(engine, "ana", "A"),
            [new LearningGoal("X"), new LearningGoal("Y"), new LearningGoal("W"), new LearningGoal("K"), new LearningGoal("V")], new PlaylistOptions(choicesPerStep: 4)));
    }

    private static string[] Board(Playlist playlist, string competency) =>
        [.. playlist.Steps.Single(s => s.Kind == PlaylistStepKind.Learn && s.Competency == competency).Choices.Select(c => c.Id.Value)];

    [Fact]
    public void ChoiceBoard_BothNewFirst_ThenOneNew_ThenTheRest_EachPassInPreferenceOrder()
    {
        // By minutes: p1 (Practice, Digital), p2 (Practice, Digital), v1 (Video, Print), x1 (Practice, Media), l1 (Lesson,
        // Digital). Pass 2 (kind and modality new): p1, v1. Pass 1 (one new): not p2 (neither), x1 (its modality), l1
        // (its kind). The board of 4 is full; p2 would come in pass 0.
        Board(BoardRules(), "X").Should().Equal("x-p1", "x-v1", "x-x1", "x-l1");
    }

    [Fact]
    public void ChoiceBoard_PrefersTheHigherWeight_ThenFewerMinutes_ThenTheOrdinalId()
    {
        // All Practice and Digital, so the board keeps the preference order: weight 1 before w-light's 0.5 (though it is
        // the shortest), then 10 minutes before w-long's 20, and w-a before w-b (added after it) at equal minutes.
        Board(BoardRules(), "W").Should().Equal("w-a", "w-b", "w-long", "w-light");
    }

    [Fact]
    public void Checkpoint_AnAssessmentOfTheCompetencyAlone_ThenTheShorter()
    {
        // ky-quiz is the shortest but also assesses Y: k-check, aligned to K alone, wins; of k-check and k-check2 (both
        // alone), the shorter. For Y, ky-quiz is the only assessment.
        var playlist = BoardRules();
        playlist.Steps.Single(s => s.Kind == PlaylistStepKind.Learn && s.Competency == "K").Checkpoint!.Id.Value.Should().Be("k-check");
        playlist.Steps.Single(s => s.Kind == PlaylistStepKind.Learn && s.Competency == "Y").Checkpoint!.Id.Value.Should().Be("ky-quiz");
    }

    [Fact]
    public void Projects_PlacedOnceEach_WithMasteredCompetenciesButNotUnreachedOnes_InIdOrderAtOnePlace()
    {
        // xyw-project integrates three competencies of the playlist: one step, not one per competency met. xya-project's
        // A is mastered, so it is placed; xyz-project's Z is neither in the playlist nor mastered, so it is not, and it
        // stays on the boards of X (beyond the 4 chosen) and Y. xya-project and xy-alpha both follow Y: by id, "xy-" before
        // "xya". V's only activity is vy-project, so its board offers the project too.
        var playlist = BoardRules();
        playlist.Steps.Where(s => s.Kind == PlaylistStepKind.Project).Select(s => s.Choices.Single().Id.Value)
            .Should().Equal("xy-alpha", "xya-project", "xyw-project", "vy-project");
        Board(playlist, "Y").Should().Equal("y-practice", "xyz-project");
        Board(playlist, "V").Should().Equal("vy-project");
    }
}
