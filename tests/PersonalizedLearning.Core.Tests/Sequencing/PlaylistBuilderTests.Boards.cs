using System.Collections.Immutable;
using CsCheck;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Tests.Sequencing;

// Learn steps: choice boards by agency level, extended time and included kinds (PlaylistBuilder.Boards.cs).
public partial class PlaylistBuilderTests
{
    [Fact]
    public void AgencyLevels_SetChoicesAndReordering()
    {
        var guided = PlaylistBuilder.Default.Build(Request(options: new PlaylistOptions(AgencyLevel.Guided)));
        var self = PlaylistBuilder.Default.Build(Request(options: new PlaylistOptions(AgencyLevel.SelfDirected, choicesPerStep: 2)));

        guided.Steps[0].Choices.Select(c => c.Id.Value).Should().Equal("b-video");
        guided.Steps.Should().AllSatisfy(s => s.Reorderable.Should().BeFalse());
        self.Steps[0].Choices.Select(c => c.Id.Value).Should().Equal("b-video", "b-sheet");
        self.Steps.Should().AllSatisfy(s => s.Reorderable.Should().BeTrue());
        PlaylistBuilder.Default.Build(Request()).Sessions.Should().ContainSingle("without a budget everything is one session");
    }

    [Fact]
    public void ExtendedTime_AndKinds_ShapeTheSteps()
    {
        var extended = PlaylistBuilder.Default.Build(Request(accommodations: new LearnerAccommodations(1.5)));
        extended.Steps[0].Minutes.Should().Be(19.5);
        extended.Sessions[0].Items[0].Minutes.Should().Be(12);

        var noProjects = PlaylistBuilder.Default.Build(Request(options: new PlaylistOptions(kinds: [ActivityKind.Practice, ActivityKind.Lesson, ActivityKind.Assessment])));
        noProjects.Steps.Select(Describe).Should().Equal(
            "Learn B: b-sheet,b-practice → b-check (15)",
            "Learn C: c-lesson → c-check (21)",
            "Learn D: d-practice → d-check (20)");
    }
}
