namespace PersonalizedLearning.Recommendations;

/// <summary>One reason behind a recommendation, as a code and a sentence a UI can show.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RecommendationReason : System.Text.Json.Serialization.IJsonOnDeserialized
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    [System.Text.Json.Serialization.JsonConstructor]
    internal RecommendationReason(RecommendationReasonCode Code, string Text)
    {
        this.Code = Code;
        this.Text = Text;
    }

    /// <summary>The machine-readable reason.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public RecommendationReasonCode Code { get; internal init; }

    /// <summary>A short human-readable sentence, such as "Ready: all prerequisites mastered".</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
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

    /// <summary>Refuses a reason read from JSON that the library would not give.</summary>
    /// <exception cref="System.Text.Json.JsonException">A rule is broken; the message names it.</exception>
    void System.Text.Json.Serialization.IJsonOnDeserialized.OnDeserialized()
    {
        Serialization.ReadResults.Require(Enum.IsDefined(Code), "recommendation reason", $"its code {(int)Code} is not one of the enumeration's values");
        Serialization.ReadResults.Require(!string.IsNullOrWhiteSpace(Text), "recommendation reason", "its text is blank");
    }
}
