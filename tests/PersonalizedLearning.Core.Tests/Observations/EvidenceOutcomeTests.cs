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
    [InlineData(0.55, 0.6, false)] // issue 21: the score BKT and remediation used to judge differently
    [InlineData(0.55, 0.5, true)]
    [InlineData(0.6, 0.6, true)]   // at the line passes
    [InlineData(0.5999999999999999, 0.6, false)]
    [InlineData(0.0, 0.000001, false)]
    [InlineData(1.0, 1.0, true)]
    public void Passes_AtOrAboveThePassingScore(double score, double passingScore, bool expected)
        => EvidenceOutcome.FromScore(score).Passes(passingScore).Should().Be(expected);

    [Fact]
    public void Passes_BinaryOutcomes_AtAnyPassingScore()
    {
        foreach (var passing in new[] { 0.01, 0.5, EvidenceOutcome.DefaultPassingScore, 1 })
        {
            EvidenceOutcome.Correct.Passes(passing).Should().BeTrue();
            EvidenceOutcome.Incorrect.Passes(passing).Should().BeFalse();
        }

        EvidenceOutcome.DefaultPassingScore.Should().Be(0.6);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.0000001)]
    [InlineData(double.NaN)]
    public void Passes_PassingScoreOutsideUnitInterval_ThrowsArgumentOutOfRange(double passingScore)
        => FluentActions.Invoking(() => EvidenceOutcome.Correct.Passes(passingScore)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("The passing score must be a number in (0, 1]*").Which.ParamName.Should().Be("passingScore");

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

    [Fact]
    public void ToString_BinaryAsAWord_GradedAsTheScore()
    {
        EvidenceOutcome.Correct.ToString().Should().Be("correct");
        EvidenceOutcome.Incorrect.ToString().Should().Be("incorrect");
        EvidenceOutcome.FromScore(1).ToString().Should().Be("1", "a graded 1 is a score, not a binary answer");
        EvidenceOutcome.FromPoints(3, 4).ToString().Should().Be("0.75");
        default(EvidenceOutcome).ToString().Should().Be("0");
    }

    [Fact]
    public void FromPoints_TheBounds_AreIncludedAndGraded()
    {
        var full = EvidenceOutcome.FromPoints(5, 5);
        (full.Score, full.IsBinary, full.IsCorrect).Should().Be((1.0, false, false));
        FluentActions.Invoking(() => EvidenceOutcome.FromPoints(1, double.PositiveInfinity)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("Points possible must be finite and greater than 0; got Infinity.*");
        FluentActions.Invoking(() => EvidenceOutcome.FromPoints(1, -2)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("Points possible must be finite and greater than 0; got -2.*").Which.ActualValue.Should().Be(-2.0);
        FluentActions.Invoking(() => EvidenceOutcome.FromPoints(6, 5)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("Points must be a finite number in [0, 5]; got 6.*").Which.ActualValue.Should().Be(6.0);
        FluentActions.Invoking(() => EvidenceOutcome.FromScore(-0.25)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("A score must be a finite number in [0, 1]; got -0.25.*").Which.ActualValue.Should().Be(-0.25);
        EvidenceOutcome.FromScore(0).Should().Be(default(EvidenceOutcome));
        EvidenceOutcome.FromScore(1).Score.Should().Be(1);
    }

    // Mutation survivors of Observations (eng/mutation/Observations-survivors.md): the options form of the passing-score
    // rule, the unchecked pass test, and FromCorrect(false).
    [Fact]
    public void PassingScore_InOptions_TakesOneAndRefusesZeroAndAboveOne_NamingTheRule()
    {
        new PersonalizedLearning.Recommendations.RecommenderOptions(passingScore: 1).PassingScore.Should().Be(1);
        new PersonalizedLearning.Sequencing.PlaylistOptions(passingScore: 1).PassingScore.Should().Be(1);
        foreach (var bad in new[] { 0, 1.5, double.NaN })
        {
            FluentActions.Invoking(() => new PersonalizedLearning.Recommendations.RecommenderOptions(passingScore: bad)).Should().Throw<ArgumentException>()
                .WithMessage("*the passing score must be a number in (0, 1]*", because: $"{bad} is outside (0, 1]");
        }
    }

    [Fact]
    public void PassesChecked_IsScoreAtOrAboveThePassingScore()
    {
        EvidenceOutcome.FromScore(0.6).PassesChecked(0.6).Should().BeTrue("a score at the passing score passes");
        EvidenceOutcome.FromScore(0.7).PassesChecked(0.6).Should().BeTrue();
        EvidenceOutcome.FromScore(0.59).PassesChecked(0.6).Should().BeFalse();
    }

    [Fact]
    public void FromCorrect_False_IsIncorrect()
    {
        EvidenceOutcome.FromCorrect(false).Should().Be(EvidenceOutcome.Incorrect);
        EvidenceOutcome.FromCorrect(false).IsCorrect.Should().BeFalse();
        EvidenceOutcome.FromCorrect(false).ToString().Should().Be("incorrect");
    }
}
