using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Mastery;

/// <summary><see cref="MasterySnapshot"/>'s derived members: found once, then read without allocating (issue 21, section 2).</summary>
public sealed class MasterySnapshotTests
{
    [Fact]
    public void Mastered_IsTheCompetenciesAssessedMastered_FoundOnce()
    {
        var engine = new PersonalizedLearningEngine(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.Latest());
        var ana = engine.Record(engine.CreateLearner("ana"), Evidence.ForCompetency("e1", "ana", "A", EvidenceOutcome.Correct, TestData.Start));
        ana = engine.Record(ana, Evidence.ForCompetency("e2", "ana", "A", EvidenceOutcome.Correct, TestData.Start.AddMinutes(1)));
        ana = engine.Record(ana, Evidence.ForCompetency("e3", "ana", "B", EvidenceOutcome.Incorrect, TestData.Start.AddMinutes(2)));
        var snapshot = engine.Assess(ana, TestData.Start.AddMinutes(3));

        snapshot.Mastered.Should().Equal([new CompetencyId("A")], "A has two correct answers and B a wrong one");
        snapshot.Mastered.Should().Equal(snapshot.GetAll().Where(a => a.Level == MasteryLevel.Mastered).Select(a => a.Competency));
        Allocations.OfWarmCall(() => _ = snapshot.Mastered).Should().Be(0);
    }
}
