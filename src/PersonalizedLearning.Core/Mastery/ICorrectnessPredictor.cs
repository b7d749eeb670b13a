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
/// <remarks>
/// <para>P(incorrect) is carried on its own because 1 − P(correct) loses it when it is small: a prediction of
/// 1 − 1e-17 rounds to 1, and the log-likelihood of the wrong answer that follows would be −∞ instead of about −39.</para>
/// <para>Immutable and thread-safe. The default value predicts 0 for all three.</para>
/// </remarks>
public readonly record struct MasteryPrediction
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>MasteryPrediction { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>A prediction whose P(incorrect) is 1 − P(correct), for models whose P(correct) is never close to 1.</summary>
    /// <param name="correctProbability">P(correct) for the next answer, in [0, 1].</param>
    /// <param name="estimate">The model's estimate of the competency before the answer, in [0, 1]; for knowledge
    /// tracing, P(known).</param>
    public MasteryPrediction(double correctProbability, double estimate)
        : this(correctProbability, 1 - correctProbability, estimate)
    {
    }

    /// <summary>A prediction with P(correct) and P(incorrect) computed separately.</summary>
    /// <param name="correctProbability">P(correct) for the next answer, in [0, 1].</param>
    /// <param name="incorrectProbability">P(incorrect) for the next answer, in [0, 1]; the two sum to 1 up to rounding.</param>
    /// <param name="estimate">The model's estimate of the competency before the answer, in [0, 1]; for knowledge
    /// tracing, P(known).</param>
    public MasteryPrediction(double correctProbability, double incorrectProbability, double estimate)
    {
        CorrectProbability = correctProbability;
        IncorrectProbability = incorrectProbability;
        Estimate = estimate;
    }

    /// <summary>P(correct) for the next answer.</summary>
    /// <value>In [0, 1].</value>
    public double CorrectProbability { get; }

    /// <summary>P(incorrect) for the next answer, computed without cancellation where the model can.</summary>
    /// <value>In [0, 1]; 1 − <see cref="CorrectProbability"/> up to rounding.</value>
    public double IncorrectProbability { get; }

    /// <summary>The model's estimate of the competency before the answer; for knowledge tracing, P(known).</summary>
    /// <value>In [0, 1].</value>
    public double Estimate { get; }

    /// <summary>P(the answer given): <see cref="CorrectProbability"/> for a correct answer,
    /// <see cref="IncorrectProbability"/> for a wrong one.</summary>
    /// <param name="correct">Whether the answer is correct.</param>
    /// <returns>The probability of that answer.</returns>
    public double ProbabilityOf(bool correct) => correct ? CorrectProbability : IncorrectProbability;
}
