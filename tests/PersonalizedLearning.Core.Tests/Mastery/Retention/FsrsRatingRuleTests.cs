using PersonalizedLearning.Mastery.Retention;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Mastery.Retention;

/// <summary>The thresholds' bounds as documented: 0 &lt; passing ≤ good ≤ easy ≤ 1, each "≤" taken with equality.</summary>
public sealed class FsrsRatingRuleTests
{
    [Fact]
    public void Constructor_PassingEqualToGood_TakesIt_AndTheHardBandIsEmpty()
    {
        var rule = new FsrsRatingRule(0.6, 0.6, 0.9);
        rule.Rate(EvidenceOutcome.FromScore(0.6)).Should().Be(FsrsRating.Good);
        rule.Rate(EvidenceOutcome.FromScore(0.59)).Should().Be(FsrsRating.Again);
    }

    [Fact]
    public void Constructor_GoodEqualToEasy_TakesIt_AndTheGoodBandIsEmpty()
    {
        var rule = new FsrsRatingRule(0.6, 0.8, 0.8);
        rule.Rate(EvidenceOutcome.FromScore(0.8)).Should().Be(FsrsRating.Easy);
        rule.Rate(EvidenceOutcome.FromScore(0.79)).Should().Be(FsrsRating.Hard);
    }

    [Fact]
    public void Constructor_EasyAtOne_TakesIt_AndOnlyAFullScoreIsEasy()
    {
        var rule = new FsrsRatingRule(easyScore: 1);
        rule.EasyScore.Should().Be(1);
        rule.Rate(EvidenceOutcome.FromScore(1)).Should().Be(FsrsRating.Easy);
        rule.Rate(EvidenceOutcome.FromScore(0.99)).Should().Be(FsrsRating.Good);
    }

    [Theory]
    [InlineData(0, 0.7, 0.9, "got passing 0, good 0.7, easy 0.9")]
    [InlineData(-0.1, 0.7, 0.9, "got passing -0.1, good 0.7, easy 0.9")]
    [InlineData(double.NaN, 0.7, 0.9, "got passing NaN, good 0.7, easy 0.9")]
    [InlineData(0.6, double.NaN, 0.9, "got passing 0.6, good NaN, easy 0.9")]
    [InlineData(0.6, 0.95, 0.9, "got passing 0.6, good 0.95, easy 0.9")]
    [InlineData(0.6, 0.7, 1.01, "got passing 0.6, good 0.7, easy 1.01")]
    public void Constructor_ThresholdsOutOfRangeOrOrder_AreRefusedNamingAllThree(double passing, double good, double easy, string got)
    {
        var thrown = FluentActions.Invoking(() => new FsrsRatingRule(passing, good, easy)).Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        thrown.ParamName.Should().Be("passingScore");
        thrown.Message.Should().StartWith($"The rating thresholds must satisfy 0 < passing ≤ good ≤ easy ≤ 1; {got}. (Parameter 'passingScore')");
        thrown.ActualValue.Should().Be(passing);
    }

    [Fact]
    public void Constructor_TheSmallestPositivePassingScore_IsTaken()
        => new FsrsRatingRule(double.Epsilon).Rate(EvidenceOutcome.FromScore(double.Epsilon)).Should().Be(FsrsRating.Hard);
}
