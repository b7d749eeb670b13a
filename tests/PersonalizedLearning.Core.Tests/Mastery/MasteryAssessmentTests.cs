using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Mastery;

/// <summary>
/// An assessment is made by <see cref="MasteryPolicy"/> only; read from JSON it must be one the policy makes (issue 21,
/// fresh review: level 99, Mastered for want of evidence, and no competency were read).
/// </summary>
public class MasteryAssessmentTests
{
    private static readonly MasteryPolicy Policy = new(0.5, 0.7, 0.85, 2);

    [Fact]
    public void Property_EveryAssessmentThePolicyMakes_IsReadBackAsItself()
    {
        // Scores drawn on the thresholds and between them, with one to four pieces: every reason is reached.
        var reasons = new HashSet<MasteryReason>();
        var score = Gen.OneOf(Gen.Double[0, 1], Gen.Int[0, 4].Select(i => new[] { 0.0, 0.5, 0.7, 0.85, 1.0 }[i]));
        Gen.Select(score.Array[0, 4], Gen.Bool).Sample((scores, decaying) =>
        {
            var model = decaying ? RollupMasteryModel.DecayingAverage(0.65) : RollupMasteryModel.Latest();
            var assessment = Policy.Assess("K", MasteryFixture.Scores(model, scores), model, TestData.Start);
            lock (reasons)
            {
                reasons.Add(assessment.Reason);
            }

            PersonalizedLearningJson.Deserialize<MasteryAssessment>(PersonalizedLearningJson.Serialize(assessment)).Should().Be(assessment);
        }, iter: PropertyRuns.Iter(300));
        if (PropertyRuns.FloorsAsserted)
        {
            reasons.Should().BeEquivalentTo(Enum.GetValues<MasteryReason>().Except([MasteryReason.NoScoreYet]), "every reason a rollup gives is reached");
        }
    }

