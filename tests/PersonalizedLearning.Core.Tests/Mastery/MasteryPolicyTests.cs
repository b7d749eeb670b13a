using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Tests.Mastery;

public class MasteryPolicyTests
{
    private static MasteryAssessment Assess(MasteryPolicy policy, IMasteryModel model, params double[] scores)
        => policy.Assess("K", MasteryFixture.Scores(model, scores), model, TestData.Start);

    [Theory]
    [InlineData(0.4999, MasteryLevel.Attempted, MasteryReason.BelowFamiliar)]
    [InlineData(0.5, MasteryLevel.Familiar, MasteryReason.ReachedFamiliar)]
    [InlineData(0.7, MasteryLevel.Proficient, MasteryReason.ReachedProficient)]
    [InlineData(0.8499, MasteryLevel.Proficient, MasteryReason.ReachedProficient)]
    [InlineData(0.85, MasteryLevel.Mastered, MasteryReason.ReachedMastered)]
    public void Assess_ThresholdsAreInclusive(double score, MasteryLevel level, MasteryReason reason)
    {
        var assessment = Assess(MasteryPolicy.Default, RollupMasteryModel.Latest(), score, score);
        assessment.Level.Should().Be(level);
        assessment.Reason.Should().Be(reason);
        assessment.Estimate.Should().Be(score);
    }

    [Fact]
    public void Assess_MasteredNeedsEnoughEvidence()
    {
        var assessment = Assess(MasteryPolicy.Default, RollupMasteryModel.Latest(), 1.0);
        assessment.Level.Should().Be(MasteryLevel.Proficient);
        assessment.Reason.Should().Be(MasteryReason.NeedsMoreEvidence);
        assessment.Explain().Should().Be("latest score 1.00 ≥ 0.85, but Mastered needs 2 pieces of evidence (has 1)");
    }

    [Fact]
    public void Explanation_NamesTheRuleTheEstimateTheThresholdAndTheEvidence()
    {
        // Decaying average (d = 0.65) of 0.8, 0.8, 0.8, 0.83: 0.35 × 0.8 + 0.65 × 0.83 = 0.8195.
        var policy = new MasteryPolicy(0.5, 0.7, 0.8, 2);
        var assessment = Assess(policy, RollupMasteryModel.DecayingAverage(0.65), 0.8, 0.8, 0.8, 0.83);

        assessment.Level.Should().Be(MasteryLevel.Mastered);
        assessment.Estimate!.Value.Should().BeApproximately(0.8195, 1e-12);
        assessment.Explain().Should().Be("decaying average 0.82 ≥ 0.80 after 4 pieces of evidence");
    }

    [Fact]
    public void Explanation_ForEveryOtherReason()
    {
        var policy = MasteryPolicy.Default;
        policy.Assess("K", default, RollupMasteryModel.Latest(), TestData.Start).Explain().Should().Be("no evidence yet");
        policy.Assess("K", default, RollupMasteryModel.Latest(), TestData.Start).Level.Should().Be(MasteryLevel.NotStarted);
        Assess(policy, RollupMasteryModel.Latest(), 0.3).Explain().Should().Be("latest score 0.30 < 0.50 after 1 piece of evidence");
        var none = Assess(policy, RollupMasteryModel.NumberOfTimes(2, 0.8), 0.9);
        none.Level.Should().Be(MasteryLevel.Attempted);
        none.Explain().Should().Be("mean of 2+ scores at or above 0.80: no score yet after 1 piece of evidence");
    }

    [Fact]
    public void Constructor_ReportsEveryProblemInOneMessage()
    {
        var act = () => new MasteryPolicy(familiarThreshold: double.NaN, proficientThreshold: 0.7, masteredThreshold: 1.5, minimumEvidenceForMastered: 0);
        act.Should().Throw<ArgumentException>().WithMessage(
            "The mastery policy is not valid: familiarThreshold must be a finite number in (0, 1]; got NaN; masteredThreshold must be a finite number in (0, 1]; got 1.5; minimumEvidenceForMastered must be in [1, 1000]; got 0.");
    }

    [Fact]
    public void Constructor_ThresholdsOutOfOrder_Throws()
    {
        var act = () => new MasteryPolicy(0.8, 0.7, 0.9);
        act.Should().Throw<ArgumentException>().WithMessage("*thresholds must rise strictly: familiar < proficient < mastered; got 0.8, 0.7, 0.9.");
    }

    [Fact]
    public void Assess_ModelReturningAnEstimateOutsideTheUnitInterval_Throws()
    {
        var state = MasteryFixture.Scores(RollupMasteryModel.Latest(), 0.5);
        var act = () => MasteryPolicy.Default.Assess("K", state, new BrokenModel(), TestData.Start);
        act.Should().Throw<InvalidOperationException>().WithMessage("Mastery model 'broken' returned estimate 1.5 for competency 'K'; estimates must be in [0, 1].");
    }

    private sealed class BrokenModel : IMasteryModel
    {
        public string Name => "broken";

        public string EstimateLabel => "broken";

        public MasteryStep Update(in CompetencyState state, in MasteryObservation observation) => new(1.5, default);

        public double? EstimateAt(in CompetencyState state, DateTimeOffset asOf) => 1.5;
    }
}
