using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Evaluation;

/// <summary>
/// k-fold cross-validation split by learner: every learner's answers are in exactly one test fold, so a model is
/// always scored on learners it never saw.
/// </summary>
/// <remarks>
/// <para>Learners are shuffled with a seeded generator (the same seed gives the same folds on every machine) and
/// dealt to folds in turn, so fold sizes differ by at most one learner.</para>
/// <para>Thread-safe: holds no state.</para>
/// </remarks>
public static class CrossValidation
{
    /// <summary>Assigns each learner of a log to a fold.</summary>
    /// <param name="log">The responses.</param>
    /// <param name="folds">k, at least 2 and at most the number of learners.</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <returns>The fold of each learner, from 0 to k − 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="log"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is less than 2 or more than the number of learners.</exception>
    public static ImmutableSortedDictionary<LearnerId, int> AssignFolds(ResponseLog log, int folds, long seed = 42)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (folds < 2 || folds > log.LearnerCount)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds,
                string.Create(CultureInfo.InvariantCulture, $"The number of folds must be at least 2 and at most the number of learners ({log.LearnerCount}); got {folds}."));
        }

        var learners = log.Responses.Select(r => r.Learner).Distinct().Order().ToArray();
        var random = SeededRandom.For(seed, "folds");
        for (var i = learners.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (learners[i], learners[j]) = (learners[j], learners[i]);
        }

        return learners.Select((learner, i) => (learner, fold: i % folds)).ToImmutableSortedDictionary(x => x.learner, x => x.fold);
    }

    /// <summary>Fits a model on k − 1 folds and replays the held-out fold, for each fold.</summary>
    /// <param name="log">The responses.</param>
    /// <param name="folds">k, at least 2 and at most the number of learners.</param>
    /// <param name="fit">Builds a model from a training log. It must be able to predict competencies that only the
    /// held-out fold has (for BKT, give default parameters).</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <returns>Each fold's report, and the metrics over all held-out predictions.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is out of range.</exception>
    public static CrossValidationResult Run(ResponseLog log, int folds, Func<ResponseLog, IMasteryModel> fit, long seed = 42)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var assignment = AssignFolds(log, folds, seed);
        var reports = ImmutableArray.CreateBuilder<EvaluationReport>(folds);
        for (var f = 0; f < folds; f++)
        {
            var fold = f;
            var model = fit(log.Where(r => assignment[r.Learner] != fold))
                ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The fit function returned null for fold {fold}."));
            reports.Add(Replay.Evaluate(log.Where(r => assignment[r.Learner] == fold), model));
        }

        return new CrossValidationResult(reports.MoveToImmutable());
    }
}

/// <summary>The outcome of a cross-validation.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class CrossValidationResult
{
    internal CrossValidationResult(ImmutableArray<EvaluationReport> folds)
    {
        Folds = folds;
        var all = folds.SelectMany(f => f.Predictions).ToArray();
        Overall = PredictionMetrics.Compute(all);
        ByCompetency = PredictionMetrics.ByCompetency(all);
    }

    /// <summary>Each fold's held-out report.</summary>
    public ImmutableArray<EvaluationReport> Folds { get; }

    /// <summary>The metrics over every held-out prediction of every fold.</summary>
    public PredictionMetrics Overall { get; }

    /// <summary>The held-out metrics of each competency, over all folds.</summary>
    public ImmutableSortedDictionary<CompetencyId, PredictionMetrics> ByCompetency { get; }
}
