namespace PersonalizedLearning.Recommendations;

/// <summary>One reason behind a recommendation, as a code and a sentence a UI can show.</summary>
/// <param name="Code">The machine-readable reason.</param>
/// <param name="Text">A short human-readable sentence, such as "Ready: all prerequisites mastered".</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RecommendationReason(RecommendationReasonCode Code, string Text)
{
    /// <inheritdoc />
    public override string ToString() => Text;
}
