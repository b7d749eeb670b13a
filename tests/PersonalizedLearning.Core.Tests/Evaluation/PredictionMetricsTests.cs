using CsCheck;
using PersonalizedLearning.Evaluation;

namespace PersonalizedLearning.Tests.Evaluation;

public sealed class PredictionMetricsTests
{
    [Fact]
    public void Compute_AnswersTheModelWasNearlySureOf_KeepTheLogLikelihoodsRelativePrecision()
    {
        // 5,000 answers each with probability 1 − 1e-12 of what happened: 5,000 · log1p(−1e-12) = −5.0000000000025e-9.
        // The log of 1 − 1e-12 as a double is 9e-5 off relative, and so was the total (the review of issue 13 found it).
        const int n = 5000;
        var expected = n * -1.0000000000005e-12;
        var nearlyOne = Enumerable.Repeat(1 - 1e-12, n).ToArray();
        var tiny = Enumerable.Repeat(1e-12, n).ToArray();
        PredictionMetrics.Compute(Enumerable.Repeat(true, n).ToArray(), nearlyOne, tiny).LogLikelihood
            .Should().BeApproximately(expected, Math.Abs(expected) * 1e-12);
        PredictionMetrics.Compute(Enumerable.Repeat(false, n).ToArray(), tiny, nearlyOne).LogLikelihood
            .Should().BeApproximately(expected, Math.Abs(expected) * 1e-12);
    }

    [Fact]
    public void Compute_WorkedByHand()
    {
        bool[] y = [true, false, true, false];
        double[] p = [0.8, 0.4, 0.4, 0.5];
        var m = PredictionMetrics.Compute(y, p);

        // Pairs (positive, negative): (0.8,0.4) 1, (0.8,0.5) 1, (0.4,0.4) ½, (0.4,0.5) 0 → 2.5 / 4.
        m.Auc.Should().Be(0.625);
        m.Rmse.Should().BeApproximately(Math.Sqrt((0.04 + 0.16 + 0.36 + 0.25) / 4), 1e-15);
        m.LogLikelihood.Should().BeApproximately(Math.Log(0.8) + Math.Log(0.6) + Math.Log(0.4) + Math.Log(0.5), 1e-15);
        m.LogLoss.Should().BeApproximately(-m.LogLikelihood / 4, 1e-15);
        m.Accuracy.Should().Be(0.75, "0.8 → right (yes), 0.4 → wrong (yes), 0.4 on a right answer (no), 0.5 → wrong (yes)");
        m.Count.Should().Be(4);
        m.CorrectCount.Should().Be(2);
    }

    [Fact]
    public void Property_Auc_EqualsThePairwiseDefinitionWithTies()
    {
        Gen.Select(Gen.Bool, Gen.Int[0, 4]).Array[2, 60].Sample(items =>
        {
            bool[] y = [.. items.Select(i => i.Item1)];
            double[] p = [.. items.Select(i => i.Item2 / 4.0)];
            var positives = y.Count(b => b);
            if (positives == 0 || positives == y.Length)
            {
                double.IsNaN(PredictionMetrics.Compute(y, p).Auc).Should().BeTrue();
                return;
            }

            var wins = 0.0;
            for (var i = 0; i < y.Length; i++)
            {
                for (var j = 0; j < y.Length; j++)
                {
                    if (y[i] && !y[j])
                    {
                        wins += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
                    }
                }
            }

            PredictionMetrics.Compute(y, p).Auc.Should().BeApproximately(wins / (positives * (y.Length - positives)), 1e-12);
        });
    }

    [Fact]
    public void Compute_BadInput_Throws()
    {
        FluentActions.Invoking(() => PredictionMetrics.Compute([true], [0.5, 0.5])).Should().Throw<ArgumentException>().WithMessage("There are 1 answers but 2 predictions.*");
        FluentActions.Invoking(() => PredictionMetrics.Compute([], [])).Should().Throw<ArgumentException>().WithMessage("There is nothing to score: no answers.*");
        FluentActions.Invoking(() => PredictionMetrics.Compute([true, false], [0.5, double.NaN])).Should().Throw<ArgumentOutOfRangeException>().WithMessage("Prediction 1 must be a probability in [0, 1]; got NaN.*");
    }

    [Fact]
    public void Compute_AProbabilityOutsideTheRangeOrAPairNotSummingToOne_IsRefusedNamingIt()
    {
        FluentActions.Invoking(() => PredictionMetrics.Compute([true, false], [0.5, 0.5], [0.5])).Should().ThrowExactly<ArgumentException>()
            .WithParameterName("predictions").WithMessage("There are 2 answers but 2 predictions and 1 P(incorrect) values.*");
        FluentActions.Invoking(() => PredictionMetrics.Compute([true], [1.5])).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("predictions").WithMessage("Prediction 0 must be a probability in [0, 1]; got 1.5.*");
        FluentActions.Invoking(() => PredictionMetrics.Compute([true], [-0.25])).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("predictions").WithMessage("Prediction 0 must be a probability in [0, 1]; got -0.25.*");
        FluentActions.Invoking(() => PredictionMetrics.Compute([true], [0.5], [1.5])).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("incorrectProbabilities").WithMessage("P(incorrect) 0 must be a probability in [0, 1]; got 1.5.*");
        FluentActions.Invoking(() => PredictionMetrics.Compute([true], [0.5], [-0.5])).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("incorrectProbabilities").WithMessage("P(incorrect) 0 must be a probability in [0, 1]; got -0.5.*");
        FluentActions.Invoking(() => PredictionMetrics.Compute([true], [0.5], [0.6])).Should().ThrowExactly<ArgumentException>()
            .WithParameterName("incorrectProbabilities").WithMessage("Prediction 0: P(correct) 0.5 and P(incorrect) 0.6 must sum to 1 (within 1e-9).*");
        FluentActions.Invoking(() => PredictionMetrics.Compute((IEnumerable<ResponsePrediction>)null!)).Should().Throw<ArgumentNullException>()
            .WithParameterName("predictions");
    }

    [Fact]
    public void Compute_ProbabilitiesZeroAndOne_AreTaken()
    {
        // Both answers predicted for sure and right: RMSE 0, log-likelihood 0, accuracy 1 (p = 1 > 0.5; p = 0 is not).
        var metrics = PredictionMetrics.Compute([true, false], [1.0, 0.0], [0.0, 1.0]);

        (metrics.Rmse, metrics.LogLikelihood, metrics.Accuracy, metrics.Auc).Should().Be((0.0, 0.0, 1.0, 1.0));
    }
}
