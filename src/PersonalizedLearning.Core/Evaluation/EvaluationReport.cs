using System.Collections.Immutable;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Evaluation;

/// <summary>One-step-ahead predictions for a log and how good they are, overall and per competency.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class EvaluationReport
{
    internal EvaluationReport(ImmutableArray<ResponsePrediction> predictions)
    {
        Predictions = predictions;
        Overall = PredictionMetrics.Compute(predictions);
        ByCompetency = PredictionMetrics.ByCompetency(predictions);
    }

    /// <summary>Every prediction, in the order of the responses they predict.</summary>
    public ImmutableArray<ResponsePrediction> Predictions { get; }

    /// <summary>The metrics over all predictions.</summary>
    public PredictionMetrics Overall { get; }

    /// <summary>The metrics of each competency's predictions.</summary>
    public ImmutableSortedDictionary<CompetencyId, PredictionMetrics> ByCompetency { get; }
}
