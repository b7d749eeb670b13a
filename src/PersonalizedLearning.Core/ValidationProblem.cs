namespace PersonalizedLearning;

/// <summary>
/// One problem found while validating a definition: which item, which rule, and what was wrong.
/// </summary>
/// <param name="Rule">The rule that was broken.</param>
/// <param name="Subject">The item at fault: an identifier, or a relation such as <c>"A -&gt; B"</c>.</param>
/// <param name="Message">A sentence that names the item, the rule and the offending value, and says what to do.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ValidationProblem(ValidationRule Rule, string Subject, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"[{Rule}] {Message}";
}
