using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace PersonalizedLearning;

/// <summary>
/// The problems with a set of options or parameters, collected so that one exception names them all (issue 21: options
/// are validated at construction, with every problem at once). Each problem reads <c>name: rule; got value.</c>, values
/// culture-invariant (numbers round-trip); the exception is an <see cref="ArgumentOutOfRangeException"/> whose
/// <see cref="ArgumentException.ParamName"/> is the first bad parameter and whose message is
/// <c>The {what} are not valid: name: rule; got value. name: rule; got value.</c> Nothing is allocated until a check fails.
/// A required argument that is null (<see cref="RequireNotNull"/>) is listed with the others, and then the exception is
/// an <see cref="ArgumentNullException"/> named after it, so that a caller who catches that type still does.
/// A rule bounded by another option (<see cref="RequireBetween{T}"/>) is checked against that option only when the other
/// is valid itself: an empty or inverted range ("[1, 0]", "[0, NaN]") would blame a valid value for the other's problem.
/// </summary>
/// <remarks>A constructor checks every parameter into one instance, then calls <see cref="ThrowIfAny"/>. An init accessor,
/// which sees one value at a time, calls <see cref="Checked{T}"/>, which throws the same exception for that value alone.</remarks>
internal ref struct OptionProblems
{
    private readonly string _what;
    private string? _first;
    private string? _firstNull;
    private StringBuilder? _text;

    /// <summary>Starts an empty list of problems.</summary>
    /// <param name="what">What is checked, plural, as it reads after "The": "recommender options", "BKT parameters".</param>
    public OptionProblems(string what) => _what = what;

    /// <summary>Whether a problem was found.</summary>
    public readonly bool Any => _first is not null;

    /// <summary>Adds a problem unless <paramref name="holds"/>.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="holds">Whether the rule holds.</param>
    /// <param name="name">The parameter's name.</param>
    /// <param name="rule">The rule, as a clause: "the target success must be in (0, 1)".</param>
    /// <param name="got">The value given.</param>
    public void Require<T>(bool holds, string name, string rule, T got)
    {
        if (!holds)
        {
            Add(name, rule, Format(got));
        }
    }

    /// <summary>Adds a problem for each value listed more than once, in the order of their first appearance, naming the
    /// value by name and how many times it is listed: <c>got Practice 2 times</c>.</summary>
    /// <typeparam name="T">The values' type, an enum.</typeparam>
    /// <param name="values">The values given.</param>
    /// <param name="name">The parameter's name.</param>
    /// <param name="rule">The rule, as a clause: "every activity kind must be listed once".</param>
    public void RequireEachOnce<T>(ImmutableArray<T> values, string name, string rule)
        where T : struct, Enum
    {
        if (values.Length < 2)
        {
            return;
        }

        foreach (var repeated in values.GroupBy(v => v).Where(g => g.Count() > 1))
        {
            Add(name, rule, $"{repeated.Key} {Format(repeated.Count())} times");
        }
    }

    /// <summary>Adds a problem when a required argument is null; the exception is then an
    /// <see cref="ArgumentNullException"/> named after the first such argument, still listing every problem.</summary>
    /// <param name="value">The argument.</param>
    /// <param name="name">The parameter's name.</param>
    /// <param name="rule">The rule, as a clause: "the pacing options are required".</param>
    public void RequireNotNull(object? value, string name, string rule)
    {
        if (value is null)
        {
            _firstNull ??= name;
            Add(name, rule, "null");
        }
    }

    /// <summary>Adds a problem unless <paramref name="low"/> ≤ <paramref name="value"/> ≤ <paramref name="high"/>, where
    /// <paramref name="high"/> is another option's value. When that option is not valid itself (its own problem is
    /// reported), <paramref name="value"/> is checked against <paramref name="low"/> and <paramref name="ceiling"/>
    /// alone, so that a valid value is not reported against an empty or inverted range.</summary>
    /// <typeparam name="T">The values' type.</typeparam>
    /// <param name="value">The value given.</param>
    /// <param name="low">The lowest allowed value.</param>
    /// <param name="high">The other option's value, the highest allowed when it is valid.</param>
    /// <param name="highIsValid">Whether the other option is valid.</param>
    /// <param name="ceiling">The highest value allowed whatever the other option is, or null for none.</param>
    /// <param name="name">The parameter's name.</param>
    /// <param name="subject">What the value is, as it begins the rule: "the minimum timed evidence", "the return adherence".</param>
    /// <param name="kind">What the value must be, as it reads after "must be": "a share", or empty.</param>
    /// <param name="highName">The other option, as the rule names it: "the pace window".</param>
    public void RequireBetween<T>(T value, T low, T high, bool highIsValid, T? ceiling, string name, string subject, string kind, string highName)
        where T : struct, INumber<T>
    {
        var be = kind.Length == 0 ? "must be" : $"must be {kind}";
        if (highIsValid)
        {
            if (!(value >= low && value <= high))
            {
                Add(name, $"{subject} {be} in [{Format(low)}, {Format(high)}] ({highName})", Format(value));
            }
        }
        else if (!(value >= low && (ceiling is not { } c || value <= c)))
        {
            var range = ceiling is { } top ? $"in [{Format(low)}, {Format(top)}]" : $"at least {Format(low)}";
            Add(name, $"{subject} {be} {range} (and at most {highName}, which is not valid itself)", Format(value));
        }
    }

    /// <summary>Adds a problem.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="rule">The rule, as a clause.</param>
    /// <param name="got">The value given, as text.</param>
    public void Add(string name, string rule, string got)
    {
        _first ??= name;
        (_text ??= new StringBuilder()).Append(' ').Append(name).Append(": ").Append(rule).Append("; got ").Append(got).Append('.');
    }

    /// <summary>Throws one exception that lists every problem, if there is one.</summary>
    /// <param name="paramName">The exception's parameter name when it is not the first bad value's: the argument that
    /// carries them all, for values checked where they are used.</param>
    /// <exception cref="ArgumentNullException">A required argument is null (<see cref="RequireNotNull"/>); the message
    /// lists every problem.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Another problem was found.</exception>
    public readonly void ThrowIfAny(string? paramName = null)
    {
        if (_firstNull is not null)
        {
            throw new ArgumentNullException(paramName ?? _firstNull, $"The {_what} are not valid:{_text}");
        }

        if (_first is not null)
        {
            throw new ArgumentOutOfRangeException(paramName ?? _first, $"The {_what} are not valid:{_text}");
        }
    }

    /// <summary>The value, when the rule holds: for an init accessor.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value given.</param>
    /// <param name="holds">Whether the rule holds.</param>
    /// <param name="what">What is checked, plural: "BKT fit options".</param>
    /// <param name="name">The property's name.</param>
    /// <param name="rule">The rule, as a clause.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rule does not hold.</exception>
    public static T Checked<T>(T value, bool holds, string what, string name, string rule)
    {
        if (!holds)
        {
            var problems = new OptionProblems(what);
            problems.Add(name, rule, Format(value));
            problems.ThrowIfAny();
        }

        return value;
    }

    /// <summary>A value as the messages show it: numbers round-trip and culture-invariant, durations as <c>d.hh:mm:ss</c>.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string Format<T>(T value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        Enum e => e.ToString("D"),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>A span of ticks that may be longer than <see cref="TimeSpan.MaxValue"/>, as the messages show it: as a
    /// duration when it fits one, otherwise in whole days.</summary>
    /// <param name="ticks">The ticks.</param>
    /// <returns>The text.</returns>
    public static string FormatTicks(Int128 ticks)
        => ticks >= TimeSpan.MinValue.Ticks && ticks <= TimeSpan.MaxValue.Ticks ? Format(TimeSpan.FromTicks((long)ticks))
            : string.Create(CultureInfo.InvariantCulture, $"{ticks / TimeSpan.TicksPerDay:N0} days");
}
