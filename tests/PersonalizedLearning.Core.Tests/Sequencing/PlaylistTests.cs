using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Tests.Sequencing;

/// <summary><see cref="Playlist"/>'s derived members: read without allocating (issue 21, section 2).</summary>
public sealed class PlaylistTests
{
    [Fact]
    public void TotalMinutes_IsTheStepsMinutes_ReadWithoutAllocating()
    {
        var engine = new PersonalizedLearningEngine(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.Latest());
        var ana = engine.Record(engine.CreateLearner("ana"), Evidence.ForCompetency("e1", "ana", "A", EvidenceOutcome.Correct, TestData.Start));
        var playlist = PlaylistBuilder.Default.Build(engine.CreatePlaylistRequest(ana, [new LearningGoal("E", TestData.Start.AddDays(30))], asOf: TestData.Start));

        playlist.Steps.Length.Should().BeGreaterThan(1);
        var total = 0.0;
        foreach (var step in playlist.Steps)
        {
            total += step.Minutes;
        }

        playlist.TotalMinutes.Should().Be(total).And.BePositive();
        Allocations.OfWarmCall(() => _ = playlist.Steps.Sum(s => s.Minutes)).Should().BePositive("the measure must see the old way's allocations");
        Allocations.OfWarmCall(() => _ = playlist.TotalMinutes).Should().Be(0);
    }
}
