using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Mastery;

/// <summary>What a mastery model computes when it folds one observation: the new estimate and the new memory.</summary>
/// <param name="Estimate">The estimate in [0, 1], or null when the model has no score yet.</param>
/// <param name="Memory">What the model keeps for the next observation.</param>
/// <remarks>Immutable and thread-safe. The default value is "no score yet, empty memory".</remarks>
public readonly record struct MasteryStep(double? Estimate, MasteryMemory Memory)
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>MasteryStep { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);
}
