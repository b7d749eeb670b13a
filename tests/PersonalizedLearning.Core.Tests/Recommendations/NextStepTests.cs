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
    public void GetReasons_EveryFormattedSentence_IsWrittenAsBefore()
    {
        // The reasons are now written through one walk that formats each sentence into a stack buffer, shared by
        // GetReasons, Explain and the JSON reader's comparison (issue 21). The sentences the recommender's tests do not
        // pin, worked by hand from the facts below: a review due at 40 %, the goal itself with a date near, a prediction
        // of 72 % with a difficulty fit of 0.9, an interest, a preferred modality, 12.5 minutes of 30; then a remediation
        // after 3 failures and a stretch with one prerequisite.
        var activity = new PersonalizedLearning.Activities.LearningActivity("a-practice", "Practice A", PersonalizedLearning.Activities.ActivityKind.Practice, 10, [new("A")], topics: ["art"]);
        var step = new NextStep
        {
            Rank = 1, Activity = activity, Competency = "A", Purpose = RecommendationPurpose.Review, Level = MasteryLevel.Mastered, Retrievability = 0.4,
            Signals = new RecommendationSignals(0, 1, 1, 0.5, 0.9, 0.8, 1, 1, 1), Goal = "A", GoalDate = new DateTimeOffset(2026, 10, 1, 23, 0, 0, TimeSpan.FromHours(-2)),
            PredictedSuccess = 0.72, MatchedInterest = "art", PreferredModality = true, Minutes = 12.5, AvailableMinutes = 30,
        };

        step.GetReasons().Select(r => (r.Code, r.Text)).Should().Equal(
            (RecommendationReasonCode.DueForReview, "Due for review: recall chance 40%"),
            (RecommendationReasonCode.OnPathToGoal, "Your goal"),
            (RecommendationReasonCode.GoalDateNear, "Goal date 2026-10-02"), // 23:00 at UTC−2 is 01:00 UTC the next day
            (RecommendationReasonCode.GoodChallenge, "A good challenge: 72% expected success"),
            (RecommendationReasonCode.MatchesInterest, "Matches your interest: art"),
            (RecommendationReasonCode.PreferredModality, "In a way you like to learn: Digital"),
            (RecommendationReasonCode.FitsTime, "Fits your 30 minutes (12.5 min)"),
            (RecommendationReasonCode.Practises, "Practice to show it"));
        step.Explain().Should().Be(string.Join(" · ", step.GetReasons().Select(r => r.Text)));

        var remediation = step with { Purpose = RecommendationPurpose.Remediate, RemediationFor = "B", Failures = 3, Goal = null, PredictedSuccess = null, MatchedInterest = null, PreferredModality = false, AvailableMinutes = null };
        remediation.Explain().Should().Be("Strengthens a prerequisite of B (failed 3 times) · Practice to show it");
        (remediation with { Failures = 1 }).GetReasons()[0].Text.Should().Be("Strengthens a prerequisite of B (failed once)");
        var stretch = remediation with { Purpose = RecommendationPurpose.Stretch, RemediationFor = null, Failures = 0, PrerequisiteCount = 1, Level = MasteryLevel.Familiar, Estimate = 0.456 };
        stretch.Explain().Should().Be("Stretch: its prerequisite is nearly mastered · In progress: Familiar (0.46) · Practice to show it");
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
