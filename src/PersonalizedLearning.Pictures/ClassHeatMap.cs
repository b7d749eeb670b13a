using System.Globalization;
using System.Xml.Linq;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Pictures;

/// <summary>A class at a glance as a heat map: one row per learner, one column per competency in the framework's
/// topological order (every competency after its prerequisites, so the map reads left to right as the curriculum does),
/// each cell coloured by the learner's <see cref="MasteryLevel"/>.</summary>
/// <remarks>
/// <para>The picture is a standalone SVG document (no XML declaration, so it can be written inline into HTML). Layout,
/// in pixels, with <c>c</c> the cell size and 7 px taken as the width of one label character:</para>
/// <list type="bullet">
/// <item>the title on a 24 px band under an 8 px margin;</item>
/// <item>learner labels in a column <c>7 × (longest shown learner label) + 8</c> wide, so cells start at
/// <c>left = 8 + that width</c>;</item>
/// <item>competency labels written upwards in a band <c>7 × (longest shown competency label) + 8</c> high, so cells
/// start at <c>top = 8 + 24 + that height</c>;</item>
/// <item>the cell of row <c>r</c> and column <c>k</c> at (<c>left + k·c</c>, <c>top + r·c</c>), <c>c</c> wide and high,
/// with a 1 px white stroke between cells;</item>
/// <item>the legend 16 px under the last row.</item>
/// </list>
/// <para>Each cell is a <c>rect</c> with <c>data-learner</c>, <c>data-competency</c> (the id) and <c>data-level</c> (the
/// <see cref="MasteryLevel"/> name), and a tooltip <c>title</c> "learner · competency title · level". Stateless and
/// thread-safe.</para>
/// </remarks>
public static class ClassHeatMap
{
    private const double Margin = 8;
    private const double TitleBand = 24;

    /// <summary>Draws the heat map of a class.</summary>
    /// <param name="framework">The framework whose competencies are the columns.</param>
    /// <param name="snapshots">One snapshot per learner, of <paramref name="framework"/>; the rows, in this order. Empty
    /// gives a picture that says there are no learners.</param>
    /// <param name="options">How to draw; <see cref="HeatMapOptions"/>' defaults when null.</param>
    /// <returns>The SVG document as text. No snapshot gives a small picture that says there are no learners. (A framework
    /// always has a competency: the core's builder refuses an empty one.)</returns>
    /// <exception cref="ArgumentNullException"><paramref name="framework"/> or <paramref name="snapshots"/> is null, or a
    /// snapshot is.</exception>
    /// <exception cref="ArgumentException">A snapshot is of another framework, or two are of the same learner.</exception>
    public static string Render(CompetencyFramework framework, IReadOnlyList<MasterySnapshot> snapshots, HeatMapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(snapshots);
        options ??= new HeatMapOptions();
        var learners = new HashSet<LearnerId>();
        for (var i = 0; i < snapshots.Count; i++)
        {
            var snapshot = snapshots[i] ?? throw new ArgumentNullException(nameof(snapshots), string.Create(CultureInfo.InvariantCulture, $"Snapshot {i} is null."));
            if (!ReferenceEquals(snapshot.Framework, framework) && !snapshot.Framework.Equals(framework))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Snapshot {i} (learner '{snapshot.Learner}') is of framework '{snapshot.Framework.Title}', not of '{framework.Title}'; assess every learner against the framework the map shows."), nameof(snapshots));
            }

            if (!learners.Add(snapshot.Learner))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Learner '{snapshot.Learner}' has two snapshots (the second is snapshot {i}); a heat map has one row per learner."), nameof(snapshots));
            }
        }

        var title = options.Title ?? (framework.Title is { } name ? $"Class mastery: {name}" : "Class mastery");
        if (snapshots.Count == 0)
        {
            return Svg.Empty("class-heat-map", title, "There are no learners to show.");
        }

        var columns = framework.TopologicalOrder.Select(framework.GetCompetency).ToArray();
        var max = options.MaximumLabelLength;
        var cell = options.CellSize;
        var rowLabelWidth = (Svg.CharacterWidth * snapshots.Max(s => Svg.ShownLength(s.Learner.Value, max))) + 8;
        var headerHeight = (Svg.CharacterWidth * columns.Max(c => Svg.ShownLength(c.Title, max))) + 8;
        var left = Margin + rowLabelWidth;
        var top = Margin + TitleBand + headerHeight;
        var legendY = top + (snapshots.Count * cell) + 16;
        var width = Math.Max(left + (columns.Length * cell), Margin + Svg.LegendWidth(frontier: false)) + Margin;
        var height = legendY + 14 + Margin;

        var headers = Svg.Element("g", new XAttribute("data-role", "competency-labels"));
        for (var k = 0; k < columns.Length; k++)
        {
            var x = left + (k * cell) + (cell / 2.0) + 4;
            var y = top - 4;
            headers.Add(Svg.Text(x, y, Svg.Truncate(columns[k].Title, max),
                new XAttribute("transform", $"rotate(-90 {Svg.Number(x)} {Svg.Number(y)})"),
                new XAttribute("data-competency", Svg.Clean(columns[k].Id.Value)),
                Svg.Title($"{columns[k].Id.Value} · {columns[k].Title}")));
        }

        var rowLabels = Svg.Element("g", new XAttribute("data-role", "learner-labels"), new XAttribute("text-anchor", "end"));
        var cells = Svg.Element("g", new XAttribute("data-role", "cells"), new XAttribute("stroke", "#FFFFFF"), new XAttribute("stroke-width", "1"));
        var counts = new int[5];
        for (var r = 0; r < snapshots.Count; r++)
        {
            var snapshot = snapshots[r];
            var learner = snapshot.Learner.Value;
            rowLabels.Add(Svg.Text(left - 4, top + (r * cell) + (cell / 2.0) + 4, Svg.Truncate(learner, max),
                new XAttribute("data-learner", Svg.Clean(learner)), Svg.Title(learner)));
            for (var k = 0; k < columns.Length; k++)
            {
                var level = snapshot.Get(columns[k].Id).Level;
                counts[(int)level]++;
                cells.Add(Svg.Rect(left + (k * cell), top + (r * cell), cell, cell, options.Palette.ColorOf(level),
                    new XAttribute("data-learner", Svg.Clean(learner)),
                    new XAttribute("data-competency", Svg.Clean(columns[k].Id.Value)),
                    new XAttribute("data-level", level.ToString()),
                    Svg.Title($"{learner} · {columns[k].Title} · {MasteryPalette.Describe(level)}")));
            }
        }

        var description = string.Create(CultureInfo.InvariantCulture,
            $"Heat map of {snapshots.Count} learners (rows) by {columns.Length} competencies (columns, prerequisites first), each cell coloured by mastery level: ")
            + string.Join(", ", Enum.GetValues<MasteryLevel>().Select(l => string.Create(CultureInfo.InvariantCulture, $"{counts[(int)l]} {MasteryPalette.Describe(l).ToLowerInvariant()}"))) + ".";
        return Svg.Document("class-heat-map", width, height, title, description,
            Svg.Text(Margin, Margin + 16, title, new XAttribute("font-weight", "bold"), new XAttribute("font-size", "14")),
            headers, rowLabels, cells,
            Svg.Legend(options.Palette, Margin, legendY, frontier: false));
    }
}
