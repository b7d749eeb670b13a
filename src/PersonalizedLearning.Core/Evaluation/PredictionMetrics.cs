using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Evaluation;

/// <summary>How well predictions of right-or-wrong answers match the answers.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record PredictionMetrics
{
    private PredictionMetrics(int count, int correct, double auc, double rmse, double logLikelihood, double accuracy)
    {
        Count = count;
        CorrectCount = correct;
        Auc = auc;
        Rmse = rmse;
        LogLikelihood = logLikelihood;
        Accuracy = accuracy;
    }

    /// <summary>How many predictions were scored.</summary>
    public int Count { get; }

    /// <summary>How many answers were correct.</summary>
    public int CorrectCount { get; }

    /// <summary>The area under the ROC curve: the chance that a random correct answer got a higher prediction than a
    /// random wrong one, ties counting half (the Mann–Whitney statistic with mid-ranks).</summary>
    /// <value>NaN when all answers are of one class.</value>
    public double Auc { get; }

    /// <summary>The root mean squared error between P(correct) and the 0/1 answer.</summary>
    public double Rmse { get; }

    /// <summary>The sum over answers of log P(the answer given); −∞ when a model called a given answer impossible.</summary>
    public double LogLikelihood { get; }

    /// <summary>The mean negative log-likelihood per answer (log loss, cross-entropy).</summary>
    public double LogLoss => -LogLikelihood / Count;

    /// <summary>The share of answers on the side of 0.5 the prediction was on; a prediction of exactly 0.5 counts as
    /// predicting a wrong answer, as pyBKT's rounding does.</summary>
    public double Accuracy { get; }

    /// <summary>Scores predictions against answers, with P(incorrect) taken as 1 − P(correct).</summary>
    /// <param name="correct">The answers.</param>
    /// <param name="predictions">P(correct) for each answer, in [0, 1].</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A prediction is NaN or outside [0, 1].</exception>
    public static PredictionMetrics Compute(ReadOnlySpan<bool> correct, ReadOnlySpan<double> predictions)
        => Compute(correct, predictions, default, hasIncorrect: false);

    /// <summary>Scores predictions against answers, with P(incorrect) given separately, so that the log-likelihood
    /// and RMSE of answers the model was nearly sure of are exact (1 − P(correct) loses a P(incorrect) below 1e-16).</summary>
    /// <param name="correct">The answers.</param>
    /// <param name="predictions">P(correct) for each answer, in [0, 1].</param>
    /// <param name="incorrectProbabilities">P(incorrect) for each answer, in [0, 1], summing to 1 with P(correct)
    /// within 1e-9.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or are empty, or a pair does not sum to 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A probability is NaN or outside [0, 1].</exception>
    public static PredictionMetrics Compute(ReadOnlySpan<bool> correct, ReadOnlySpan<double> predictions, ReadOnlySpan<double> incorrectProbabilities)
        => Compute(correct, predictions, incorrectProbabilities, hasIncorrect: true);

    private static PredictionMetrics Compute(ReadOnlySpan<bool> correct, ReadOnlySpan<double> predictions, ReadOnlySpan<double> incorrectProbabilities, bool hasIncorrect)
    {
        if (correct.Length != predictions.Length || (hasIncorrect && incorrectProbabilities.Length != predictions.Length))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"There are {correct.Length} answers but {predictions.Length} predictions{(hasIncorrect ? $" and {incorrectProbabilities.Length} P(incorrect) values" : "")}."), nameof(predictions));
        }

        if (correct.IsEmpty)
        {
            throw new ArgumentException("There is nothing to score: no answers.", nameof(correct));
        }

        var n = correct.Length;
        double squared = 0, logLikelihood = 0;
        int positives = 0, right = 0;
        for (var i = 0; i < n; i++)
        {
            var p = predictions[i];
            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(predictions), p,
                    string.Create(CultureInfo.InvariantCulture, $"Prediction {i} must be a probability in [0, 1]; got {p:R}."));
            }

            var q = 1 - p;
            if (hasIncorrect)
            {
                q = incorrectProbabilities[i];
                if (!(q >= 0 && q <= 1))
                {
                    throw new ArgumentOutOfRangeException(nameof(incorrectProbabilities), q,
                        string.Create(CultureInfo.InvariantCulture, $"P(incorrect) {i} must be a probability in [0, 1]; got {q:R}."));
                }

                if (Math.Abs(p + q - 1) > 1e-9)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"Prediction {i}: P(correct) {p:R} and P(incorrect) {q:R} must sum to 1 (within 1e-9)."), nameof(incorrectProbabilities));
                }
            }

            // The distance to the answer is the probability of the other answer.
            var miss = correct[i] ? q : p;
            squared += miss * miss;
            // Near 1, from the other answer's probability (a total of −5e-9 came out 1e-5 off by plain logs).
            logLikelihood += ProbabilityLog.Of(correct[i] ? p : q, miss);
            positives += correct[i] ? 1 : 0;
            right += (p > 0.5) == correct[i] ? 1 : 0;
        }

        return new PredictionMetrics(n, positives, AreaUnderCurve(correct, predictions, positives), Math.Sqrt(squared / n), logLikelihood, (double)right / n);
    }

    /// <summary>Scores replayed predictions.</summary>
    /// <param name="predictions">The predictions.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predictions"/> is null.</exception>
    /// <exception cref="ArgumentException">There are no predictions.</exception>
    public static PredictionMetrics Compute(IEnumerable<ResponsePrediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var list = predictions as IReadOnlyCollection<ResponsePrediction> ?? [.. predictions];
        var correct = new bool[list.Count];
        var p = new double[list.Count];
        var q = new double[list.Count];
        var i = 0;
        foreach (var prediction in list)
        {
            correct[i] = prediction.Response.Correct;
            q[i] = prediction.IncorrectProbability;
            p[i++] = prediction.CorrectProbability;
        }

        return Compute(correct, p, q);
    }

    /// <summary>The metrics of each competency's predictions.</summary>
    internal static ImmutableSortedDictionary<CompetencyId, PredictionMetrics> ByCompetency(IEnumerable<ResponsePrediction> predictions)
        => predictions.GroupBy(p => p.Response.Competency).ToImmutableSortedDictionary(g => g.Key, Compute);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n = {Count}, AUC = {Auc:0.0000}, RMSE = {Rmse:0.0000}, log-likelihood = {LogLikelihood:0.00}, accuracy = {Accuracy:0.0000}");

    private static double AreaUnderCurve(ReadOnlySpan<bool> correct, ReadOnlySpan<double> predictions, int positives)
    {
        var negatives = correct.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        var order = new int[correct.Length];
        var keys = predictions.ToArray();
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);

        // Sum the (1-based, mid-) ranks of the correct answers; a run of equal predictions shares its mean rank.
        var rankSum = 0.0;
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
            {
                end++;
            }

            var midRank = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++)
            {
                if (correct[order[k]])
                {
                    rankSum += midRank;
                }
            }

            start = end;
        }

        return (rankSum - (positives * (positives + 1.0) / 2.0)) / ((double)positives * negatives);
    }
}
