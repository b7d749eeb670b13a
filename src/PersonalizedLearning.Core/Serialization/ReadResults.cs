using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace PersonalizedLearning.Serialization;

/// <summary>
/// The checks a result read back from JSON passes before anyone sees it (issue 21): only the library makes results, so
/// a document that says what the library never would (a rank of −7, a score of 99, remediation for nothing) is refused
/// with <see cref="JsonException"/> naming the rule, as the library's other documents are, rather than read as a value
/// that breaks its own documentation. Called from each result's <c>IJsonOnDeserialized.OnDeserialized</c>, so the check
/// runs however the result is read: through <see cref="PersonalizedLearningJson"/>, its options with
/// <see cref="JsonSerializer"/>, or the Orleans codec.
/// </summary>
internal static class ReadResults
{
    public static void Require(bool holds, string noun, string rule)
    {
        if (!holds)
        {
            throw new JsonException($"This {noun} is not one the library makes: {rule}.");
        }
    }

    // The same, with a message formatted only when the rule is broken (RuleText).
    public static void Require(bool holds, string noun, [InterpolatedStringHandlerArgument(nameof(holds))] ref RuleText rule)
    {
        if (!holds)
        {
            Require(holds, noun, rule.ToStringAndClear());
        }
    }

    public static bool IsUnit(double value) => value is >= 0 and <= 1;

    public static bool IsUnit(double? value) => value is null || IsUnit(value.Value);

    public static bool IsNonNegative(double value) => value >= 0 && double.IsFinite(value);

    public static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
