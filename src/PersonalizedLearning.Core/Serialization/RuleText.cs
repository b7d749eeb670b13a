using System.Globalization;
using System.Runtime.CompilerServices;

namespace PersonalizedLearning.Serialization;

/// <summary>
/// The message of a rule a document must keep, formatted only when the rule is broken: an interpolated string passed
/// with the rule's condition (<see cref="ReadResults.Require(bool, string, ref RuleText)"/>) builds nothing, and evaluates
/// none of its holes, while the condition holds. Reading a playlist checks a dozen rules per step, each with a message
/// that joins the step's activities; formatted eagerly they cost more than the rest of the read (JsonBenchmarks).
/// Culture-invariant, as every message of the library.
/// </summary>
[InterpolatedStringHandler]
internal ref struct RuleText
{
    private DefaultInterpolatedStringHandler _text;

    public RuleText(int literalLength, int formattedCount, bool holds, out bool shouldAppend)
    {
        shouldAppend = !holds;
        _text = shouldAppend ? new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture) : default;
    }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

    public void AppendFormatted(string? value) => _text.AppendFormatted(value);

    public string ToStringAndClear() => _text.ToStringAndClear();
}
