using PersonalizedLearning.Evaluation;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Simulation;

namespace PersonalizedLearning.Tests.Evaluation;

public sealed class ReplayTests
{
    private static readonly BktParameters Truth = new(0.3, 0.15, 0.2, 0.1);

    [Fact]
    public void OneStepAhead_Bkt_PredictsEachAnswerFromTheAnswersBeforeIt()
    {
        // Ana answers k right then wrong; Ben answers once. Orders interleave, and the log is not in order.
        var log = ResponseLog.Create([new Response("ana", "k", false, 5), new Response("ben", "k", true, 2), new Response("ana", "k", true, 1)]);
        var predictions = Replay.OneStepAhead(log, new BktModel([new BktCompetencyParameters("k", Truth)]));

        predictions.Select(p => p.Index).Should().Equal(0, 1, 2);
        predictions[2].CorrectProbability.Should().BeApproximately(0.41, 1e-15);
        predictions[2].Estimate.Should().Be(0.3);
        predictions[1].CorrectProbability.Should().BeApproximately(0.41, 1e-15, "Ben's chain is his own");
        var known = 29.1 / 41;
        predictions[0].Estimate.Should().BeApproximately(known, 1e-15);
        predictions[0].CorrectProbability.Should().BeApproximately((known * 0.9) + ((1 - known) * 0.2), 1e-15);
    }

    [Fact]
    public void OneStepAhead_ModelWithoutPredictions_UsesItsEstimateOrOneHalf()
    {
        var log = ResponseLog.Create([new Response("ana", "k", true, 1), new Response("ana", "k", false, 2), new Response("ana", "k", true, 3)]);
        var predictions = Replay.OneStepAhead(log, RollupMasteryModel.Average());
        predictions.Select(p => p.CorrectProbability).Should().Equal(0.5, 1.0, 0.5);
        double.IsNaN(predictions[0].Estimate).Should().BeTrue();
        // The estimate itself is kept: the average of 1 is 1, of 1 and 0 is 0.5.
        predictions.Skip(1).Select(p => p.Estimate).Should().Equal(1.0, 0.5);
    }

    [Fact]
    public void Property_LearnerOrderDoesNotChangeAnything()
    {
        var log = BktResponseSimulator.Simulate([new BktCompetencyParameters("a", Truth), new BktCompetencyParameters("b", Truth)], 30, 5, seed: 2);
        var shuffled = ResponseLog.Create(log.Responses.Reverse());
        var model = new BktModel([new BktCompetencyParameters("a", Truth), new BktCompetencyParameters("b", new BktParameters(0.5, 0.1, 0.25, 0.05))]);
        var original = Replay.Evaluate(log, model);
        var reversed = Replay.Evaluate(shuffled, model);
        reversed.Overall.Auc.Should().Be(original.Overall.Auc);
        reversed.Overall.LogLikelihood.Should().BeApproximately(original.Overall.LogLikelihood, 1e-9, "only the order of the sum differs");
        reversed.Predictions.Select(p => (p.Response.Order, p.CorrectProbability)).Order()
            .Should().Equal(original.Predictions.Select(p => (p.Response.Order, p.CorrectProbability)).Order());
        original.ByCompetency.Keys.Select(k => k.Value).Should().Equal("a", "b");
    }

    [Fact]
    public void CrossValidation_SplitsByLearner_AndScoresEveryResponseOnce()
    {
        var log = BktResponseSimulator.Simulate([new BktCompetencyParameters("k", Truth)], 100, 6, seed: 8);
        var folds = CrossValidation.AssignFolds(log, 5, seed: 1);
        folds.Should().HaveCount(100);
        folds.Values.GroupBy(f => f).Select(g => g.Count()).Should().AllBeEquivalentTo(20);
        CrossValidation.AssignFolds(log, 5, seed: 1).Should().Equal(folds);
        CrossValidation.AssignFolds(log, 5, seed: 2).Should().NotEqual(folds);

        var result = CrossValidation.Run(log, 5, train => BktFitter.Fit(train, BktFitOptions.Default with { Restarts = 2 }).ToModel(), seed: 1);
        result.Folds.Should().HaveCount(5);
        result.Folds.Sum(f => f.Predictions.Length).Should().Be(log.Count);
        foreach (var (fold, report) in result.Folds.Select((r, i) => (i, r)))
        {
            report.Predictions.Should().OnlyContain(p => folds[p.Response.Learner] == fold);
        }

        result.Overall.Auc.Should().BeGreaterThan(0.6, "a model fitted on other learners of the same population predicts well");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(101)]
    public void CrossValidation_BadFoldCount_Throws(int folds)
    {
        var log = BktResponseSimulator.Simulate([new BktCompetencyParameters("k", Truth)], 100, 2, seed: 8);
        FluentActions.Invoking(() => CrossValidation.AssignFolds(log, folds)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage($"The number of folds must be at least 2 and at most the number of learners (100); got {folds}.*");
    }

    [Fact]
    public void OneStepAhead_NullModelOrModelFunction_OrANullModelReturned_ThrowsArgumentNullNamingIt()
    {
        var log = ResponseLog.Create([new Response("ana", "k", true, 1)]);

        FluentActions.Invoking(() => Replay.OneStepAhead(log, (IMasteryModel)null!)).Should().Throw<ArgumentNullException>().WithParameterName("model");
        FluentActions.Invoking(() => Replay.OneStepAhead(log, (Func<LearnerId, IMasteryModel>)null!)).Should().Throw<ArgumentNullException>().WithParameterName("modelFor");
        FluentActions.Invoking(() => Replay.OneStepAhead(log, _ => null!)).Should().Throw<ArgumentNullException>().WithParameterName("modelFor")
            .WithMessage("The model function returned null for learner 'ana'.*");
    }
}
