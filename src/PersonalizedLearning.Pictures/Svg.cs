using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace PersonalizedLearning.Pictures;

/// <summary>What every picture shares: the SVG namespace, numbers written culture-invariantly, text made safe for XML and
/// cut to length, the document frame with its accessible title and description, and the message an empty picture shows.</summary>
internal static class Svg
{
    internal static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    /// <summary>The width of one character of the 12 px sans-serif labels, in pixels: an estimate (no font is measured),
    /// generous enough for most Latin text.</summary>
    internal const double CharacterWidth = 7;

    internal const string FontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";

    /// <summary>A coordinate or length, rounded to hundredths and written without culture (<c>12.5</c>, <c>40</c>).</summary>
    internal static string Number(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The text with every character XML cannot carry (control characters, lone surrogates) replaced by U+FFFD;
    /// the characters XML can carry but that are special (&lt;, &amp;, quotes) are escaped by the writer.</summary>
    internal static string Clean(string text)
    {
        StringBuilder? cleaned = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = XmlConvert.IsXmlChar(c) || (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c));
            if (ok && char.IsHighSurrogate(c))
            {
                cleaned?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (!ok && cleaned is null)
            {
                cleaned = new StringBuilder(text.Length).Append(text, 0, i);
            }

            cleaned?.Append(ok ? c : '\uFFFD');
        }

        return cleaned?.ToString() ?? text;
    }

    /// <summary>The text cut to <paramref name="maximum"/> text elements (a user-perceived character, so an emoji or an
    /// accented letter is never split), the last one an ellipsis when it was cut.</summary>
    internal static string Truncate(string text, int maximum)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= maximum ? text : info.SubstringByTextElements(0, maximum - 1) + "…";
    }

    /// <summary>How many text elements the text has after <see cref="Truncate"/>.</summary>
    internal static int ShownLength(string text, int maximum) => Math.Min(new StringInfo(text).LengthInTextElements, maximum);

    internal static XElement Element(string name, params object?[] content) => new(Ns + name, content);

    internal static XElement Title(string text) => Element("title", Clean(text));

    internal static XElement Text(double x, double y, string text, params object?[] attributes) =>
        Element("text", new XAttribute("x", Number(x)), new XAttribute("y", Number(y)), attributes, Clean(text));

    internal static XElement Rect(double x, double y, double width, double height, string fill, params object?[] content) =>
        Element("rect", new XAttribute("x", Number(x)), new XAttribute("y", Number(y)), new XAttribute("width", Number(width)),
            new XAttribute("height", Number(height)), new XAttribute("fill", fill), content);

    /// <summary>The document: an <c>svg</c> root with its size, a view box of the same size, <c>role="img"</c>, a
    /// <c>title</c> and a <c>desc</c> first (what assistive technology reads), a white background and the content.</summary>
    internal static string Document(string kind, double width, double height, string title, string description, params object?[] content)
    {
        var svg = new XElement(Ns + "svg",
            new XAttribute("width", Number(width)),
            new XAttribute("height", Number(height)),
            new XAttribute("viewBox", $"0 0 {Number(width)} {Number(height)}"),
            new XAttribute("role", "img"),
            new XAttribute("data-picture", kind),
            new XAttribute("font-family", FontFamily),
            new XAttribute("font-size", "12"),
            Title(title),
            Element("desc", Clean(description)),
            Rect(0, 0, width, height, "#FFFFFF", new XAttribute("data-role", "background")),
            content);
        return svg.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>A small picture that says why there is nothing to draw, instead of failing.</summary>
    internal static string Empty(string kind, string title, string message)
    {
        var width = Math.Max(320, 16 + (CharacterWidth * Math.Max(new StringInfo(title).LengthInTextElements, new StringInfo(message).LengthInTextElements)));
        return Document(kind, width, 64, title, message,
            Text(8, 22, title, new XAttribute("font-weight", "bold"), new XAttribute("font-size", "14")),
            Text(8, 46, message, new XAttribute("data-role", "empty"), new XAttribute("fill", "#4D4D4D")));
    }

    /// <summary>The legend: a swatch and the words for each level, and optionally the frontier outline, in one row from
    /// (<paramref name="x"/>, <paramref name="y"/>). Its width is <see cref="LegendWidth"/>; its height 14.</summary>
    internal static XElement Legend(MasteryPalette palette, double x, double y, bool frontier)
    {
        var legend = Element("g", new XAttribute("data-role", "legend"));
        var position = x;
        foreach (var level in Enum.GetValues<Mastery.MasteryLevel>())
        {
            legend.Add(Rect(position, y, 14, 14, palette.ColorOf(level), new XAttribute("stroke", "#4D4D4D"), new XAttribute("stroke-width", "0.5"),
                new XAttribute("data-legend-level", level.ToString())));
            legend.Add(Text(position + 18, y + 11, MasteryPalette.Describe(level)));
            position += LegendItemWidth;
        }

        if (frontier)
        {
            legend.Add(Rect(position, y, 14, 14, "#FFFFFF", new XAttribute("stroke", palette.Frontier), new XAttribute("stroke-width", "3"),
                new XAttribute("data-legend-level", "Frontier")));
            legend.Add(Text(position + 18, y + 11, "Ready to learn"));
        }

        return legend;
    }

    internal const double LegendItemWidth = 96;

    internal static double LegendWidth(bool frontier) => (LegendItemWidth * 5) + (frontier ? 120 : 0);
}
