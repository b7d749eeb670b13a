using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Learners;

/// <summary>A state recorded into twice (a host that records from the same state again, as a writer that lost a race
/// does) copies its competency's evidence into a buffer sized by that evidence, not by the buffer it shared.</summary>
public class EvidenceTrackGrowthTests
{
    [Fact]
    public void Recording_twice_from_the_same_state_again_and_again_keeps_memory_proportional_to_the_evidence()
    {
        var engine = new PersonalizedLearningEngine(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.DecayingAverage());
        var state = engine.CreateLearner("ana");
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < 80; i++)
        {
            _ = engine.Record(state, Evidence.ForCompetency($"lost-{i}", "ana", "A", EvidenceOutcome.FromScore(0.5), TestData.Start.AddMinutes(2 * i)));
            state = engine.Record(state, Evidence.ForCompetency($"kept-{i}", "ana", "A", EvidenceOutcome.FromScore(0.5), TestData.Start.AddMinutes((2 * i) + 1)));
        }

        state.EvidenceCount.Should().Be(80);
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(8_000_000, "160 records of one competency's 80 pieces; doubling a shared buffer each time would take gigabytes");
    }
}
