using System.Text.Json;
using System.Text.Json.Nodes;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Recommendations;

/// <summary>
/// <see cref="NextStep"/> as a value: the reasons each fact gives, and the rules a step read back from JSON is held to
/// (issue 21), each broken alone by one edit of a step made by hand and refused with its exact message, and each bound
/// read as written (mutation survivors of the Recommendations run).
/// </summary>
public sealed class NextStepValueTests
{
    internal static readonly LearningActivity Practice = new("a-practice", "Practice A", ActivityKind.Practice, 10, [new("A")], topics: ["art", "history"]);

    // A learning step every rule accepts, at as many bounds as one step can be: its minutes exactly the activity's 10 and
    // exactly the 10 available, a difficulty fit of exactly 0.8 (a good challenge), an urgency of 0 (so its goal date is not
    // named), and the shares of the weights adding up to exactly 1: eight signals above 0, each contributing an eighth of
    // itself (Urgency is 0). Review due is 1 − 0.5 ÷ 2 = 0.75 from the recall chance of 0.5. The score is the contributions'
    // sum: (0.5 + 0.5 + 0.5 + 0 + 0.8 + 0.75 + 0.5 + 1 + 1) ÷ 8 = 5.55 ÷ 8 = 0.69375.
    internal static readonly NextStep Step = new()
    {
        Rank = 1, Activity = Practice, Competency = "A", Purpose = RecommendationPurpose.Learn, Level = MasteryLevel.Familiar, Estimate = 0.5,
        PrerequisiteCount = 2, Goal = "B", GoalDate = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), PredictedSuccess = 0.6, Retrievability = 0.5,
        Signals = new RecommendationSignals(0.5, 0.5, 0.5, 0, 0.8, 0.75, 0.5, 1, 1),
        Contributions = new RecommendationSignals(0.0625, 0.0625, 0.0625, 0, 0.1, 0.09375, 0.0625, 0.125, 0.125),
        Score = 0.69375, Minutes = 10, AvailableMinutes = 10,
    };

    private const string StepLine = "Ready: all prerequisites mastered · Due for review: recall chance 50% · On the way to your goal B · A good challenge: 60% expected success · Fits your 10 minutes (10 min) · In progress: Familiar (0.50) · Practice to show it";

    private static JsonNode Write(NextStep step) => JsonNode.Parse(JsonSerializer.Serialize(step, PersonalizedLearningJson.Options))!;

    private static NextStep Read(JsonNode node) => JsonSerializer.Deserialize<NextStep>(node.ToJsonString(), PersonalizedLearningJson.Options);

    internal static RecommendationSignals With(RecommendationSignals s, int index, double value) => new(
        index == 0 ? value : s.Need, index == 1 ? value : s.Readiness, index == 2 ? value : s.GoalRelevance, index == 3 ? value : s.Urgency,
        index == 4 ? value : s.DifficultyFit, index == 5 ? value : s.ReviewDue, index == 6 ? value : s.ProfileFit, index == 7 ? value : s.Novelty,
        index == 8 ? value : s.TimeFit);

    // A signal changed with its contribution an eighth of it, and the score moved by the contribution's change.
    internal static NextStep WithSignal(NextStep step, int index, double value) => step with
    {
        Signals = With(step.Signals, index, value),
        Contributions = With(step.Contributions, index, value / 8),
        Score = step.Score + ((value - step.Signals[index]) / 8),
    };

    [Fact]
    public void TheStepMadeByHand_ReadsBackAsItself_WithItsReasonsWorkedByHand()
    {
        Step.Explain().Should().Be(StepLine);
        Step.GetReasons().Select(r => r.Code).Should().Equal(
            RecommendationReasonCode.ReadyPrerequisitesMastered, RecommendationReasonCode.DueForReview, RecommendationReasonCode.OnPathToGoal,
            RecommendationReasonCode.GoodChallenge, RecommendationReasonCode.FitsTime, RecommendationReasonCode.InProgress, RecommendationReasonCode.Practises);
        var node = Write(Step);
        ((string?)node["explanation"]).Should().Be(StepLine);
        Read(node).Should().Be(Step);
    }

    [Fact]
    public void ReasonsOfEachPurposeAndCount_AreTheSentencesWorkedByHand_AndEachStepReadsBack()
    {
        // Each step below keeps every rule: a stretch and a shortcut have prerequisites; a remediation after one failure
        // names the competency it serves; a step of 1 prerequisite, or with no estimate yet, names that.
        var noGoal = Step with { Goal = null, GoalDate = null, Retrievability = null, PredictedSuccess = null, AvailableMinutes = null };
        noGoal = WithSignal(WithSignal(noGoal, 5, 0), 4, 0.5);
        noGoal.Explain().Should().Be("Ready: all prerequisites mastered · In progress: Familiar (0.50) · Practice to show it");
        var cases = new (NextStep Step, string Line)[]
        {
            (noGoal with { PrerequisiteCount = 1 }, "Ready: its prerequisite is mastered · In progress: Familiar (0.50) · Practice to show it"),
            (noGoal with { Estimate = null }, "Ready: all prerequisites mastered · In progress: Familiar · Practice to show it"),
            (noGoal with { Purpose = RecommendationPurpose.Stretch }, "Stretch: its prerequisites are nearly mastered · In progress: Familiar (0.50) · Practice to show it"),
            (noGoal with { Purpose = RecommendationPurpose.Stretch, PrerequisiteCount = 1 }, "Stretch: its prerequisite is nearly mastered · In progress: Familiar (0.50) · Practice to show it"),
            (noGoal with { Purpose = RecommendationPurpose.Shortcut, PrerequisiteCount = 1 }, "Shortcut: what it still lacks gates it only weakly, so learning it now is quicker than learning that first · In progress: Familiar (0.50) · Practice to show it"),
            (noGoal with { Purpose = RecommendationPurpose.Remediate, RemediationFor = "B", Failures = 1, Level = MasteryLevel.Mastered }, "Strengthens a prerequisite of B (failed once) · Practice to show it"),
            (noGoal with { Minutes = 100 }, "Ready: all prerequisites mastered · In progress: Familiar (0.50) · Practice to show it"),
        };

        foreach (var (step, line) in cases)
        {
            step.Explain().Should().Be(line);
            Read(Write(step)).Should().Be(step, line);
        }
    }

    [Fact]
    public void AContributionAboveItsSignalByTheToleranceOnly_IsRead()
    {
        // A contribution may exceed its signal by 1e-12 (rounding): Need's 0.5 contributing 0.5 + 1e-12, the only
        // contribution, gives shares of about 1 + 2e-12, within the 1 + 1e-9 allowed.
        var step = Step with { Contributions = new RecommendationSignals(0.5 + 1e-12, 0, 0, 0, 0, 0, 0, 0, 0), Score = 0.5 + 1e-12 };
        Read(Write(step)).Should().Be(step);
    }

    [Fact]
    public void EachToleranceOfTheReadingRules_IsReadAtItsEdge()
    {
        // The minutes exactly at the activity's 10 × (1 − 1e-12) and 10 × 10 × (1 + 1e-12), the edges the rule allows
        // for rounding (either bound made strict refuses them).
        var low = Step with { Minutes = 10 * (1 - 1e-12) };
        var high = Step with { Minutes = 10 * 10 * (1 + 1e-12), AvailableMinutes = null };

        // A score exactly 1e-9 from its contributions' sum of 0 (every signal weighed 0), the most the rule allows.
        var score = Step with { Contributions = new RecommendationSignals(0, 0, 0, 0, 0, 0, 0, 0, 0), Score = 1e-9 };

        // Shares adding up to exactly 1 + 1e-9: Need's signal 2^-10 contributing 2^-10 × (1 + 1e-9), the only contribution.
        // A power of two times the double nearest 1 + 1e-9 is exact, so its share is that double; the contribution exceeds
        // the signal by 2^-10 × 1e-9 ≈ 9.8e-13, within the 1e-12 allowed.
        var need = Math.Pow(2, -10);
        var shares = Step with
        {
            Signals = With(Step.Signals, 0, need),
            Contributions = new RecommendationSignals(need * (1 + 1e-9), 0, 0, 0, 0, 0, 0, 0, 0),
            Score = need * (1 + 1e-9),
        };

        foreach (var step in new[] { low, high, score, shares })
        {
            Read(Write(step)).Should().Be(step);
        }
    }

    [Fact]
    public void WithoutItsReasonsAndExplanation_AStepReadsAsWritten_AndTheyAreMadeAgain()
    {
        var node = Write(Step);
        node.AsObject().Remove("reasons").Should().BeTrue();
        node.AsObject().Remove("explanation").Should().BeTrue();
        var read = Read(node);
        read.Should().Be(Step);
        read.Explain().Should().Be(StepLine);
    }

    [Theory]
    [InlineData("rank", "its rank is 0, not 1 or more")]
    [InlineData("unaligned", "activity 'a-practice' is not aligned to competency 'E'")]
    [InlineData("score", "its score 1.5 is not in [0, 1]")]
    [InlineData("signal-out", "the signal Need or its contribution is not in [0, 1]")]
    [InlineData("contribution-out", "the signal TimeFit or its contribution is not in [0, 1]")]
    [InlineData("contribution-above-signal", "the contribution of Need (0.6) is more than its signal (0.5)")]
    [InlineData("shares", "its contributions give the signals' weights shares that add up to 1.375, more than 1")]
    [InlineData("minutes-below", "its minutes (9.99) are not the activity's 10 times an extended-time factor in [1, 10]")]
    [InlineData("minutes-above", "its minutes (100.5) are not the activity's 10 times an extended-time factor in [1, 10]")]
    [InlineData("estimate-not-started", "it has an estimate for a competency not started")]
    [InlineData("contributions-sum", "its contributions add up to 0.69375, not its score 0.7")]
    [InlineData("estimate-out", "its estimate, predicted success or retrievability is not in [0, 1]")]
    [InlineData("retrievability-out", "its estimate, predicted success or retrievability is not in [0, 1]")]
    [InlineData("prerequisites-negative", "a count is negative")]
    [InlineData("failures-negative", "a count is negative")]
    [InlineData("remediation-unnamed", "a remediation step, and only one, names the competency it remediates")]
    [InlineData("remediation-for-learn", "a remediation step, and only one, names the competency it remediates")]
    [InlineData("remediate-itself", "a remediation step serves another competency than its own, after at least one failure")]
    [InlineData("remediate-no-failure", "a remediation step serves another competency than its own, after at least one failure")]
    [InlineData("failures-learn", "a step that is not a remediation counts failures")]
    [InlineData("review-no-recall", "a review step has no recall chance")]
    [InlineData("learn-mastered", "a step to learn (Learn) is on a mastered competency")]
    [InlineData("goal-date-alone", "it has a goal date without a goal")]
    [InlineData("available-negative", "its minutes are not a finite number ≥ 0")]
    [InlineData("instruction-predicted", "activity 'a-practice' is a Lesson, instruction, on which no model predicts success; the step has a predicted success")]
    [InlineData("fit-without-prediction", "without a predicted success its difficulty fit is 0.8, not the neutral 0.5")]
    [InlineData("interest-not-a-topic", "its matched interest 'music' is not a topic of activity 'a-practice' (art, history)")]
    [InlineData("time-fit", "its time fit 1 is not 0.5, what its 10 minutes make of 5 minutes available")]
    [InlineData("time-fit-no-time", "its time fit 0.5 is not 1, what its 10 minutes make of no time available")]
    [InlineData("review-due", "its review-due signal 0.5 is not 0.75, what a recall chance of 0.5 gives")]
    [InlineData("review-due-none", "its review-due signal 0.75 is not 0, what no review due gives")]
    [InlineData("readiness", "it has no prerequisites, but a readiness of 0.5, not 1")]
    [InlineData("stretch-none", "a Stretch step is on a competency with no prerequisites")]
    [InlineData("shortcut-none", "a Shortcut step is on a competency with no prerequisites")]
    [InlineData("preferred-fit-0", "its modality is preferred and no interest matched, but its profile fit is 0")]
    [InlineData("preferred-interest-fit-half", "its modality is preferred and an interest matched, but its profile fit is 0.5")]
    [InlineData("not-preferred-fit-1", "its modality is not preferred and no interest matched, but its profile fit is 1")]
    [InlineData("not-preferred-interest-fit-0", "its modality is not preferred and an interest matched, but its profile fit is 0")]
    [InlineData("zero-signal-contributes", "its signal Urgency is 0 but contributes 1E-13")]
    public void AStepTheRecommenderWouldNotMake_IsRefused_WithTheRuleItBreaks(string edit, string rule)
    {
        // Signals are changed with their contributions an eighth of them and the score moved to match (WithSignal), so
        // that each edit breaks the one rule named; 0.5 and 0.25 are exact in binary, so are the sums printed.
        var step = edit switch
        {
            "rank" => Step with { Rank = 0 },
            "unaligned" => Step with { Competency = "E" },
            "score" => Step with { Score = 1.5 },
            "signal-out" => Step with { Signals = With(Step.Signals, 0, 1.5) },
            "contribution-out" => Step with { Contributions = With(Step.Contributions, 8, 1.5) },
            "contribution-above-signal" => Step with { Contributions = With(Step.Contributions, 0, 0.6) },
            "shares" => Step with { Contributions = With(Step.Contributions, 0, 0.25) }, // 0.25 ÷ 0.5 + 7 × 0.125 = 1.375
            "minutes-below" => Step with { Minutes = 9.99 },
            "minutes-above" => Step with { Minutes = 100.5, AvailableMinutes = null },
            "estimate-not-started" => Step with { Level = MasteryLevel.NotStarted },
            "contributions-sum" => Step with { Score = 0.7 },
            "estimate-out" => Step with { Estimate = 1.5 },
            "retrievability-out" => Step with { Retrievability = 1.5 },
            "prerequisites-negative" => Step with { PrerequisiteCount = -1 },
            "failures-negative" => Step with { Failures = -1 },
            "remediation-unnamed" => Step with { Purpose = RecommendationPurpose.Remediate, Failures = 2 },
            "remediation-for-learn" => Step with { RemediationFor = "B" },
            "remediate-itself" => Step with { Purpose = RecommendationPurpose.Remediate, RemediationFor = "A", Failures = 2 },
            "remediate-no-failure" => Step with { Purpose = RecommendationPurpose.Remediate, RemediationFor = "B" },
            "failures-learn" => Step with { Failures = 1 },
            "review-no-recall" => Step with { Purpose = RecommendationPurpose.Review, Retrievability = null },
            "learn-mastered" => Step with { Level = MasteryLevel.Mastered },
            "goal-date-alone" => Step with { Goal = null },
            "available-negative" => Step with { AvailableMinutes = -1 },
            "instruction-predicted" => Step with { Activity = new LearningActivity("a-practice", "Practice A", ActivityKind.Lesson, 10, [new("A")], topics: ["art", "history"]) },
            "fit-without-prediction" => Step with { PredictedSuccess = null },
            "interest-not-a-topic" => Step with { MatchedInterest = "music" }, // a profile fit of 0.5 agrees with an interest matched
            "time-fit" => Step with { AvailableMinutes = 5 },
            "time-fit-no-time" => WithSignal(Step with { AvailableMinutes = null }, 8, 0.5),
            "review-due" => WithSignal(Step, 5, 0.5),
            "review-due-none" => Step with { Retrievability = null },
            "readiness" => Step with { PrerequisiteCount = 0 },
            "stretch-none" => WithSignal(Step with { PrerequisiteCount = 0, Purpose = RecommendationPurpose.Stretch }, 1, 1),
            "shortcut-none" => WithSignal(Step with { PrerequisiteCount = 0, Purpose = RecommendationPurpose.Shortcut }, 1, 1),
            "preferred-fit-0" => WithSignal(Step with { PreferredModality = true }, 6, 0),
            "preferred-interest-fit-half" => Step with { PreferredModality = true, MatchedInterest = "art" },
            "not-preferred-fit-1" => WithSignal(Step, 6, 1),
            "not-preferred-interest-fit-0" => WithSignal(Step with { MatchedInterest = "art" }, 6, 0),
            "zero-signal-contributes" => Step with { Contributions = With(Step.Contributions, 3, 1e-13) }, // within the score's tolerance
            _ => throw new ArgumentOutOfRangeException(nameof(edit)),
        };

        var node = Write(step);
        FluentActions.Invoking(() => Read(node)).Should().ThrowExactly<JsonException>()
            .Which.Message.Should().Be($"This next step is not one the library makes: {rule}.");
    }

    [Theory]
    [InlineData("reason-text")]
    [InlineData("reason-code")]
    [InlineData("two-reason-texts")]
    [InlineData("reason-added")]
    [InlineData("reason-dropped")]
    [InlineData("explanation-changed")]
    [InlineData("explanation-extra")]
    [InlineData("explanation-first-reason-only")]
    [InlineData("explanation-empty")]
    [InlineData("explanation-other-separator")]
    public void ReasonsOrAnExplanationThatAreNotTheFacts_AreRefused(string edit)
    {
        var node = Write(Step);
        var reasons = node["reasons"]!.AsArray();
        reasons.Count.Should().Be(7);
        var texts = reasons.Select(r => (string)r!["text"]!).ToArray();
        var rule = "its reasons are not the ones its facts give";
        switch (edit)
        {
            case "reason-text": reasons[1]!["text"] = "Due for review: recall chance 51%"; break;
            case "reason-code": reasons[1]!["code"] = "GoalDateNear"; break;
            case "two-reason-texts": reasons[1]!["text"] = "Due soon"; reasons[2]!["text"] = "On the way"; break; // two differences do not cancel
            case "reason-added": reasons.Add(JsonNode.Parse("""{"code":"MatchesInterest","text":"Matches your interest: art"}""")); break;
            case "reason-dropped": reasons.RemoveAt(6); break;
            default:
                rule = "its explanation is not its reasons joined by \" · \"";
                node["explanation"] = edit switch
                {
                    "explanation-changed" => StepLine.Replace("50%", "51%", StringComparison.Ordinal),
                    "explanation-extra" => StepLine + " · Matches your interest: art",
                    "explanation-first-reason-only" => texts[0],
                    "explanation-empty" => "",
                    "explanation-other-separator" => string.Join(" | ", texts),
                    _ => throw new ArgumentOutOfRangeException(nameof(edit)),
                };
                break;
        }

        FluentActions.Invoking(() => Read(node)).Should().ThrowExactly<JsonException>()
            .Which.Message.Should().Be($"This next step is not one the library makes: {rule}.");
    }

    [Fact]
    public void AStepWithANullActivity_IsRefused_NamingIt()
    {
        var node = Write(Step);
        node["activity"] = null;
        FluentActions.Invoking(() => Read(node)).Should().ThrowExactly<JsonException>().Which.Message.Should().StartWith("A next step needs its activity.");
    }
}
