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
        MasteryFixture.Scores(RollupMasteryModel.Latest, scores).Estimate.Should().Be(0.4);
        MasteryFixture.Scores(RollupMasteryModel.Highest, scores).Estimate.Should().Be(0.9);
        MasteryFixture.Scores(RollupMasteryModel.Average, scores).Estimate.Should().BeApproximately(0.5, 1e-15);
    }

    [Fact]
    public void Average_WeighsEvidenceByItsWeight()
    {
        // (3 × 1.0 + 1 × 0.0) / (3 + 1) = 0.75.
        MasteryFixture.Fold(RollupMasteryModel.Average, (1.0, 3), (0.0, 1)).Get("K").Estimate.Should().Be(0.75);
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
        RollupMasteryModel.Latest.Name.Should().Be("latest");
        RollupMasteryModel.DecayingAverage().Parameter.Should().Be(0.65);
        RollupMasteryModel.NumberOfTimes(3, 0.8).Times.Should().Be(3);
        RollupMasteryModel.Average.Method.Should().Be(RollupMethod.Average);
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

    public static TheoryData<string> AllRules() => ["latest", "highest", "average", "weighted", "decaying", "times"];

    private static RollupMasteryModel Rule(string name) => name switch
    {
        "latest" => RollupMasteryModel.Latest,
        "highest" => RollupMasteryModel.Highest,
        "average" => RollupMasteryModel.Average,
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
            MasteryFixture.Scores(RollupMasteryModel.Highest, scores).Estimate.Should().Be(scores.Max());
            MasteryFixture.Scores(RollupMasteryModel.Latest, scores).Estimate.Should().Be(scores[^1]);
        });
    }
}
