using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Mastery;

/// <summary>
/// A mastery model that can say, before an answer, how likely the learner is to get it right. Knowledge
/// tracing and Elo ratings predict; evaluation replays use it for one-step-ahead metrics, and recommenders use it
/// to aim at a target success rate.
/// </summary>
/// <remarks>Implementations must be immutable, thread-safe and deterministic, like <see cref="IMasteryModel"/>.</remarks>
public interface ICorrectnessPredictor
{
    /// <summary>Predicts the next answer on a competency from the competency's current state.</summary>
    /// <param name="state">The competency's state before the answer (the default value when untouched).</param>
    /// <param name="competency">The competency.</param>
    /// <param name="activity">The activity the answer will be given in, or null when unknown.</param>
    /// <returns>P(correct) and the model's estimate before the answer.</returns>
    MasteryPrediction Predict(in CompetencyState state, CompetencyId competency, ActivityId? activity);
}

/// <summary>What a model expects before an answer.</summary>
/// <param name="CorrectProbability">P(correct) for the next answer, in [0, 1].</param>
/// <param name="Estimate">The model's estimate of the competency before the answer, in [0, 1]; for knowledge tracing, P(known).</param>
/// <remarks>Immutable and thread-safe. The default value predicts 0 for both.</remarks>
public readonly record struct MasteryPrediction(double CorrectProbability, double Estimate);
