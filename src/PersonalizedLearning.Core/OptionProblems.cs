using System.Globalization;
using System.Text;

namespace PersonalizedLearning;

/// <summary>
/// The problems with a set of options or parameters, collected so that one exception names them all (issue 21: options
/// are validated at construction, with every problem at once). Each problem reads <c>name: rule; got value.</c>, values
/// culture-invariant (numbers round-trip); the exception is an <see cref="ArgumentOutOfRangeException"/> whose
/// <see cref="ArgumentException.ParamName"/> is the first bad parameter and whose message is
/// <c>The {what} are not valid: name: rule; got value. name: rule; got value.</c> Nothing is allocated until a check fails.
/// </summary>
/// <remarks>A constructor checks every parameter into one instance, then calls <see cref="ThrowIfAny"/>. An init accessor,
/// which sees one value at a time, calls <see cref="Checked{T}"/>, which throws the same exception for that value alone.</remarks>
internal ref struct OptionProblems
{
    private readonly string _what;
    private string? _first;
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
    /// <exception cref="ArgumentOutOfRangeException">A problem was found.</exception>
    public readonly void ThrowIfAny(string? paramName = null)
    {
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
}
