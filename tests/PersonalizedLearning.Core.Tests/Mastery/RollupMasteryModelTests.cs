using System.Numerics;
using CsCheck;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Tests.Mastery;

public class RollupMasteryModelTests
{
    // Canvas's examples use rubric scores 1, 2, 3, 4, 5 out of 5.
    private static readonly double[] CanvasScores = [0.2, 0.4, 0.6, 0.8, 1.0];

    [Fact]
    public void WeightedAverage_CanvasExample_Gives4Point125OutOf5()
    {
        // 0.65 × 5 + 0.35 × mean(1, 2, 3, 4) = 3.25 + 0.875 = 4.125.
        var estimate = MasteryFixture.Scores(RollupMasteryModel.WeightedAverage(0.65), CanvasScores).Estimate!.Value;
        (estimate * 5).Should().BeApproximately(4.125, 1e-12);
    }

    [Fact]
    public void DecayingAverage_CanvasExample_GivesAbout4Point47OutOf5()
    {
        // D: 1 → 1.65 → 2.5275 → 3.484625 → 4.46961875 (out of 5), D = 0.35·D + 0.65·s.
        var estimate = MasteryFixture.Scores(RollupMasteryModel.DecayingAverage(0.65), CanvasScores).Estimate!.Value;
        (estimate * 5).Should().BeApproximately(4.46961875, 1e-12);
        Math.Round(estimate * 5, 2).Should().Be(4.47);
    }

    [Fact]
    public void Latest_Highest_Average_WorkedExample()
    {
        double[] scores = [0.2, 0.9, 0.4];
        MasteryFixture.Scores(RollupMasteryModel.Latest(), scores).Estimate.Should().Be(0.4);
        MasteryFixture.Scores(RollupMasteryModel.Highest(), scores).Estimate.Should().Be(0.9);
        MasteryFixture.Scores(RollupMasteryModel.Average(), scores).Estimate.Should().BeApproximately(0.5, 1e-15);
    }

    [Fact]
    public void Average_WeighsEvidenceByItsWeight()
    {
        // (3 × 1.0 + 1 × 0.0) / (3 + 1) = 0.75.
        MasteryFixture.Fold(RollupMasteryModel.Average(), (1.0, 3), (0.0, 1)).Get("K").Estimate.Should().Be(0.75);
    }

    [Fact]
    public void WeightedAverage_OneScoreCountsAlone_TwoScoresMix()
    {
        var model = RollupMasteryModel.WeightedAverage(0.65);
        MasteryFixture.Scores(model, 0.4).Estimate.Should().Be(0.4);
        MasteryFixture.Scores(model, 0.4, 1.0).Estimate.Should().BeApproximately(0.65 + (0.35 * 0.4), 1e-15);
    }

    [Fact]
    public void NumberOfTimes_NoScoreUntilNScoresReachTheThreshold_ThenTheirMean()
    {
        // n = 3, mastery at 3 of 5: scores 1, 4, 3, 2, 5 → (4 + 3 + 5) / 3 = 4 out of 5, reached at the fifth score.
        var model = RollupMasteryModel.NumberOfTimes(3, 0.6);
        MasteryFixture.Scores(model, 0.2, 0.8, 0.6, 0.4).Estimate.Should().BeNull();
        var state = MasteryFixture.Scores(model, 0.2, 0.8, 0.6, 0.4, 1.0);
        state.Estimate!.Value.Should().BeApproximately(0.8, 1e-15);
        state.EvidenceCount.Should().Be(5);
        MasteryFixture.Scores(model, 0.2, 0.8, 0.6, 0.4, 1.0, 0.1).Estimate!.Value.Should().BeApproximately(0.8, 1e-15, "a score below the threshold does not count");
    }

    [Fact]
    public void Names_IdentifyTheRuleAndItsParameters()
    {
        RollupMasteryModel.DecayingAverage(0.65).Name.Should().Be("decaying-average(0.65)");
        RollupMasteryModel.WeightedAverage(0.7).Name.Should().Be("weighted-average(0.7)");
        RollupMasteryModel.NumberOfTimes(3, 0.8).Name.Should().Be("number-of-times(3,0.8)");
        RollupMasteryModel.Latest().Name.Should().Be("latest");
        RollupMasteryModel.DecayingAverage().Parameter.Should().Be(0.65);
        RollupMasteryModel.NumberOfTimes(3, 0.8).Times.Should().Be(3);
        RollupMasteryModel.Average().Method.Should().Be(RollupMethod.Average);
    }