    [Theory]
    [InlineData("level", "99", "MasteryLevel is written as text, the name of one of its members (*); got the number 99.")]
    [InlineData("level", "\"Mastered\"", "reason ReachedFamiliar gives level Familiar, not Mastered")]
    [InlineData("reason", "\"NoEvidence\"", "reason NoEvidence gives level NotStarted, not Familiar")]
    [InlineData("reason", "\"BelowFamiliar\"", "reason BelowFamiliar gives level Attempted")]
    [InlineData("competency", "\"\"", "")]
    [InlineData("estimate", "null", "reason ReachedFamiliar needs estimate and threshold")]
    [InlineData("threshold", "null", "reason ReachedFamiliar needs estimate and threshold")]
    [InlineData("estimate", "0.4", "reason ReachedFamiliar does not fit estimate 0.40, threshold 0.50")]
    [InlineData("evidenceCount", "0", "reason ReachedFamiliar does not fit")]
    [InlineData("threshold", "0", "reason ReachedFamiliar does not fit estimate 0.60, threshold 0.00")]
    [InlineData("estimate", "1.0", "reason ReachedFamiliar does not fit estimate 1.00")]
    [InlineData("minimumEvidence", "5000", "minimumEvidence")]
    [InlineData("estimateLabel", "\"\"", "estimateLabel")]
    public void ATamperedAssessment_IsRefused(string member, string value, string message)
    {
        var assessment = Policy.Assess("K", MasteryFixture.Scores(RollupMasteryModel.Latest(), 0.6), RollupMasteryModel.Latest(), TestData.Start);
        assessment.Reason.Should().Be(MasteryReason.ReachedFamiliar);
        var json = JsonNode.Parse(PersonalizedLearningJson.Serialize(assessment))!.AsObject();
        json[member] = JsonNode.Parse(value);
        var text = json.ToJsonString();

        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<MasteryAssessment>(text)).Should().Throw<JsonException>().WithMessage($"*{message}*");
        FluentActions.Invoking(() => JsonSerializer.Deserialize<MasteryAssessment>(text, PersonalizedLearningJson.Options)).Should().Throw<JsonException>();
    }

    [Fact]
    public void MasteredWithoutEnoughEvidence_AndProficientAskingForEvidenceItHas_AreRefused()
    {
        var mastered = Policy.Assess("K", MasteryFixture.Scores(RollupMasteryModel.Latest(), 0.9, 0.9), RollupMasteryModel.Latest(), TestData.Start);
        mastered.Reason.Should().Be(MasteryReason.ReachedMastered);
        var json = JsonNode.Parse(PersonalizedLearningJson.Serialize(mastered))!.AsObject();
        json["evidenceCount"] = 1;
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<MasteryAssessment>(json.ToJsonString())).Should().Throw<JsonException>()
            .WithMessage("*reason ReachedMastered does not fit estimate 0.90, threshold 0.85 and 1 piece of evidence (Mastered needs 2)*");
        json["evidenceCount"] = 2;
        json["reason"] = "NeedsMoreEvidence";
        json["level"] = "Proficient";
        FluentActions.Invoking(() => PersonalizedLearningJson.Deserialize<MasteryAssessment>(json.ToJsonString())).Should().Throw<JsonException>()
            .WithMessage("*reason NeedsMoreEvidence does not fit*");
    }

    [Theory]
    [InlineData("evidenceCount", -1, 2, "Attempted", "NoScoreYet", null, null, "evidenceCount ('-1') must be a non-negative value.")]
    [InlineData("minimumEvidence", 0, 0, "NotStarted", "NoEvidence", null, null, "minimumEvidence ('0') must be greater than or equal to '1'.")]
    [InlineData("estimate", 2, 2, "Mastered", "ReachedMastered", 1.5, 0.85, "An estimate must be a finite number in [0, 1].")]
    [InlineData("estimate", 1, 2, "Attempted", "BelowFamiliar", -0.1, 0.5, "An estimate must be a finite number in [0, 1].")]
    [InlineData("threshold", 2, 2, "Mastered", "ReachedMastered", 1.0, 1.5, "A threshold must be a finite number in [0, 1].")]
    [InlineData("threshold", 1, 2, "Attempted", "BelowFamiliar", 0.1, -0.5, "A threshold must be a finite number in [0, 1].")]
    [InlineData("reason", 1, 2, "Attempted", "(MasteryReason)99", null, null, "Undefined mastery reason.")]
    public void Constructor_ACountOrNumberOutOfRange_IsRefusedNamingIt(string parameter, int evidenceCount, int minimumEvidence, string level, string reason, double? estimate, double? threshold, string message)
    {
        var why = reason.StartsWith('(') ? (MasteryReason)99 : Enum.Parse<MasteryReason>(reason);
        var thrown = FluentActions.Invoking(() => new MasteryAssessment("K", Enum.Parse<MasteryLevel>(level), why, evidenceCount, minimumEvidence, "latest score", estimate, threshold))
            .Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        thrown.ParamName.Should().Be(parameter);
        thrown.Message.Should().StartWith($"{message} (Parameter '{parameter}')");
    }

    [Fact]
    public void Constructor_AThresholdOf1_IsTaken()
        => new MasteryAssessment("K", MasteryLevel.Mastered, MasteryReason.ReachedMastered, 2, 2, "latest score", 1, 1).Explain()
            .Should().Be("latest score 1.00 ≥ 1.00 after 2 pieces of evidence");

    [Fact]
    public void Constructor_AnEmptyCompetency_OrAnEstimateTheReasonHasNone_OrAReasonThatDoesNotFit_IsRefusedSayingWhy()
    {
        var empty = FluentActions.Invoking(() => new MasteryAssessment(default, MasteryLevel.NotStarted, MasteryReason.NoEvidence, 0, 2, "latest score", null, null))
            .Should().ThrowExactly<ArgumentException>().Which;
        empty.ParamName.Should().Be("competency");
        empty.Message.Should().Be("An assessment needs its competency. (Parameter 'competency')");

        var scored = FluentActions.Invoking(() => new MasteryAssessment("K", MasteryLevel.Attempted, MasteryReason.NoScoreYet, 1, 2, "latest score", 0.5, 0.5))
            .Should().ThrowExactly<ArgumentException>().Which;
        scored.ParamName.Should().Be("estimate");
        scored.Message.Should().Be("Competency 'K': reason NoScoreYet has no estimate and threshold. (Parameter 'estimate')");

        var unscored = FluentActions.Invoking(() => new MasteryAssessment("K", MasteryLevel.Familiar, MasteryReason.ReachedFamiliar, 1, 2, "latest score", null, null))
            .Should().ThrowExactly<ArgumentException>().Which;
        unscored.Message.Should().Be("Competency 'K': reason ReachedFamiliar needs estimate and threshold. (Parameter 'estimate')");

        var counted = FluentActions.Invoking(() => new MasteryAssessment("K", MasteryLevel.NotStarted, MasteryReason.NoEvidence, 3, 2, "latest score", null, null))
            .Should().ThrowExactly<ArgumentException>().Which;
        counted.ParamName.Should().Be("reason");
        counted.Message.Should().Be("Competency 'K': reason NoEvidence does not fit estimate none, threshold none and 3 pieces of evidence (Mastered needs 2). (Parameter 'reason')");
    }
}
