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
}
