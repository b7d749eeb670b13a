using System.Globalization;

namespace PersonalizedLearning;

/// <summary>
/// The rule for text people read (titles of competencies, activities and milestones, the name of a deadline): no control
/// character (U+0000-U+001F, U+007F-U+009F) but the white-space ones real text holds: tab, line feed, vertical tab, form
/// feed, carriage return (U+0009-U+000D) and next line (U+0085).
/// </summary>
/// <remarks>
/// <para>A NUL, a bell or an escape in a title is invisible on a page, cuts C strings short, and an escape sequence can
/// rewrite a terminal or a log viewer; no standard a title comes from means one. The white-space controls stay: a CASE
/// item's fullStatement, which becomes its competency's title, is often several lines, and real packages hold form feeds
/// too (Smarter Balanced's high-school math item specifications, a fixture of the tests, in five statements); refusing
/// them would refuse real packages. A host that shows a title on one line folds its breaks there.</para>
/// <para>Unlike an identifier, a title may hold format characters (Unicode category Cf) and the line and paragraph
/// separators: a right-to-left mark or a zero-width joiner is part of how Arabic, Hebrew or an emoji is written, and a
/// title is compared by no one.</para>
/// </remarks>
internal static class DisplayText
{
    /// <summary>The position of the first control character that is not white space (U+0009-U+000D, U+0085); -1 when
    /// there is none (or the text is null).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The position, in UTF-16 units.</returns>
    public static int RefusedControl(string? text)
    {
        if (text is null)
        {
            return -1;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c < ' ' || c is >= '\u007F' and <= '\u009F') && c is not (>= '\t' and <= '\r') and not '\u0085')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Null when the text holds no refused control character; otherwise the problem, naming the first.</summary>
    /// <param name="text">The text.</param>
    /// <param name="what">What the text is, as the message begins: "Competency 'A''s title".</param>
    /// <returns>The problem, or null.</returns>
    public static string? Check(string? text, string what)
    {
        var at = RefusedControl(text);
        return at < 0 ? null : string.Create(CultureInfo.InvariantCulture,
            $"{what} must not hold control characters other than white space (U+0009-U+000D, U+0085); U+{(int)text![at]:X4} is at position {at}.");
    }
}
