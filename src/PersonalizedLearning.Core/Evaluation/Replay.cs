using System.Collections.Immutable;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Evaluation;

/// <summary>
/// One-step-ahead replay: each chain of a response log (one learner on one competency) is folded answer by answer
/// through a mastery model, and before each answer the model says what it expects.
/// </summary>
/// <remarks>
/// <para>A model that implements <see cref="ICorrectnessPredictor"/> (knowledge tracing, Elo) gives P(correct) and its
/// estimate. For any other model, P(correct) is its current estimate (a rollup's average score is a success rate),
/// or 0.5 before it has one.</para>
/// <para>Each answer is folded as a formative observation of weight 1, score 1 or 0. Response logs carry order, not
/// time: every observation has the timestamp <see cref="DateTimeOffset.UnixEpoch"/>.</para>
/// <para>Thread-safe: holds no state.</para>
/// </remarks>
public static class Replay
{
    /// <summary>Replays a log through a model.</summary>
    /// <param name="log">The responses.</param>
    /// <param name="model">The model.</param>
    /// <returns>The predictions, one per response, in the order of <see cref="ResponseLog.Responses"/>, with their metrics.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="Competencies.UnknownCompetencyException">The model has no parameters for a competency of the log.</exception>
    public static EvaluationReport Evaluate(ResponseLog log, IMasteryModel model)
        => new(OneStepAhead(log, model));

    /// <summary>The one-step-ahead predictions of a model for every response of a log.</summary>
    /// <param name="log">The responses.</param>
    /// <param name="model">The model.</param>
    /// <returns>One prediction per response, in the order of <see cref="ResponseLog.Responses"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="Competencies.UnknownCompetencyException">The model has no parameters for a competency of the log.</exception>
    /// <exception cref="InvalidOperationException">The model returned an estimate outside [0, 1] or a memory that is not finite.</exception>
    public static ImmutableArray<ResponsePrediction> OneStepAhead(ResponseLog log, IMasteryModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return OneStepAhead(log, _ => model);
    }

    /// <summary>Replays a log with a model chosen per learner, such as a cohort's (<see cref="Mastery.KnowledgeTracing.BktModel.ForCohort"/>).</summary>
    /// <param name="log">The responses.</param>
    /// <param name="modelFor">The model of each learner; called once per chain (learner and competency).</param>
    /// <returns>The predictions, one per response, in the order of <see cref="ResponseLog.Responses"/>, with their metrics.</returns>
    /// <exception cref="ArgumentNullException">An argument is null, or <paramref name="modelFor"/> returned null.</exception>
    /// <exception cref="Competencies.UnknownCompetencyException">A model has no parameters for a competency of the log.</exception>
    public static EvaluationReport Evaluate(ResponseLog log, Func<LearnerId, IMasteryModel> modelFor)
        => new(OneStepAhead(log, modelFor));

    /// <summary>The one-step-ahead predictions for every response of a log, with a model chosen per learner.</summary>
    /// <param name="log">The responses.</param>
    /// <param name="modelFor">The model of each learner; called once per chain (learner and competency).</param>
    /// <returns>One prediction per response, in the order of <see cref="ResponseLog.Responses"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null, or <paramref name="modelFor"/> returned null.</exception>
    /// <exception cref="Competencies.UnknownCompetencyException">A model has no parameters for a competency of the log.</exception>
    /// <exception cref="InvalidOperationException">A model returned an estimate outside [0, 1] or a memory that is not finite.</exception>
    public static ImmutableArray<ResponsePrediction> OneStepAhead(ResponseLog log, Func<LearnerId, IMasteryModel> modelFor)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(modelFor);
        var responses = log.Responses;
        var predictions = new ResponsePrediction[responses.Length];
        var time = DateTimeOffset.UnixEpoch;
        for (var k = 0; k < log.ChainCount; k++)
        {
            var chain = log.Chain(k);
            var learner = responses[chain[0]].Learner;
            var model = modelFor(learner) ?? throw new ArgumentNullException(nameof(modelFor), $"The model function returned null for learner '{learner}'.");
            var predictor = model as ICorrectnessPredictor;
            var state = default(CompetencyState);
            foreach (var i in log.Chain(k))
            {
                var r = responses[i];
                MasteryPrediction expected;
                if (predictor is not null)
                {
                    expected = predictor.Predict(state, r.Competency, r.Activity);
                }
                else
                {
                    var estimate = model.EstimateAt(state, time);
                    expected = new MasteryPrediction(estimate ?? 0.5, estimate ?? double.NaN);
                }

                predictions[i] = new ResponsePrediction(i, r, expected.CorrectProbability, expected.Estimate, expected.IncorrectProbability);
                var outcome = r.Correct ? EvidenceOutcome.Correct : EvidenceOutcome.Incorrect;
                state = EvidenceFolding.Apply(model, state, new MasteryObservation(r.Competency, r.Activity, outcome, 1, EvidenceKind.Formative, time));
            }
        }

        return ImmutableArray.Create(predictions);
    }
}
