using System.Collections.Immutable;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Evaluation;

/// <summary>The outcome of a train/test evaluation (<see cref="HoldOut.Evaluate"/>).</summary>
/// <remarks>Immutable and thread-safe, as far as the fitted model is.</remarks>
public sealed class HoldOutResult
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>HoldOutResult { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    internal HoldOutResult(IMasteryModel model, EvaluationReport training, EvaluationReport test, ImmutableArray<CompetencyId> untrained)
    {
        Model = model;
        Training = training;
        Test = test;
        UntrainedCompetencies = untrained;
    }

    /// <summary>The model the fit function built from the training log.</summary>
    public IMasteryModel Model { get; }

    /// <summary>The training log replayed with the fitted model: how well the model fits the answers it was fitted
    /// on (pyBKT's <c>evaluate</c> on the training data).</summary>
    public EvaluationReport Training { get; }

    /// <summary>The test log replayed with the fitted model: the held-out figures to compare with published tables.</summary>
    public EvaluationReport Test { get; }

    /// <summary>The competencies of the test log that the training log lacks, in ordinal order: their test predictions
    /// come from whatever the fit function gave them (for BKT, default parameters).</summary>
    /// <value>Empty when every test competency was trained on.</value>
    public ImmutableArray<CompetencyId> UntrainedCompetencies { get; }
}
