using System.Globalization;
using System.Xml.Linq;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Pictures;

/// <summary>A framework's prerequisite graph as one learner sees it: each competency a box coloured by the learner's
/// <see cref="MasteryLevel"/>, each prerequisite an arrow to the competency that needs it, and the frontier (what the
/// learner is ready to learn: not mastered, every prerequisite mastered, as <see cref="MasterySnapshot.GetFrontier"/>
/// says) outlined in <see cref="MasteryPalette.Frontier"/>.</summary>
/// <remarks>
/// <para>The layout is layered, left to right: a competency with no prerequisite in layer 0, any other one layer after
/// its furthest prerequisite (longest-path layering), so every arrow points right, to a later layer. Within a layer,
/// the order comes from barycentre sweeps that reduce crossings; an arrow that spans layers bends through a slot in each
/// layer it passes, so it runs between boxes instead of through them. Hierarchy (parent and child) and related links
/// are not drawn.</para>
/// <para>Layout, in pixels: layer <c>l</c>'s boxes start at <c>x = 8 + l·(NodeWidth + LayerGap)</c>; a layer's boxes
/// and passing arrows are stacked from the top with <see cref="FrameworkGraphOptions.NodeGap"/> between them, and the
/// layer is centred on the tallest one, which starts at <c>y = 8 + 24</c> under the title. The legend is 16 px under the
/// tallest layer.</para>
/// <para>Each box is a <c>g</c> with <c>data-competency</c>, <c>data-level</c>, <c>data-layer</c>, <c>data-frontier</c>
/// (<c>true</c> or <c>false</c>) and a tooltip <c>title</c> "competency title · level" (with "· ready to learn" on the
/// frontier), holding a <c>rect</c> and its label. Each arrow is a <c>path</c> with <c>data-from</c> and <c>data-to</c>
/// (the prerequisite's and the dependent's ids). Stateless and thread-safe.</para>
/// </remarks>
public static class FrameworkGraph
{
    private const double Margin = 8;
    private const double TitleBand = 24;
    private const string ArrowId = "pl-framework-graph-arrow";

    /// <summary>Draws a learner's view of the framework the snapshot assesses.</summary>
    /// <param name="snapshot">The learner's mastery; its framework is the graph.</param>
    /// <param name="options">How to draw; <see cref="FrameworkGraphOptions"/>' defaults when null.</param>
    /// <returns>The SVG document as text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static string Render(MasterySnapshot snapshot, FrameworkGraphOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        options ??= new FrameworkGraphOptions();
        var framework = snapshot.Framework;
        var title = options.Title ?? $"{framework.Title ?? "Framework"} for {snapshot.Learner.Value}";
        var competencies = framework.Competencies;
        var index = new Dictionary<Competencies.CompetencyId, int>();
        for (var i = 0; i < competencies.Length; i++)
        {
            index[competencies[i].Id] = i;
        }

        var edges = new List<(int From, int To)>();
        foreach (var id in framework.TopologicalOrder)
        {
            foreach (var prerequisite in framework.GetPrerequisites(id))
            {
                edges.Add((index[prerequisite], index[id]));
            }
        }

        var layout = LayeredLayout.Create([.. framework.TopologicalOrder.Select(id => index[id])], edges);
        var frontier = snapshot.GetFrontier().Select(id => index[id]).ToHashSet();

        // Positions: x by layer; y stacked within the layer, each layer centred on the tallest.
        double SlotHeight(int node) => layout.IsDummy(node) ? options.NodeGap : options.NodeHeight;
        var extents = layout.Layers.Select(nodes => nodes.Sum(SlotHeight) + (options.NodeGap * Math.Max(0, nodes.Count - 1))).ToArray();
        var tallest = extents.Max();
        var top = Margin + TitleBand;
        var x = new double[layout.LayerOf.Length];
        var y = new double[layout.LayerOf.Length];
        for (var l = 0; l < layout.Layers.Count; l++)
        {
            var position = top + ((tallest - extents[l]) / 2);
            foreach (var node in layout.Layers[l])
            {
                x[node] = Margin + (l * (options.NodeWidth + options.LayerGap));
                y[node] = position;
                position += SlotHeight(node) + options.NodeGap;
            }
        }

        var legendY = top + tallest + 16;
        var graphWidth = (layout.Layers.Count * options.NodeWidth) + ((layout.Layers.Count - 1) * options.LayerGap);
        var width = Margin + Math.Max(graphWidth, Svg.LegendWidth(frontier: true)) + Margin;
        var height = legendY + 14 + Margin;

