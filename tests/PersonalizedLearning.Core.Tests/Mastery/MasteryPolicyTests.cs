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
        act.Should().ThrowExactly<ArgumentOutOfRangeException>().WithParameterName("familiarThreshold").WithMessage(
            "The mastery policy settings are not valid: familiarThreshold: the familiar threshold must be a finite number in (0, 1]; got NaN."
            + " masteredThreshold: the mastered threshold must be a finite number in (0, 1]; got 1.5."
            + " minimumEvidenceForMastered: the evidence Mastered needs must be in [1, 1000]; got 0. (Parameter 'familiarThreshold')");
    }

    [Fact]
    public void Constructor_ThresholdsOutOfOrder_Throws()
    {
        var act = () => new MasteryPolicy(0.8, 0.7, 0.9);
        act.Should().ThrowExactly<ArgumentOutOfRangeException>().WithParameterName("proficientThreshold")
            .WithMessage("*proficientThreshold: the thresholds must rise strictly: familiar < proficient < mastered; got 0.8, 0.7, 0.9.*");
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

    [Theory]
    [InlineData(0.5, 1.5, 0.85, "proficientThreshold", "the proficient threshold must be a finite number in (0, 1]; got 1.5")]
    [InlineData(0.5, double.NaN, 0.85, "proficientThreshold", "the proficient threshold must be a finite number in (0, 1]; got NaN")]
    [InlineData(0.0, 0.7, 0.85, "familiarThreshold", "the familiar threshold must be a finite number in (0, 1]; got 0")]
    [InlineData(0.5, 0.7, 0.0, "masteredThreshold", "the mastered threshold must be a finite number in (0, 1]; got 0")]
    [InlineData(0.7, 0.7, 0.85, "proficientThreshold", "the thresholds must rise strictly: familiar < proficient < mastered; got 0.7, 0.7, 0.85")]
    [InlineData(0.5, 0.85, 0.85, "masteredThreshold", "the thresholds must rise strictly: familiar < proficient < mastered; got 0.5, 0.85, 0.85")]
    [InlineData(0.9, 0.85, 0.8, "proficientThreshold", "the thresholds must rise strictly: familiar < proficient < mastered; got 0.9, 0.85, 0.8")]
    public void Constructor_EachThresholdIsCheckedAlone_AndEqualThresholdsAreOutOfOrder(double familiar, double proficient, double mastered, string name, string problem)
    {
        var thrown = FluentActions.Invoking(() => new MasteryPolicy(familiar, proficient, mastered)).Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        thrown.ParamName.Should().Be(name);
        thrown.Message.Should().Be($"The mastery policy settings are not valid: {name}: {problem}. (Parameter '{name}')");
    }

    [Fact]
    public void Constructor_TheEndsOfEachRange_AreTaken()
    {
        var policy = new MasteryPolicy(1e-9, 0.5, 1, 1000);
        policy.MasteredThreshold.Should().Be(1);
        policy.MinimumEvidenceForMastered.Should().Be(1000);
        new MasteryPolicy(minimumEvidenceForMastered: 1).MinimumEvidenceForMastered.Should().Be(1);
        FluentActions.Invoking(() => new MasteryPolicy(minimumEvidenceForMastered: 1001)).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .WithMessage("The mastery policy settings are not valid: minimumEvidenceForMastered: the evidence Mastered needs must be in [1, 1000]; got 1001. (Parameter 'minimumEvidenceForMastered')");
    }

    [Fact]
    public void IsMastered_IsTrueForMasteredAlone()
    {
        Enum.GetValues<MasteryLevel>().Where(MasteryPolicy.IsMastered).Should().Equal(MasteryLevel.Mastered);
    }

    [Fact]
    public void Assess_ANullModel_IsRefusedNamingIt()
    {
        FluentActions.Invoking(() => MasteryPolicy.Default.Assess("K", default, null!, TestData.Start)).Should().ThrowExactly<ArgumentNullException>()
            .Which.ParamName.Should().Be("model");
    }

    [Fact]
    public void Assess_AtTheMasteredThresholdWithTooLittleEvidence_NeedsMoreEvidence()
    {
        var policy = new MasteryPolicy(0.5, 0.7, 0.85, minimumEvidenceForMastered: 3);
        var assessment = Assess(policy, RollupMasteryModel.Latest(), 0.85);
        assessment.Level.Should().Be(MasteryLevel.Proficient);
        assessment.Reason.Should().Be(MasteryReason.NeedsMoreEvidence);
        assessment.Threshold.Should().Be(0.85);
    }

    [Fact]
    public void Deserialize_APolicyBreakingARule_IsRefusedAsTheConstructorRefusesIt()
    {
        // The thresholds are read through the constructor, so every policy's are in (0, 1] (the level rule relies on it).
        FluentActions.Invoking(() => PersonalizedLearning.Serialization.PersonalizedLearningJson.Deserialize<MasteryPolicy>(
                """{"familiarThreshold":0,"proficientThreshold":0.7,"masteredThreshold":0.85,"minimumEvidenceForMastered":2}"""))
            .Should().ThrowExactly<System.Text.Json.JsonException>().WithMessage("*familiarThreshold: the familiar threshold must be a finite number in (0, 1]; got 0*");
    }
}
