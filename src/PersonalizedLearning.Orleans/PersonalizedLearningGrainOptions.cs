namespace PersonalizedLearning.Orleans;

/// <summary>How the learner and class grains behave; set through
/// <see cref="PersonalizedLearningGrains.AddPersonalizedLearningGrains"/>.</summary>
/// <remarks>Read once per grain activation; change it before the silo starts.</remarks>
public sealed class PersonalizedLearningGrainOptions
{
    /// <summary>Pieces of evidence without mastery that flag a learner as stuck in a class view
    /// (<see cref="Insights.ClassOverview.Create"/>); at least 1, or null for the engine's own rule.</summary>
    /// <value>Null (the default): the count the engine's recommender flags stuck learners at
    /// (<see cref="Recommendations.RecommenderOptions.WheelSpinningAttempts"/> of an
    /// <see cref="Recommendations.AdaptiveRecommender"/>; 10, Beck and Gong 2013, for another recommender), so that a
    /// class view and a learner's <see cref="Recommendations.NextStepResult.Stuck"/> name the same learners. Set it only to
    /// flag learners for teachers at another count than the recommender's.</value>
    public int? WheelSpinningAttempts { get; set; }

    // The count in force for an engine: the option when set, else the engine's recommender's.
    internal int AttemptsFor(PersonalizedLearningEngine engine) =>
        WheelSpinningAttempts ?? (engine.Recommender as Recommendations.AdaptiveRecommender ?? Recommendations.AdaptiveRecommender.Default).Options.WheelSpinningAttempts;

    /// <summary>How many learners a class grain asks for their mastery at once when it activates; in [1, 1000]. Default 64.</summary>
    public int ClassActivationFanOut { get; set; } = 64;

    /// <inheritdoc />
    public override string ToString() => $"PersonalizedLearningGrainOptions {{ WheelSpinningAttempts = {(WheelSpinningAttempts is { } attempts ? attempts.ToString(System.Globalization.CultureInfo.InvariantCulture) : "the engine's")}, ClassActivationFanOut = {ClassActivationFanOut} }}";
}
