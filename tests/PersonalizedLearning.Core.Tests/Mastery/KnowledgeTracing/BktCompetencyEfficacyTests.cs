using PersonalizedLearning.Activities;
using PersonalizedLearning.Mastery.KnowledgeTracing;

namespace PersonalizedLearning.Tests.Mastery.KnowledgeTracing;

public sealed class BktCompetencyEfficacyTests
{
    private static BktActivityLearnRate Row(string activity, double expectedMovesWhileUnknown)
        => new(activity, 0.3, 0.2, 0.4, 0.95, 0.05, 100, 50, expectedMovesWhileUnknown, 10);

    [Fact]
    public void Explanations_NotConvergedAndLowEvidence_SayBoth()
    {
        var k = new BktCompetencyEfficacy("K", [Row("a", 40), Row("b", 3)], 200, notConvergedSamples: 7);
        k.LowEvidence.Select(a => a.Activity.Value).Should().Equal("b");
        k.Explanations.Should().Equal(
            "7 of 200 bootstrap refits stopped at the iteration limit before EM converged, so the intervals may be too narrow; fit with a higher iteration limit",
            "1 of 2 activities rest on little evidence");
    }

    [Fact]
    public void Explanations_CleanReport_AreEmpty()
        => new BktCompetencyEfficacy("K", [Row("a", 40)], 200, 0).Explanations.Should().BeEmpty();

    [Fact]
    public void Indexer_ActivityWithoutOwnRate_ThrowsUnknownActivityExceptionNamingIt()
    {
        var k = new BktCompetencyEfficacy("K", [Row("a", 40)], 200, 0);
        k["a"].Activity.Value.Should().Be("a");
        FluentActions.Invoking(() => k["z"]).Should().ThrowExactly<UnknownActivityException>().WithMessage("Competency 'K' has no learn rate for activity 'z'. (Parameter 'activity')")
            .Which.Activity.Should().Be(new ActivityId("z"));
    }

    [Fact]
    public void Equals_SameRows_AreEqual_OtherRows_AreNot()
    {
        new BktCompetencyEfficacy("K", [Row("a", 40)], 200, 0).Should().Be(new BktCompetencyEfficacy("K", [Row("a", 40)], 200, 0));
        new BktCompetencyEfficacy("K", [Row("a", 40)], 200, 0).Should().NotBe(new BktCompetencyEfficacy("K", [Row("a", 41)], 200, 0));
    }

    [Fact]
    public void LowEvidenceAndExplanations_AreFoundOnce_SoReadingThemDoesNotAllocate()
    {
        // Issue 21: LowEvidence was a lazy Where over the rows, Explanations built its lines on every read.
        var k = new BktCompetencyEfficacy("K", [Row("a", 40), Row("b", 3), Row("c", 9.9)], 200, notConvergedSamples: 0);
        k.LowEvidence.Select(a => a.Activity.Value).Should().Equal("b", "c");
        k.Explanations.Should().Equal("2 of 3 activities rest on little evidence");
        Allocations.OfWarmCall(() => _ = k.LowEvidence).Should().Be(0);
        Allocations.OfWarmCall(() => _ = k.Explanations).Should().Be(0);
    }
}
