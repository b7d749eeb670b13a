using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Evaluation;

/// <summary>What a model predicted for one response before seeing it.</summary>
/// <param name="Index">The response's position in <see cref="ResponseLog.Responses"/>.</param>
/// <param name="Response">The response.</param>
/// <param name="CorrectProbability">P(correct) before the answer.</param>
/// <param name="Estimate">The model's estimate before the answer (for knowledge tracing, P(known)); NaN when the model had none.</param>
/// <param name="IncorrectProbability">P(incorrect) before the answer, computed without cancellation where the model
/// can (see <see cref="Mastery.MasteryPrediction"/>); 1 − <paramref name="CorrectProbability"/> when not given.</param>
/// <remarks>The default value (index 0, the default response, every probability 0) is not a prediction a model made. Immutable and thread-safe.</remarks>
public readonly record struct ResponsePrediction(int Index, Response Response, double CorrectProbability, double Estimate, double IncorrectProbability)
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>ResponsePrediction { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>A prediction whose P(incorrect) is 1 − P(correct).</summary>
    /// <param name="index">The response's position in <see cref="ResponseLog.Responses"/>.</param>
    /// <param name="response">The response.</param>
    /// <param name="correctProbability">P(correct) before the answer.</param>
    /// <param name="estimate">The model's estimate before the answer; NaN when the model had none.</param>
    public ResponsePrediction(int index, Response response, double correctProbability, double estimate)
        : this(index, response, correctProbability, estimate, 1 - correctProbability)
    {
    }

    /// <summary>P(the answer given): <see cref="CorrectProbability"/> for a correct answer, <see cref="IncorrectProbability"/> for a wrong one.</summary>
    public double AnswerProbability => Response.Correct ? CorrectProbability : IncorrectProbability;
}
