using PersonalizedLearning.Activities;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Simulation;

namespace PersonalizedLearning.Recommendations;

/// <summary>Runs a next-step recommender in a simulation: the learner takes the single best next step, with their goals,
/// their recent history and the mastery model as predictor when it predicts.</summary>
/// <param name="recommender">The recommender; <see cref="AdaptiveRecommender.Default"/> when null.</param>
/// <param name="name">The name in reports; "adaptive recommender" when null.</param>
/// <remarks>Immutable and thread-safe when the recommender is.</remarks>
public sealed class RecommenderPolicy(INextStepRecommender? recommender = null, string? name = null) : ISimulationPolicy
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>RecommenderPolicy { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>The recommender.</summary>
    public INextStepRecommender Recommender { get; } = recommender ?? AdaptiveRecommender.Default;

    /// <inheritdoc />
    public string Name { get; } = name ?? "adaptive recommender";

    /// <inheritdoc />
    public ActivityId? Choose(SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = new NextStepRequest(context.Catalog, context.Mastery, 1, context.Profile)
        {
            Predictor = context.Model as ICorrectnessPredictor,
            History = context.History,
            Mode = RecommendationMode.BestNext,
        };
        var steps = Recommender.Recommend(request).Steps;
        return steps.IsEmpty ? (ActivityId?)null : steps[0].Activity.Id;
    }
}
