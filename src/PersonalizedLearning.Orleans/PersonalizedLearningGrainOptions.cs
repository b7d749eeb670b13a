namespace PersonalizedLearning.Orleans;

/// <summary>How the learner and class grains behave; set through
/// <see cref="PersonalizedLearningGrains.AddPersonalizedLearningGrains"/>.</summary>
/// <remarks>Read once per grain activation; change it before the silo starts.</remarks>
public sealed class PersonalizedLearningGrainOptions
{
    /// <summary>Pieces of evidence without mastery that flag a learner as stuck in a class view
    /// (<see cref="Insights.ClassOverview.Create"/>); at least 1. Default 10 (Beck and Gong 2013).</summary>
    public int WheelSpinningAttempts { get; set; } = 10;

    /// <summary>How many learners a class grain asks for their mastery at once when it activates; in [1, 1000]. Default 64.</summary>
    public int ClassActivationFanOut { get; set; } = 64;

    /// <inheritdoc />
    public override string ToString() => $"PersonalizedLearningGrainOptions {{ WheelSpinningAttempts = {WheelSpinningAttempts}, ClassActivationFanOut = {ClassActivationFanOut} }}";
}
