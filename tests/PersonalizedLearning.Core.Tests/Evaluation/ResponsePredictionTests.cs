using PersonalizedLearning.Evaluation;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Evaluation;

public sealed class ResponsePredictionTests
{
    [Fact]
    public void Constructor_WithoutIncorrect_TakesOneMinusCorrect_AndTheAnswersProbabilityFollowsTheAnswer()
    {
        var right = new ResponsePrediction(0, new Response("ana", "k", true, 1), 0.25, 0.4);
        var wrong = new ResponsePrediction(1, new Response("ana", "k", false, 2), 0.25, 0.4);

        right.IncorrectProbability.Should().Be(0.75);
        (right.AnswerProbability, wrong.AnswerProbability).Should().Be((0.25, 0.75));
    }
}
