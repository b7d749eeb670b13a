namespace PersonalizedLearning.Competencies;

/// <summary>
/// A competency id that the framework, model or report it was given to does not know. The library's one exception for
/// this kind of failure, wherever the id comes from (an argument, a goal, a due review, a piece of evidence, a lookup
/// in a report): catch it to tell a misspelt or stale id from other bad arguments, and read <see cref="Competency"/>
/// for the id. A document read from JSON that names one is refused with <see cref="System.Text.Json.JsonException"/>
/// instead, as every bad document is.
/// </summary>
/// <remarks>An <see cref="ArgumentException"/>: <see cref="ArgumentException.ParamName"/> names the argument that
/// carried the id, when there is one. Thrown only by the library.</remarks>
public sealed class UnknownCompetencyException : ArgumentException
{
    internal UnknownCompetencyException(CompetencyId competency, string message, string? paramName)
        : base(message, paramName)
    {
        Competency = competency;
    }

    /// <summary>The id that is not known.</summary>
    public CompetencyId Competency { get; }
}