    [Theory]
    [InlineData(0.009)]
    [InlineData(0.991)]
    [InlineData(double.NaN)]
    public void WeightedAverage_WeightOutOfRange_Throws(double w)
    {
        var act = () => RollupMasteryModel.WeightedAverage(w);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("The weighted average's recent weight must be a finite number in [0.01, 0.99]*")
            .And.ParamName.Should().Be("recentWeight");
    }

    [Theory]
    [InlineData(0.49)]
    [InlineData(1.0)]
    [InlineData(double.PositiveInfinity)]
    public void DecayingAverage_DecayOutOfRange_Throws(double d)
    {
        var act = () => RollupMasteryModel.DecayingAverage(d);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("The decaying average's decay must be a finite number in [0.5, 0.99]*")
            .And.ParamName.Should().Be("decay");
    }

    [Theory]
    [InlineData(0, 0.8, "times")]
    [InlineData(11, 0.8, "times")]
    [InlineData(3, 0.0, "masteryThreshold")]
    [InlineData(3, 1.01, "masteryThreshold")]
    [InlineData(3, double.NaN, "masteryThreshold")]
    public void NumberOfTimes_OutOfRange_Throws(int times, double threshold, string parameter)
    {
        var act = () => RollupMasteryModel.NumberOfTimes(times, threshold);
        act.Should().Throw<ArgumentOutOfRangeException>().And.ParamName.Should().Be(parameter);
    }

    // Scores 0.5, 1 and 0.75 with equal weights: the average and the mean of the n = 3 scores at or above 0.5 are
    // 2.25 / 3 = 0.75, and the weighted average is 0.65·0.75 + 0.35·(0.5 + 1)/2 = 0.75.
    public static TheoryData<string, double> MeansAtTheWeightBounds() => new()
    {
        { "average", 1e-6 }, { "average", 1e6 },
        { "weighted", 1e-6 }, { "weighted", 1e6 },
        { "times", 1e-6 }, { "times", 1e6 },
    };

    [Theory]
    [MemberData(nameof(MeansAtTheWeightBounds))]
    public void WeightedMeans_EqualEvidenceWeightsAtTheBounds_GiveTheExactMean(string rule, double weight)
    {
        var model = rule == "times" ? RollupMasteryModel.NumberOfTimes(3, 0.5) : Rule(rule);
        MasteryFixture.Fold(model, (0.5, weight), (1.0, weight), (0.75, weight)).Get("K").Estimate.Should().Be(0.75);
    }

    [Theory]
    [InlineData("average")]
    [InlineData("weighted")]
    [InlineData("times")]
    public void WeightedMeans_ObservationWeightsAtTheBounds_GiveTheMeanToRounding(string rule)
    {
        var model = rule == "times" ? RollupMasteryModel.NumberOfTimes(3, 0.5) : Rule(rule);
        foreach (var weight in new[] { MasteryObservation.MinimumWeight, MasteryObservation.MaximumWeight })
        {
            var state = default(PersonalizedLearning.Learners.CompetencyState);
            foreach (var score in new[] { 0.5, 1.0, 0.75 })
            {
                state = EvidenceFolding.Apply(model, state, new MasteryObservation("K", null, PersonalizedLearning.Observations.EvidenceOutcome.FromScore(score), weight, PersonalizedLearning.Observations.EvidenceKind.Formative, TestData.Start));
            }

            state.Estimate!.Value.Should().BeApproximately(0.75, 2e-16, $"weight {weight}");
        }
    }

    [Theory]
    [InlineData(5e-324)] // the audit's 0.667 instead of 0.75
    [InlineData(1e308)] // the audit's NaN
    public void WeightedMeans_WeightsThatBrokeThem_AreRefusedWhereTheyEnter(double weight)
    {
        FluentActions.Invoking(() => MasteryFixture.Fold(RollupMasteryModel.Average(), (0.5, weight), (1.0, weight), (0.75, weight)))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("Evidence 'e0' must have a weight in [1e-6, 1e6]; got *").And.ParamName.Should().Be("weight");
        FluentActions.Invoking(() => new MasteryObservation(PersonalizedLearning.Observations.EvidenceOutcome.FromScore(0.5), weight, PersonalizedLearning.Observations.EvidenceKind.Formative, TestData.Start))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("An observation's weight must be in [1e-12, 1e12]; got *");
    }

