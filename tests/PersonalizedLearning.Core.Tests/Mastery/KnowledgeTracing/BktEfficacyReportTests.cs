using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery.KnowledgeTracing;

namespace PersonalizedLearning.Tests.Mastery.KnowledgeTracing;

public sealed class BktEfficacyReportTests
{
    private static readonly BktCompetencyEfficacy K = new("K", [new BktActivityLearnRate("a", 0.3, 0.2, 0.4, 0.95, 0.05, 100, 50, 40, 10)], 200, 0);

    [Fact]
    public void Indexer_ReportedCompetency_ReturnsIt()
        => new BktEfficacyReport([K], BktEfficacyOptions.Default)["K"].Should().BeSameAs(K);

    [Fact]
    public void Indexer_OtherCompetency_ThrowsUnknownCompetencyExceptionNamingIt()
        => FluentActions.Invoking(() => new BktEfficacyReport([K], BktEfficacyOptions.Default)["L"]).Should().ThrowExactly<UnknownCompetencyException>()
            .WithMessage("The efficacy report has no competency 'L'. (Parameter 'competency')").Which.Competency.Should().Be(new CompetencyId("L"));

    [Fact]
    public void Equals_SameRowsAndOptions_AreEqual()
    {
        var copy = new BktCompetencyEfficacy("K", [new BktActivityLearnRate("a", 0.3, 0.2, 0.4, 0.95, 0.05, 100, 50, 40, 10)], 200, 0);
        new BktEfficacyReport([K], BktEfficacyOptions.Default).Should().Be(new BktEfficacyReport([copy], BktEfficacyOptions.Default));
        new BktEfficacyReport([K], BktEfficacyOptions.Default).Should().NotBe(new BktEfficacyReport([copy], BktEfficacyOptions.Default with { Seed = 1 }));
    }
}
