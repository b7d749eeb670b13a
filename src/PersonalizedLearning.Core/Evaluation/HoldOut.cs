using System.Collections.Immutable;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Evaluation;

/// <summary>
/// Train/test evaluation of a given split: fit on a training log, replay both logs with the fitted model, and report
/// both, so results can be set beside published tables that use a fixed split (such as STATICS 2011's train and test
/// learners in the DKVMN release).
/// </summary>
/// <remarks>
/// <para>This is pyBKT's <c>model.fit(data = train)</c> followed by <c>model.evaluate(data = test)</c>
/// (<c>pyBKT/models/Model.py</c>: <c>Model.fit</c>, <c>Model.evaluate</c>): each chain of each log is replayed one
/// step ahead (<see cref="Replay"/>) from the model's initial state. A split of one learner's answers into earlier
/// training and later test answers therefore starts the test chain afresh, without the belief the training answers
/// built.</para>
/// <para>Thread-safe: holds no state.</para>
/// </remarks>
public static class HoldOut
{
    /// <summary>Fits a model on a training log and evaluates it on the training log and on a test log.</summary>
    /// <param name="training">The answers to fit on.</param>
    /// <param name="test">The held-out answers. Its learners may or may not also be in <paramref name="training"/>;
    /// nothing is checked, as a split by answer is legitimate.</param>
    /// <param name="fit">Builds a model from the training log; called once. It decides what a competency of the test
    /// log that the training log lacks gets: for BKT, give default parameters
    /// (<see cref="Mastery.KnowledgeTracing.BktFitResult.ToModel"/>'s <c>defaultParameters</c>), or the replay fails.
    /// Such competencies are listed in <see cref="HoldOutResult.UntrainedCompetencies"/>.</param>
    /// <returns>The fitted model, its training and test reports, and the test competencies it was not trained on.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="fit"/> returned null.</exception>
    /// <exception cref="Competencies.UnknownCompetencyException">The model has no parameters for a competency of the test log (one the
    /// training log lacks, with no default parameters).</exception>
    public static HoldOutResult Evaluate(ResponseLog training, ResponseLog test, Func<ResponseLog, IMasteryModel> fit)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(fit);
        var model = fit(training) ?? throw new InvalidOperationException("The fit function returned null for the training log.");
        var testReport = Replay.Evaluate(test, model);
        var trained = training.Competencies.ToHashSet();
        return new HoldOutResult(model, Replay.Evaluate(training, model), testReport, [.. test.Competencies.Where(c => !trained.Contains(c))]);
    }
}
