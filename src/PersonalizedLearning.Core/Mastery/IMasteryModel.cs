using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Mastery;

/// <summary>
/// A strategy that turns evidence into a per-competency estimate in [0, 1]. A model holds only its
/// parameters; what it knows about a learner lives in <see cref="CompetencyState"/> and is passed in.
/// </summary>
/// <remarks>
/// <para>Folding is O(1) per observation: the model reads the state, including its own
/// <see cref="MasteryMemory"/>, and returns the next estimate and memory. The engine maintains the evidence
/// count and timestamps, and rejects a step whose estimate lies outside [0, 1] or whose memory is not finite.</para>
/// <para>Rollup rules (<see cref="RollupMasteryModel"/>) use the memory for running sums; probabilistic
/// models (knowledge tracing, Elo ratings, retention) keep a probability, a rating and a count, or a
/// stability in the same four slots, and may make the estimate depend on time through <see cref="EstimateAt"/>.</para>
/// <para>Implementations must be immutable and thread-safe, and deterministic: the same state and
/// observation always give the same step.</para>
/// </remarks>
public interface IMasteryModel
{
    /// <summary>A stable name that identifies the model and its parameters, such as <c>decaying-average(0.65)</c>.
    /// Learner states record it, so a state folded by one model is not read by another.</summary>
    string Name { get; }

    /// <summary>What the estimate is called in explanations, such as <c>decaying average</c>.</summary>
    string EstimateLabel { get; }

    /// <summary>Folds one observation into a competency's state.</summary>
    /// <param name="state">The competency's state before the observation.</param>
    /// <param name="observation">The observation.</param>
    /// <returns>The estimate and memory after it.</returns>
    MasteryStep Update(in CompetencyState state, in MasteryObservation observation);

    /// <summary>The estimate at a moment, for models whose estimate changes with time (forgetting).</summary>
    /// <param name="state">The competency's state.</param>
    /// <param name="asOf">The moment.</param>
    /// <returns>The estimate in [0, 1], or null when there is none.</returns>
    /// <remarks>The default returns <see cref="CompetencyState.Estimate"/>, which suits models that do not forget. Like
    /// <see cref="Update"/> it must be deterministic: a learner state keeps the assessment made from it at a moment and
    /// answers the same moment from it again (for this library's own models, which do not override this method, any
    /// later moment too).</remarks>
    double? EstimateAt(in CompetencyState state, DateTimeOffset asOf) => state.Estimate;
}
