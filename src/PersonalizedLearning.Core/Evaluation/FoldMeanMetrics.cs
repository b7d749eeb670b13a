using System.Globalization;

namespace PersonalizedLearning.Evaluation;

/// <summary>
/// The unweighted mean over cross-validation folds of each fold's <see cref="PredictionMetrics"/>: every fold weighs
/// the same whatever its number of answers. This is the figure pyBKT's <c>crossvalidate</c> reports per skill
/// (<c>pyBKT/util/crossvalidate.py</c>: <c>crossvalidate</c> adds up the folds' metrics and divides by k).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record FoldMeanMetrics
{
    internal FoldMeanMetrics(IEnumerable<PredictionMetrics> folds)
    {
        var all = folds.ToArray();
        FoldCount = all.Length;
        Rmse = Mean(all, m => m.Rmse);
        Auc = Mean(all, m => m.Auc);
        Accuracy = Mean(all, m => m.Accuracy);
        LogLoss = Mean(all, m => m.LogLoss);
    }

    /// <summary>How many folds were averaged.</summary>
    /// <value>At least 2.</value>
    public int FoldCount { get; }

    /// <summary>The mean over folds of each fold's RMSE (pyBKT's <c>'rmse'</c>).</summary>
    public double Rmse { get; }

    /// <summary>The mean over folds of each fold's AUC (pyBKT's <c>'auc'</c>).</summary>
    /// <value>NaN when a fold's answers are all of one class, as in pyBKT.</value>
    public double Auc { get; }

    /// <summary>The mean over folds of each fold's accuracy (<see cref="PredictionMetrics.Accuracy"/>: a prediction of
    /// exactly 0.5 counts as predicting a wrong answer, where pyBKT's <c>'accuracy'</c> metric,
    /// <c>pyBKT/util/metrics.py</c>: <c>accuracy</c>, counts it as predicting a right one; the two differ only there).</summary>
    public double Accuracy { get; }

    /// <summary>The mean over folds of each fold's log loss, the negative log-likelihood per answer (sklearn's
    /// <c>log_loss</c>, which pyBKT accepts as a metric, without its clipping).</summary>
    /// <value>+∞ when a model called a held-out answer impossible.</value>
    public double LogLoss { get; }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"mean over {FoldCount} folds: AUC = {Auc:0.0000}, RMSE = {Rmse:0.0000}, log loss = {LogLoss:0.0000}, accuracy = {Accuracy:0.0000}");

    private static double Mean(PredictionMetrics[] folds, Func<PredictionMetrics, double> metric)
    {
        var sum = 0.0;
        foreach (var fold in folds)
        {
            sum += metric(fold);
        }

        return sum / folds.Length;
    }
}