        var arrows = Svg.Element("g", new XAttribute("data-role", "edges"), new XAttribute("fill", "none"), new XAttribute("stroke", "#6B6B6B"),
            new XAttribute("stroke-width", "1.25"));
        foreach (var chain in layout.Chains)
        {
            var (from, to) = (chain[0], chain[^1]);
            var points = new List<(double X, double Y)> { (x[from] + options.NodeWidth, y[from] + (options.NodeHeight / 2.0)) };
            foreach (var dummy in chain.Skip(1).SkipLast(1))
            {
                var middle = y[dummy] + (options.NodeGap / 2.0);
                points.Add((x[dummy], middle));
                points.Add((x[dummy] + options.NodeWidth, middle));
            }

            points.Add((x[to] - 2, y[to] + (options.NodeHeight / 2.0))); // the arrowhead's tip touches the box
            var d = "M" + string.Join(" L", points.Select(p => $"{Svg.Number(p.X)},{Svg.Number(p.Y)}"));
            arrows.Add(Svg.Element("path", new XAttribute("d", d), new XAttribute("marker-end", $"url(#{ArrowId})"),
                new XAttribute("data-from", Svg.Clean(competencies[from].Id.Value)), new XAttribute("data-to", Svg.Clean(competencies[to].Id.Value)),
                Svg.Title($"{competencies[from].Title} comes before {competencies[to].Title}")));
        }

        var nodes = Svg.Element("g", new XAttribute("data-role", "nodes"));
        var counts = new int[5];
        for (var node = 0; node < layout.RealCount; node++)
        {
            var competency = competencies[node];
            var level = snapshot.Get(competency.Id).Level;
            counts[(int)level]++;
            var fill = options.Palette.ColorOf(level);
            var onFrontier = frontier.Contains(node);
            nodes.Add(Svg.Element("g",
                new XAttribute("data-competency", Svg.Clean(competency.Id.Value)),
                new XAttribute("data-level", level.ToString()),
                new XAttribute("data-layer", layout.LayerOf[node].ToString(CultureInfo.InvariantCulture)),
                new XAttribute("data-frontier", onFrontier ? "true" : "false"),
                Svg.Title($"{competency.Title} · {MasteryPalette.Describe(level)}{(onFrontier ? " · ready to learn" : string.Empty)}"),
                Svg.Rect(x[node], y[node], options.NodeWidth, options.NodeHeight, fill,
                    new XAttribute("rx", "6"),
                    new XAttribute("stroke", onFrontier ? options.Palette.Frontier : "#4D4D4D"),
                    new XAttribute("stroke-width", onFrontier ? "4" : "1")),
                Svg.Text(x[node] + (options.NodeWidth / 2.0), y[node] + (options.NodeHeight / 2.0) + 4, Svg.Truncate(competency.Title, options.MaximumLabelLength),
                    new XAttribute("text-anchor", "middle"), new XAttribute("fill", MasteryPalette.TextColorOn(fill)))));
        }

        var marker = Svg.Element("defs", Svg.Element("marker",
            new XAttribute("id", ArrowId), new XAttribute("viewBox", "0 0 10 10"), new XAttribute("refX", "10"), new XAttribute("refY", "5"),
            new XAttribute("markerWidth", "7"), new XAttribute("markerHeight", "7"), new XAttribute("orient", "auto-start-reverse"),
            Svg.Element("path", new XAttribute("d", "M0,0 L10,5 L0,10 z"), new XAttribute("fill", "#6B6B6B"))));
        var description = string.Create(CultureInfo.InvariantCulture,
            $"Prerequisite graph of {framework.Count} competencies in {layout.Layers.Count} layers, prerequisites on the left, coloured by {snapshot.Learner.Value}'s mastery: ")
            + string.Join(", ", Enum.GetValues<MasteryLevel>().Select(l => string.Create(CultureInfo.InvariantCulture, $"{counts[(int)l]} {MasteryPalette.Describe(l).ToLowerInvariant()}")))
            + string.Create(CultureInfo.InvariantCulture, $"; {frontier.Count} ready to learn, outlined: ")
            + (frontier.Count == 0 ? "none" : string.Join(", ", snapshot.GetFrontier().Select(id => framework.GetCompetency(id).Title))) + ".";
        return Svg.Document("framework-graph", width, height, title, description,
            marker,
            Svg.Text(Margin, Margin + 16, title, new XAttribute("font-weight", "bold"), new XAttribute("font-size", "14")),
            arrows, nodes,
            Svg.Legend(options.Palette, Margin, legendY, frontier: true));
    }
}
