using System.Collections.Immutable;

namespace PersonalizedLearning.Recommendations;

/// <summary>Chooses a learner's next activities and says why.</summary>
/// <remarks>Implementations must be thread-safe and deterministic: the same request gives the same list.</remarks>
public interface INextStepRecommender
{
    /// <summary>Recommends up to <see cref="NextStepRequest.Count"/> activities, best first.</summary>
    /// <param name="request">The learner, the catalog and the options.</param>
    /// <returns>The recommendations, ranked from 1; empty when nothing is left to learn.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    ImmutableArray<Recommendation> Recommend(NextStepRequest request);
}
