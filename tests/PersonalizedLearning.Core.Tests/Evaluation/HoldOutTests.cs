using CsCheck;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Evaluation;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Samples;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Evaluation;

public sealed class HoldOutTests(ITestOutputHelper output)
{
    // ann answers 1 1 0 1 on a (rate 0.75); the test log has cat on a (0 1) and dan on b (1), which training lacks.
    private static readonly ResponseLog Training = ResponseLog.Create([R("ann", "a", 1, 1), R("ann", "a", 1, 2), R("ann", "a", 0, 3), R("ann", "a", 1, 4)]);
    private static readonly ResponseLog Test = ResponseLog.Create([R("cat", "a", 0, 1), R("dan", "b", 1, 2), R("cat", "a", 1, 3)]);

    [Fact]
    public void Evaluate_WorkedByHand_ReportsTrainingAndTest()
    {
        var calls = 0;
        BktModel? fitted = null;
        var result = HoldOut.Evaluate(Training, Test, train =>
        {
            calls++;
            return fitted = SuccessRate(train, untrained: 0.5);
        });

        calls.Should().Be(1);
        result.Model.Should().BeSameAs(fitted);
        result.Training.Predictions.Should().HaveCount(4).And.OnlyContain(p => Math.Abs(p.CorrectProbability - 0.75) < 1e-15);
        result.Training.Overall.Rmse.Should().BeApproximately(Math.Sqrt(((3 * 0.0625) + 0.5625) / 4), 1e-15);

        // cat gets a's training rate, 0.75, for both answers; dan gets b's default, 0.5.
        result.Test.Predictions.Select(p => p.CorrectProbability).Should().Equal(0.75, 0.5, 0.75);
        result.Test.Overall.Rmse.Should().BeApproximately(Math.Sqrt((0.5625 + 0.25 + 0.0625) / 3), 1e-15);
        result.Test.Overall.LogLikelihood.Should().BeApproximately(Math.Log(0.25) + Math.Log(0.5) + Math.Log(0.75), 1e-15);
        result.Test.Overall.Auc.Should().Be(0.25, "pairs (right, wrong): dan's 0.5 against cat's wrong 0.75 is 0, cat's right 0.75 against it ½");
    }

    [Fact]
    public void Evaluate_TestCompetencyNotTrainedOn_IsReported_AndNeedsTheFitsDefault()
    {
        HoldOut.Evaluate(Training, Test, t => SuccessRate(t, untrained: 0.5)).UntrainedCompetencies.Should().Equal(new CompetencyId("b"));
        HoldOut.Evaluate(Training, Training, t => SuccessRate(t, untrained: null)).UntrainedCompetencies.Should().BeEmpty();
        FluentActions.Invoking(() => HoldOut.Evaluate(Training, Test, t => SuccessRate(t, untrained: null)))
            .Should().ThrowExactly<UnknownCompetencyException>().WithMessage("The BKT model has no parameters for competency 'b' and no default parameters.")
            .Which.Competency.Should().Be(new CompetencyId("b"));
    }

    [Fact]
    public void Evaluate_BadInput_Throws()
    {
        var calls = 0;
        IMasteryModel Fit(ResponseLog t)
        {
            calls++;
            return SuccessRate(t, 0.5);
        }

        FluentActions.Invoking(() => HoldOut.Evaluate(null!, Test, Fit)).Should().Throw<ArgumentNullException>().WithParameterName("training");
        FluentActions.Invoking(() => HoldOut.Evaluate(Training, null!, Fit)).Should().Throw<ArgumentNullException>().WithParameterName("test");
        FluentActions.Invoking(() => HoldOut.Evaluate(Training, Test, null!)).Should().Throw<ArgumentNullException>().WithParameterName("fit");
        calls.Should().Be(0);
        FluentActions.Invoking(() => HoldOut.Evaluate(Training, Test, _ => null!)).Should().Throw<InvalidOperationException>()
            .WithMessage("The fit function returned null for the training log.");
    }

