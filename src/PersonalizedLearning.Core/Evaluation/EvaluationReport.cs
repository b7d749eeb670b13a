using System.Collections.Immutable;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Evaluation;

/// <summary>One-step-ahead predictions for a log and how good they are, overall and per competency.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class EvaluationReport
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>EvaluationReport { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

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
