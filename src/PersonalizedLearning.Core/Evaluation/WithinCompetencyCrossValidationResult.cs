using System.Collections.Immutable;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Evaluation;

/// <summary>
/// The outcome of pyBKT's cross-validation protocol (<see cref="CrossValidation.RunWithinCompetencies(ResponseLog, int, Func{ResponseLog, Mastery.IMasteryModel}, long)"/>):
/// each competency cross-validated on its own.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class WithinCompetencyCrossValidationResult
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>WithinCompetencyCrossValidationResult { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    internal WithinCompetencyCrossValidationResult(int foldCount, ImmutableSortedDictionary<CompetencyId, CompetencyCrossValidationResult> byCompetency, ImmutableArray<CompetencyId> skipped)
    {
        FoldCount = foldCount;
        ByCompetency = byCompetency;
        SkippedCompetencies = skipped;
        Overall = PredictionMetrics.Compute(byCompetency.Values.SelectMany(c => c.Folds).SelectMany(f => f.Predictions));
    }

    /// <summary>k, the number of folds of every competency.</summary>
    /// <value>At least 2.</value>
    public int FoldCount { get; }

    /// <summary>Each cross-validated competency's folds, fold means (pyBKT's figures) and pooled metrics, in ordinal
    /// order of competency id.</summary>
    /// <value>At least one competency.</value>
    public ImmutableSortedDictionary<CompetencyId, CompetencyCrossValidationResult> ByCompetency { get; }

    /// <summary>The competencies of the log that were not cross-validated, in ordinal order: with the seeded split,
    /// those with fewer learners than folds; with a given assignment, those it does not name.</summary>
    /// <value>Empty when every competency was cross-validated.</value>
    public ImmutableArray<CompetencyId> SkippedCompetencies { get; }

    /// <summary>The metrics over every held-out answer of every competency and fold, pooled.</summary>
    public PredictionMetrics Overall { get; }
}
