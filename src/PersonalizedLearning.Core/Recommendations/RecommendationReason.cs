namespace PersonalizedLearning.Recommendations;

/// <summary>One reason behind a recommendation, as a code and a sentence a UI can show.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RecommendationReason
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    [System.Text.Json.Serialization.JsonConstructor]
    internal RecommendationReason(RecommendationReasonCode Code, string Text)
    {
        this.Code = Code;
        this.Text = Text;
    }

    /// <summary>The machine-readable reason.</summary>
    public RecommendationReasonCode Code { get; internal init; }

    /// <summary>A short human-readable sentence, such as "Ready: all prerequisites mastered".</summary>
    public string Text { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Code">The value of <see cref="Code"/>.</param>
    /// <param name="Text">The value of <see cref="Text"/>.</param>
    public void Deconstruct(out RecommendationReasonCode Code, out string Text)
    {
        Code = this.Code;
        Text = this.Text;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