    [Fact]
    public void Property_Evaluate_IsTheReplayOfBothLogsWithTheFittedModel()
    {
        Gen.Select(Gen.Int[0, 1], Gen.Int[0, 9], Gen.Bool).Array[2, 80].Sample(rows =>
        {
            var all = rows.Select((row, i) => new Response($"l{row.Item2}", $"c{row.Item1}", row.Item3, i)).ToList();
            var training = all.Where(r => r.Learner.Value is "l0" or "l2" or "l4" or "l6" or "l8").ToList();
            var test = all.Except(training).ToList();
            if (training.Count == 0 || test.Count == 0)
            {
                return;
            }

            var trainingLog = ResponseLog.Create(training);
            var testLog = ResponseLog.Create(test);
            var result = HoldOut.Evaluate(trainingLog, testLog, t => SuccessRate(t, 0.5));
            result.Training.Overall.Should().Be(Replay.Evaluate(trainingLog, result.Model).Overall);
            result.Test.Overall.Should().Be(Replay.Evaluate(testLog, result.Model).Overall);
            result.UntrainedCompetencies.Should().Equal(testLog.Competencies.Except(trainingLog.Competencies));
        });
    }

    [SkippableFact]
    public void Evaluate_StaticsDkvmnSplit_FitsTrainAndScoresTest()
    {
        // STATICS 2011 as released with DKVMN (Zhang et al. 2017): the `split` column gives its fixed train and test
        // learners, so figures here can be set beside published tables for that split.
        var parts = ResponseLogCsv.ReadSplit(SharedData.Require("kt/statics2011_dkvmn.csv"), "split");
        parts.Keys.Should().Equal("test", "train");
        BktFitResult? fit = null;

        // pyBKT fits single-class skills (STATICS has some), so we do too; skills only in the test log, if any, get
        // generic parameters (pyBKT would refuse them).
        var result = HoldOut.Evaluate(parts["train"], parts["test"], train =>
        {
            fit = BktFitter.Fit(train, BktFitOptions.Default with { FitSingleClassCompetencies = true });
            return fit.ToModel(new BktParameters(0.5, 0.1, 0.2, 0.1), allowDegenerate: true);
        });

        output.WriteLine($"train ({parts["train"].LearnerCount} learners): {result.Training.Overall}");
        output.WriteLine($"test ({parts["test"].LearnerCount} learners): {result.Test.Overall}");
        output.WriteLine($"test competencies not in training: {result.UntrainedCompetencies.Length} ({string.Join(", ", result.UntrainedCompetencies)})");
        result.Training.Overall.Count.Should().Be(130_184);
        result.Test.Overall.Count.Should().Be(59_113);
        result.Training.Overall.LogLikelihood.Should().BeApproximately(fit!.LogLikelihood, 1e-6 * Math.Abs(fit.LogLikelihood), "replaying the training log gives the fit's own likelihood");
        result.Test.Overall.Auc.Should().BeGreaterThan(0.65, "BKT on held-out STATICS learners predicts well above chance");
        result.Test.Overall.Auc.Should().BeLessThan(result.Training.Overall.Auc + 0.02, "held-out learners are not predicted much better than the training ones");
    }

    private static Response R(string learner, string competency, int correct, long order) => Response.FromOutcome(learner, competency, correct, order);

    /// <summary>A "fit" that predicts each training competency's share of correct answers (prior 1, no learning, slip
    /// 1 − rate), and a given rate, or nothing, for competencies it was not trained on.</summary>
    private static BktModel SuccessRate(ResponseLog train, double? untrained)
        => new(
            train.Responses.GroupBy(r => r.Competency).Select(g => new BktCompetencyParameters(g.Key, BktParameters.FromEstimates(1, 0, 0, 1 - ((double)g.Count(r => r.Correct) / g.Count())))),
            untrained is { } rate ? BktParameters.FromEstimates(1, 0, 0, 1 - rate) : null,
            allowDegenerate: true);
}
