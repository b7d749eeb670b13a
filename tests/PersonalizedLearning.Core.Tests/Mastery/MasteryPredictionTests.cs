using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Tests.Mastery;

/// <summary><see cref="MasteryPrediction"/> (in ICorrectnessPredictor.cs): P(incorrect) from P(correct), and the
/// probability of an answer (issue 21, section 1: the survivors of the first mutation run of the files directly in
/// Mastery).</summary>
public sealed class MasteryPredictionTests
{
    [Fact]
    public void New_WithoutAnIncorrectProbability_TakesOneMinusTheCorrect()
    {
        var prediction = new MasteryPrediction(0.25, 0.5);
        prediction.IncorrectProbability.Should().Be(0.75);
        prediction.CorrectProbability.Should().Be(0.25);
        prediction.Estimate.Should().Be(0.5);
    }

    [Fact]
    public void ProbabilityOf_IsTheCorrectOrTheIncorrectProbability()
    {
        var prediction = new MasteryPrediction(0.3, 0.6, 0.5);
        prediction.ProbabilityOf(true).Should().Be(0.3);
        prediction.ProbabilityOf(false).Should().Be(0.6);
    }
}
