namespace PersonalizedLearning.Learners;

/// <summary>
/// Four numbers a mastery model keeps per competency between pieces of evidence: a running average,
/// a knowledge probability, a rating and its count, a memory stability. Which slot means what belongs
/// to the model that wrote it, and <see cref="LearnerState.Model"/> records that model.
/// </summary>
/// <param name="Value0">The first slot.</param>
/// <param name="Value1">The second slot.</param>
/// <param name="Value2">The third slot.</param>
/// <param name="Value3">The fourth slot.</param>
/// <remarks>
/// A fixed-size value, so folding evidence into a competency allocates nothing. The default value has all
/// four slots 0, which every model reads as "nothing seen yet". Immutable and thread-safe.
/// </remarks>
public readonly record struct MasteryMemory(double Value0, double Value1 = 0, double Value2 = 0, double Value3 = 0)
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>MasteryMemory { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);
}
