using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Recommendations;

/// <summary>
/// <see cref="NextStep"/>'s reasons are methods (issue 21, section 2): a step stays a small value, its reasons are built
/// only when asked, and what they say has not changed (the sentences are pinned in <see cref="AdaptiveRecommenderTests"/>).
/// </summary>
public sealed class NextStepTests
{
    private static NextStepResult Recommend()
    {
        var engine = new PersonalizedLearningEngine(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.Latest());
        var ana = engine.Record(engine.CreateLearner("ana"), Evidence.ForCompetency("e1", "ana", "A", EvidenceOutcome.Correct, TestData.Start));
        return engine.RecommendNext(ana, 3, asOf: TestData.Start);
    }

    [Fact]
    public void Explain_IsTheReasonsJoined_AndEachCallBuildsTheSameAnew()
    {
        var step = Recommend().Steps[0];
        var reasons = step.GetReasons();

        reasons.Should().NotBeEmpty();
        step.GetReasons().Should().Equal(reasons, "the reasons are a function of the step's facts");
        step.Explain().Should().Be(string.Join(" · ", reasons.Select(r => r.Text)));
        step.ToString().Should().EndWith(": " + step.Explain());
    }

    [Fact]
    public void Json_StillCarriesTheReasonsAndTheirLine_ForAUi()
    {
        // The methods replace properties, so the document keeps them through internal members: a UI over HTTP reads the
        // same "reasons" and "explanation" as before.
        var result = Recommend();
        var step = result.Steps[0];
        var json = System.Text.Json.Nodes.JsonNode.Parse(PersonalizedLearningJson.Serialize(result))!["steps"]![0]!;

        ((string)json["explanation"]!).Should().Be(step.Explain());
        json["reasons"]!.AsArray().Select(r => (string)r!["text"]!).Should().Equal(step.GetReasons().Select(r => r.Text));
        PersonalizedLearningJson.Deserialize<NextStepResult>(PersonalizedLearningJson.Serialize(result)).Should().Be(result);
    }

    [Fact]
    public void TheDefaultStep_HasNoReasons_AndSaysSo()
    {
        var none = default(NextStep);

        none.IsEmpty.Should().BeTrue();
        FluentActions.Invoking(() => none.GetReasons()).Should().ThrowExactly<InvalidOperationException>().WithMessage("*default value, not a recommendation*");
        FluentActions.Invoking(() => none.Explain()).Should().ThrowExactly<InvalidOperationException>().WithMessage("*default value, not a recommendation*");
        none.ToString().Should().Be("NextStep { (none: the default value) }");
    }
}