    [Theory]
    [InlineData("average")]
    [InlineData("weighted")]
    [InlineData("times")]
    public void Property_WeightedMeans_AreExactToRounding_ForAnyWeightsInRange(string rule)
    {
        // Referee: the exact rational value of the model's formula over the doubles it was given (BigInteger sums).
        // With n nonnegative terms each running sum is within n·2^-53 relative of exact, so the mean is within
        // (2n + 4)·2^-53 relative, whatever the weights in [1e-12, 1e12].
        var model = rule == "times" ? RollupMasteryModel.NumberOfTimes(1, 0.5) : Rule(rule);
        var weight = Gen.Double[Math.Log(MasteryObservation.MinimumWeight), Math.Log(MasteryObservation.MaximumWeight)]
            .Select(x => Math.Clamp(Math.Exp(x), MasteryObservation.MinimumWeight, MasteryObservation.MaximumWeight));
        var score = Gen.OneOf(Gen.Double[0, 1], Gen.Const(0.0), Gen.Const(1.0), Gen.Const(0.5), Gen.Const(1e-300));
        Gen.Select(score, weight).Array[1, 40].Sample(observations =>
        {
            var state = default(PersonalizedLearning.Learners.CompetencyState);
            foreach (var (s, w) in observations)
            {
                state = EvidenceFolding.Apply(model, state, new MasteryObservation("K", null, PersonalizedLearning.Observations.EvidenceOutcome.FromScore(s), w, PersonalizedLearning.Observations.EvidenceKind.Formative, TestData.Start));
            }

            var exact = ExactRational.Mean(rule, model.Parameter, observations);
            if (exact is null)
            {
                state.Estimate.Should().BeNull();
                return;
            }

            // Relative to the exact mean, plus 1e-300 absolute: a score below about 1e-296 times a weight near 1e-12
            // is subnormal, and only such a product can be off by more than its share (by at most 2^-1074).
            var (error, mean) = ExactRational.Compare(state.Estimate!.Value, exact.Value);
            error.Should().BeLessThanOrEqualTo((((2 * observations.Length) + 4) * Math.ScaleB(1, -53) * mean) + 1e-300, $"estimate {state.Estimate!.Value:R}, exact {mean:R}");
        });
    }

    public static TheoryData<string> AllRules() => ["latest", "highest", "average", "weighted", "decaying", "times"];

    private static RollupMasteryModel Rule(string name) => name switch
    {
        "latest" => RollupMasteryModel.Latest(),
        "highest" => RollupMasteryModel.Highest(),
        "average" => RollupMasteryModel.Average(),
        "weighted" => RollupMasteryModel.WeightedAverage(0.65),
        "decaying" => RollupMasteryModel.DecayingAverage(0.99),
        _ => RollupMasteryModel.NumberOfTimes(2, 0.7),
    };

    private static readonly Gen<(double, double)[]> Evidence =
        Gen.Select(Gen.OneOf(Gen.Double[0, 1], Gen.Const(0.0), Gen.Const(1.0)), Gen.Double[0.001, 10]).Array[1, 30];

    [Theory]
    [MemberData(nameof(AllRules))]
    public void Property_EstimateStaysInTheUnitInterval(string rule)
    {
        var model = Rule(rule);
        Evidence.Sample(evidence =>
        {
            var engine = MasteryFixture.Engine(model);
            var state = engine.CreateLearner("ana");
            for (var i = 0; i < evidence.Length; i++)
            {
                state = engine.Record(state, new PersonalizedLearning.Observations.Evidence($"e{i}", "ana",
                    PersonalizedLearning.Observations.EvidenceOutcome.FromScore(evidence[i].Item1), TestData.Start, competency: "K", weight: evidence[i].Item2));
                if (state.Get("K").Estimate is { } estimate)
                {
                    estimate.Should().BeInRange(0, 1);
                }
            }
        });
    }

    [Fact]
    public void Property_Highest_NeverFalls_AndLatestEqualsTheLastScore()
    {
        Gen.Double[0, 1].Array[1, 20].Sample(scores =>
        {
            MasteryFixture.Scores(RollupMasteryModel.Highest(), scores).Estimate.Should().Be(scores.Max());
            MasteryFixture.Scores(RollupMasteryModel.Latest(), scores).Estimate.Should().Be(scores[^1]);
        });
    }

