using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Evaluation;

/// <summary>What a model predicted for one response before seeing it.</summary>
/// <param name="Index">The response's position in <see cref="ResponseLog.Responses"/>.</param>
/// <param name="Response">The response.</param>
/// <param name="CorrectProbability">P(correct) before the answer.</param>
/// <param name="Estimate">The model's estimate before the answer (for knowledge tracing, P(known)); NaN when the model had none.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly record struct ResponsePrediction(int Index, Response Response, double CorrectProbability, double Estimate);
