using System.Globalization;
using System.Text.Json;
using PersonalizedLearning.Insights;

namespace PersonalizedLearning.Interop.Case;

/// <summary>Reads a CASE framework's grade bands: the grade by which each item is expected, from
/// <c>CFItem.educationLevel</c>.</summary>
/// <remarks>
/// <para>CASE 1.1 (1EdTech, Competencies and Academic Standards Exchange, CFItem) gives <c>educationLevel</c> as a list
/// of CEDS entry grade level codes (<c>PK</c>, <c>KG</c>, <c>01</c> … <c>12</c>, <c>13</c>, and postsecondary codes);
/// the reader already turns CASE 1.0's <c>educationalLevel</c> and a comma-separated string into that list. A standard
/// listed for several grades (a high-school band <c>09, 10, 11, 12</c>) is expected by the last of them. <c>PK</c> is −1,
/// <c>KG</c> (or <c>K</c>) 0, <c>01</c>–<c>13</c> (or <c>1</c>–<c>13</c>) their number; other codes (infant and toddler,
/// postsecondary, <c>Other</c>) give no grade, and an item with no grade code is expected at no grade.</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class CaseGradeBands
{
    /// <summary>The grade bands of an imported CASE framework.</summary>
    /// <param name="framework">The framework as <see cref="CasePackageReader"/> imported it.</param>
    /// <returns>The bands; every competency without a grade code is expected at no grade.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="framework"/> is null.</exception>
    public static GradeBands Read(CaseFramework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var grades = new Dictionary<Competencies.CompetencyId, int?>();
        foreach (var item in framework.Items)
        {
            grades[item.Competency] = item.Extra.TryGetValue("educationLevel", out var json) ? Highest(json) : null;
        }

        return new GradeBands(framework.Framework, c => grades.GetValueOrDefault(c.Id));
    }

    /// <summary>The grade of one CEDS entry grade level code.</summary>
    /// <param name="code">The code, such as <c>KG</c> or <c>04</c>.</param>
    /// <returns>The grade on <see cref="GradeBands"/>' scale; null for a code without one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is null.</exception>
    public static int? Grade(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var c = code.Trim();
        if (c.Equals("PK", StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }

        if (c.Equals("KG", StringComparison.OrdinalIgnoreCase) || c.Equals("K", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        return c.Length is 1 or 2 && c.All(char.IsAsciiDigit) && int.Parse(c, CultureInfo.InvariantCulture) is var g and >= 1 and <= 13 ? g : null;
    }

    private static int? Highest(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            int? highest = null;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind == JsonValueKind.String && Grade(element.GetString()!) is { } g && (highest is null || g > highest))
                {
                    highest = g;
                }
            }

            return highest;
        }
        catch (JsonException)
        {
            return null; // kept raw by the reader when it is not a list of strings: no grade
        }
    }
}
