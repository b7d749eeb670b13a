namespace PersonalizedLearning.Activities;

/// <summary>
/// An activity id that the catalog or report it was given to does not know. The library's one exception for this kind
/// of failure, wherever the id comes from (an argument, a filter, a piece of evidence, a policy's choice, a lookup in a
/// report): catch it to tell a misspelt or stale id from other bad arguments, and read <see cref="Activity"/> for the
/// id. A document read from JSON that names one is refused with <see cref="System.Text.Json.JsonException"/> instead,
/// as every bad document is.
/// </summary>
/// <remarks>An <see cref="ArgumentException"/>: <see cref="ArgumentException.ParamName"/> names the argument that
/// carried the id, when there is one. Thrown only by the library.</remarks>
public sealed class UnknownActivityException : ArgumentException
{
    internal UnknownActivityException(ActivityId activity, string message, string? paramName)
        : base(message, paramName)
    {
        Activity = activity;
    }

    /// <summary>The id that is not known.</summary>
    public ActivityId Activity { get; }
}
