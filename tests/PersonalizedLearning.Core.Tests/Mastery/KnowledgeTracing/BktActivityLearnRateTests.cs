using PersonalizedLearning.Mastery.KnowledgeTracing;

namespace PersonalizedLearning.Tests.Mastery.KnowledgeTracing;

public sealed class BktActivityLearnRateTests
{
    [Fact]
    public void Explanations_EnoughEvidence_AreEmpty()
    {
        var row = new BktActivityLearnRate("a", 0.2, 0.15, 0.25, 0.95, 0.025, moves: 120, learners: 80, expectedMovesWhileUnknown: 10, lowEvidenceBelow: 10);
        row.HasLowEvidence.Should().BeFalse();
        row.GetExplanations().Should().BeEmpty();
    }

    [Fact]
    public void Explanations_FewExpectedMovesWhileUnknown_SayHowFew()
    {
        var row = new BktActivityLearnRate("a", 0.2, 0, 0.9, 0.95, 0.2, moves: 1_250, learners: 400, expectedMovesWhileUnknown: 4.26, lowEvidenceBelow: 10);
        row.HasLowEvidence.Should().BeTrue();
        row.GetExplanations().Should().Equal("rests on little evidence: of its 1,250 moves by 400 learners, about 4.3 were made while not knowing the competency (fewer than 10), and only those tell what it teaches");
    }

    [Fact]
    public void Explanations_NoMoves_SayTheRateIsPooled()
    {
        // Even with a threshold of 0, an activity never followed by another answer has no evidence of its own.
        var row = new BktActivityLearnRate("a", 0.2, 0, 1, 0.95, 0.3, moves: 0, learners: 0, expectedMovesWhileUnknown: 0, lowEvidenceBelow: 0);
        row.HasLowEvidence.Should().BeTrue();
        row.GetExplanations().Should().Equal("no answer in it is followed by another answer on the competency, so the data says nothing about what it teaches: its learn rate is the pooled rate of the competency's other moves, not its own");
    }

    [Fact]
    public void ToString_ShowsRateIntervalAndEvidence()
        => new BktActivityLearnRate("q7", 0.2134, 0.18, 0.25, 0.95, 0.02, 300, 120, 96.44, 10).ToString()
            .Should().Be("q7: T = 0.213 (95% CI 0.180–0.250), 300 moves by 120 learners, 96.4 while unknown");

    [Fact]
    public void Equals_SameValues_AreEqual()
    {
        var row = new BktActivityLearnRate("a", 0.2, 0.15, 0.25, 0.95, 0.025, 120, 80, 30, 10);
        row.Should().Be(new BktActivityLearnRate("a", 0.2, 0.15, 0.25, 0.95, 0.025, 120, 80, 30, 10));
        row.Should().NotBe(new BktActivityLearnRate("a", 0.2, 0.15, 0.26, 0.95, 0.025, 120, 80, 30, 10));
    }
}
