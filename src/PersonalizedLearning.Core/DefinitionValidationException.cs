using System.Collections.Immutable;

namespace PersonalizedLearning;

/// <summary>
/// Thrown when a competency framework or an activity catalog cannot be built because its definition
/// breaks one or more rules. Every problem found is reported at once in <see cref="Problems"/>.
/// </summary>
/// <remarks>
/// Derives from <see cref="InvalidOperationException"/>: building from an invalid definition is an
/// operation that cannot proceed in the builder's current state. Nothing is built when it is thrown.
/// Instances are immutable and thread-safe.
/// </remarks>
public sealed class DefinitionValidationException : InvalidOperationException
{
    /// <summary>Creates the exception for a non-empty list of problems.</summary>
    /// <param name="definition">What was being built, such as <c>"competency framework"</c>.</param>
    /// <param name="problems">Every problem found; must not be empty.</param>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="problems"/> is empty.</exception>
    public DefinitionValidationException(string definition, ImmutableArray<ValidationProblem> problems)
        : base(FormatMessage(definition, problems))
    {
        Definition = definition;
        Problems = problems;
    }

    /// <summary>What was being built, such as <c>"competency framework"</c> or <c>"activity catalog"</c>.</summary>
    public string Definition { get; }

    /// <summary>Every problem found, in the order the checks ran.</summary>
    public ImmutableArray<ValidationProblem> Problems { get; }

    private static string FormatMessage(string definition, ImmutableArray<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (problems.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A validation exception needs at least one problem.", nameof(problems));
        }

        var lines = string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
        var noun = problems.Length == 1 ? "problem" : "problems";
        return $"The {definition} is not valid; {problems.Length} {noun} found:{Environment.NewLine}{lines}";
    }
}
