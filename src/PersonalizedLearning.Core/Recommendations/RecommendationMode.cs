namespace PersonalizedLearning.Recommendations;

/// <summary>What kind of list the learner asks for.</summary>
/// <remarks>The default value is <see cref="Choices"/>.</remarks>
public enum RecommendationMode
{
    /// <summary>Up to K choices for different competencies, so that the learner picks (student agency). When there are
    /// fewer candidate competencies than K, the rest are filled with further activities, new modalities first.</summary>
    Choices,

    /// <summary>The single best next activity.</summary>
    BestNext,

    /// <summary>The K best activities, even several for one competency: by tier (see <see cref="AdaptiveRecommender"/>), then by score.</summary>
    Ranked,
}
