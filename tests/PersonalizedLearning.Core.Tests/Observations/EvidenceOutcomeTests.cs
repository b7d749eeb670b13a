using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Observations;

public class EvidenceOutcomeTests
{
    [Fact]
    public void Binary_Outcomes_HaveScoresOneAndZero()
    {
        EvidenceOutcome.Correct.Should().Be(EvidenceOutcome.FromCorrect(true));
        EvidenceOutcome.Correct.Score.Should().Be(1);
        EvidenceOutcome.Correct.IsCorrect.Should().BeTrue();
        EvidenceOutcome.Incorrect.Score.Should().Be(0);
        EvidenceOutcome.Incorrect.IsBinary.Should().BeTrue();
        EvidenceOutcome.FromScore(1).IsCorrect.Should().BeFalse("a graded score of 1 is not a binary answer");
        default(EvidenceOutcome).Should().Be(EvidenceOutcome.FromScore(0));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.0000001)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void FromScore_OutsideUnitInterval_ThrowsArgumentOutOfRange(double score)
    {
        var act = () => EvidenceOutcome.FromScore(score);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("A score must be a finite number in [0, 1]*").And.ParamName.Should().Be("score");
    }

    [Fact]
    public void FromPoints_NormalisesRubricScores()
    {
        EvidenceOutcome.FromPoints(4, 5).Score.Should().Be(0.8);
        EvidenceOutcome.FromPoints(0, 3).Score.Should().Be(0);
    }

    [Theory]
    [InlineData(6, 5, "points")]
    [InlineData(-1, 5, "points")]
    [InlineData(1, 0, "possible")]
    [InlineData(1, double.NaN, "possible")]
    [InlineData(double.NaN, 5, "points")]
    public void FromPoints_OutOfRange_ThrowsArgumentOutOfRange(double points, double possible, string parameter)
    {
        var act = () => EvidenceOutcome.FromPoints(points, possible);
        act.Should().Throw<ArgumentOutOfRangeException>().And.ParamName.Should().Be(parameter);
    }
}