    /// <summary>Exact arithmetic on doubles: a double is an integer multiple of 2^-1074, a product of two of a
    /// multiple of 2^-2148, and every sum here is kept as an integer at that scale.</summary>
    private static class ExactRational
    {
        private const int One = 1074;

        /// <summary>The model's formula evaluated exactly, as numerator / denominator; null when it gives no score.</summary>
        public static (BigInteger Numerator, BigInteger Denominator)? Mean(string rule, double parameter, (double Score, double Weight)[] observations)
        {
            switch (rule)
            {
                case "average":
                    return (WeightedSum(observations), WeightSum(observations));
                case "times":
                    var reached = observations.Where(o => o.Score >= parameter).ToArray();
                    return reached.Length == 0 ? null : (WeightedSum(reached), WeightSum(reached));
                default:
                    if (observations.Length == 1)
                    {
                        return (Exact(observations[0].Score), BigInteger.One << One);
                    }

                    // p·s_last + (1 − p)·(Σ w_i·s_i / Σ w_i) over the older scores, with the model's p and 1 − p.
                    var older = observations[..^1];
                    var (num, den) = (WeightedSum(older), WeightSum(older));
                    var recent = Exact(parameter) * Exact(observations[^1].Score);
                    return ((recent * den) + ((Exact(1 - parameter) * num) << One), den << (2 * One));
            }
        }

        /// <summary>|value − N/D| and N/D, each rounded to a double.</summary>
        public static (double Error, double Exact) Compare(double value, (BigInteger Numerator, BigInteger Denominator) exact)
        {
            var difference = BigInteger.Abs((Exact(value) * exact.Denominator) - (exact.Numerator << One));
            return (Ratio(difference, exact.Denominator << One), Ratio(exact.Numerator, exact.Denominator));
        }

        private static BigInteger WeightedSum((double Score, double Weight)[] observations)
        {
            var sum = BigInteger.Zero;
            foreach (var (s, w) in observations)
            {
                sum += Exact(w) * Exact(s);
            }

            return sum;
        }

        private static BigInteger WeightSum((double Score, double Weight)[] observations)
        {
            var sum = BigInteger.Zero;
            foreach (var (_, w) in observations)
            {
                sum += Exact(w) << One;
            }

            return sum;
        }

        // value·2^1074 as an integer: exact for every finite double.
        private static BigInteger Exact(double value)
        {
            var bits = BitConverter.DoubleToInt64Bits(value);
            var exponent = (int)((bits >> 52) & 0x7FF);
            var mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
            var magnitude = exponent == 0 ? new BigInteger(mantissa) : new BigInteger(mantissa | (1L << 52)) << (exponent - 1);
            return value < 0 ? -magnitude : magnitude;
        }

        private static double Ratio(BigInteger a, BigInteger b)
        {
            if (a.IsZero)
            {
                return 0;
            }

            // Both shifted to about 1000 bits: the quotient keeps a double's precision and never overflows.
            var shiftA = Math.Max(0, (int)a.GetBitLength() - 1000);
            var shiftB = Math.Max(0, (int)b.GetBitLength() - 1000);
            return Math.ScaleB((double)(a >> shiftA) / (double)(b >> shiftB), shiftA - shiftB);
        }
    }

    [Fact]
    public void Factories_TheEndsOfEachRange_AreTaken()
    {
        RollupMasteryModel.NumberOfTimes(2, 1).Name.Should().Be("number-of-times(2,1)");
        RollupMasteryModel.WeightedAverage(0.01).Name.Should().Be("weighted-average(0.01)");
        RollupMasteryModel.WeightedAverage(0.99).Name.Should().Be("weighted-average(0.99)");
        RollupMasteryModel.DecayingAverage(0.5).Name.Should().Be("decaying-average(0.5)");
        RollupMasteryModel.DecayingAverage(0.99).Name.Should().Be("decaying-average(0.99)");
    }

    [Fact]
    public void NumberOfTimes_AThresholdOutOfRange_IsRefusedWithIt()
    {
        var thrown = FluentActions.Invoking(() => RollupMasteryModel.NumberOfTimes(2, 0)).Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        thrown.ParamName.Should().Be("masteryThreshold");
        thrown.Message.Should().StartWith("The mastery threshold must be a finite number in (0, 1]; got 0. (Parameter 'masteryThreshold')");
    }
}
