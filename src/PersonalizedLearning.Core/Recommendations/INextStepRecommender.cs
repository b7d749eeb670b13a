namespace PersonalizedLearning.Recommendations;

/// <summary>Chooses a learner's next activities and says why.</summary>
/// <remarks>Implementations must be thread-safe and deterministic: the same request gives the same result.</remarks>
public interface INextStepRecommender
{
    /// <summary>Recommends up to <see cref="NextStepRequest.Count"/> activities, best first.</summary>
    /// <param name="request">The learner, the catalog and the options.</param>
    /// <returns>The recommendations, ranked from 1, and the competencies the learner is stuck on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    NextStepResult Recommend(NextStepRequest request);
}
