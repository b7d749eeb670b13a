using System.Collections.Immutable;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Evaluation;

/// <summary>
/// One competency's cross-validation under pyBKT's protocol: a report per fold, the unweighted mean of each metric
/// over folds (the figure pyBKT's <c>crossvalidate</c> returns for a skill), and the metrics over all held-out answers.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class CompetencyCrossValidationResult
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>CompetencyCrossValidationResult { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    internal CompetencyCrossValidationResult(CompetencyId competency, ImmutableArray<EvaluationReport> folds, int untestedLearnerCount)
    {
        Competency = competency;
        Folds = folds;
        UntestedLearnerCount = untestedLearnerCount;
        Mean = new FoldMeanMetrics(folds.Select(f => f.Overall));
        Pooled = PredictionMetrics.Compute(folds.SelectMany(f => f.Predictions));
    }

    /// <summary>The competency.</summary>
    public CompetencyId Competency { get; }

    /// <summary>Each fold's held-out report, fold f at index f: the predictions for the answers of the learners in fold
    /// f, from the model fitted on the competency's other learners, and their metrics.</summary>
    /// <value>k reports, none empty. <see cref="ResponsePrediction.Index"/> is the position in that fold's held-out
    /// log, whose chains are in ordinal order of learner id, each in replay order.</value>
    public ImmutableArray<EvaluationReport> Folds { get; }

    /// <summary>The unweighted mean over folds of each fold's metrics, as pyBKT reports a skill's cross-validation.</summary>
    public FoldMeanMetrics Mean { get; }

    /// <summary>The metrics over all held-out answers of every fold, pooled (each answer weighs the same, where
    /// <see cref="Mean"/> weighs each fold the same).</summary>
    public PredictionMetrics Pooled { get; }

    /// <summary>How many of the competency's learners were never tested: those a given fold assignment leaves out
    /// (pyBKT's n mod k left over). They are in every fold's training log.</summary>
    /// <value>0 with the seeded split, which tests every learner.</value>
    public int UntestedLearnerCount { get; }
}
