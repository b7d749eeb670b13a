using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace PersonalizedLearning.Interop;

/// <summary>
/// The value rules of identifiers the standards share: absolute IRIs (RFC 3987, which xAPI's verb, activity and account
/// identifiers are and CASE's URIs are a case of) and language tags (RFC 5646, the keys of xAPI's language maps).
/// </summary>
/// <remarks>
/// <para>An absolute IRI here: a scheme (RFC 3986 §3.1: a letter, then letters, digits, <c>+</c>, <c>-</c> or
/// <c>.</c>), a colon and a non-empty rest; no white space, control character or character RFC 3987 §2.2 excludes
/// (<c>" &lt; &gt; \ ^ ` { | }</c>), every <c>%</c> followed by two hexadecimal digits, <c>[</c> and <c>]</c> only
/// around an IP-literal host, at most one <c>#</c>; and the rest as
/// <see cref="Uri"/> parses it (the host of an authority, for one), so a one-letter scheme (<c>x:y</c>), which RFC 3986
/// allows, is refused: .NET reads it as a drive letter. <see cref="Uri.TryCreate(string?, UriKind, out Uri?)"/>
/// alone is not the rule: on Linux and macOS it takes <c>/path</c> as an absolute file URI, and it trims, escapes or
/// accepts what RFC 3987 forbids.</para>
/// <para>A language tag here: well-formed by RFC 5646 §2.1's grammar (language, extlang, script, region, variants,
/// extensions, private use, or a grandfathered tag), letters in any case. Whether each subtag is registered (§2.2.9's
/// validity) is not checked.</para>
/// <para>Thread-safe.</para>
/// </remarks>
internal static partial class Iri
{
    private static readonly SearchValues<char> Excluded = SearchValues.Create("\"<>\\^`{|} ");

    /// <summary>Whether the text is an absolute IRI.</summary>
    public static bool IsAbsolute(string? text) => TryCreate(text, out _);

    /// <summary>Whether the text is an absolute IRI, and if so the <see cref="Uri"/> it parses to (parsed once).</summary>
    public static bool TryCreate(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrEmpty(text) || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || colon == text.Length - 1)
        {
            return false;
        }

        for (var i = 1; i < colon; i++)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]) && text[i] is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) || char.IsWhiteSpace(c) || Excluded.Contains(c))
            {
                return false;
            }

            if (c == '%' && (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2])))
            {
                return false;
            }
        }

        // '[' and ']' only around an IP literal host (RFC 3986 §3.2.2); one '#' at most (§3.5).
        var authority = text.AsSpan(colon + 1).StartsWith("//") ? text.AsSpan(colon + 3) : [];
        var authorityEnd = authority.IndexOfAny('/', '?', '#');
        var outside = text.AsSpan(colon + 1 + (authority.IsEmpty ? 0 : 2 + (authorityEnd < 0 ? authority.Length : authorityEnd)));
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        if (outside.IndexOfAny('[', ']') >= 0 || (hash >= 0 && text.IndexOf('#', hash + 1) >= 0))
        {
            return false;
        }

        if (!authority.IsEmpty)
        {
            var hostPort = authority[..(authorityEnd < 0 ? authority.Length : authorityEnd)];
            var at = hostPort.LastIndexOf('@');
            var userInfo = at < 0 ? [] : hostPort[..at];
            var host = hostPort[(at + 1)..];
            var close = host.IndexOf(']');
            if (userInfo.IndexOfAny('[', ']') >= 0
                || (host.IndexOfAny('[', ']') >= 0 && (host[0] != '[' || close < 0 || host[(close + 1)..].IndexOfAny('[', ']') >= 0 || (close + 1 < host.Length && host[close + 1] != ':'))))
            {
                return false;
            }
        }

        return Uri.TryCreate(text, UriKind.Absolute, out uri);
    }

    /// <summary>Whether the text is a well-formed language tag.</summary>
    public static bool IsLanguageTag(string? text) => text is not null && Ascii.IsValid(text) && LanguageTag().IsMatch(text); // (ASCII first: case-insensitive matching takes the Kelvin sign for k)

    [GeneratedRegex(
        @"^(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?"
        + @"|x(?:-[a-z0-9]{1,8})+"
        + @"|en-gb-oed|i-(?:ami|bnn|default|enochian|hak|klingon|lux|mingo|navajo|pwn|tao|tay|tsu)|sgn-(?:be-fr|be-nl|ch-de))$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();
}
