using System.Globalization;
using System.Xml.Linq;
using CsCheck;
using PersonalizedLearning.Competencies;
using static PersonalizedLearning.Pictures.Tests.Classes;
using L = PersonalizedLearning.Mastery.MasteryLevel;

namespace PersonalizedLearning.Pictures.Tests;

public class FrameworkGraphTests
{
    private static List<XElement> Nodes(XElement root) => [.. root.Descendants(Svg + "g").Where(g => Data(g, "competency") is not null)];

    private static List<XElement> Edges(XElement root) => [.. root.Descendants(Svg + "path").Where(p => Data(p, "from") is not null)];

    private static (double X, double Y, double W, double H) Box(XElement node)
    {
        var rect = node.Element(Svg + "rect")!;
        return (Number(rect, "x"), Number(rect, "y"), Number(rect, "width"), Number(rect, "height"));
    }

    private static List<(double X, double Y)> Points(XElement path) =>
        [.. path.Attribute("d")!.Value.Split(['M', 'L', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(',')).Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))];

    [Fact]
    public void Render_Diamond_LayersPositionsColoursAndTheFrontierOutlineWorkedByHand()
    {
        // A and B mastered, C familiar, D not started: the frontier is C alone (D still needs C).
        var snapshot = Snapshot(Diamond(), "ana", new Dictionary<string, L> { ["A"] = L.Mastered, ["B"] = L.Mastered, ["C"] = L.Familiar });

        var root = Parse(FrameworkGraph.Render(snapshot));

        // Layers: A 0; B and C 1; D 2, at x = 8 + l·(150 + 56). The tallest layer (B, C) is 36 + 14 + 36 = 86 high from
        // y = 8 + 24 = 32; A and D, 36 high, are centred on it: 32 + (86 − 36)/2 = 57.
        var nodes = Nodes(root);
        nodes.Select(n => (Data(n, "competency"), Data(n, "layer"), Data(n, "level"), Data(n, "frontier"), Box(n))).Should().Equal(
            ("A", "0", "Mastered", "false", (8d, 57d, 150d, 36d)),
            ("B", "1", "Mastered", "false", (214d, 32d, 150d, 36d)),
            ("C", "1", "Familiar", "true", (214d, 82d, 150d, 36d)),
            ("D", "2", "NotStarted", "false", (420d, 57d, 150d, 36d)));
        var rects = nodes.Select(n => n.Element(Svg + "rect")!).ToList();
        rects.Select(r => (r.Attribute("fill")!.Value, r.Attribute("stroke")!.Value, r.Attribute("stroke-width")!.Value)).Should().Equal(
            ("#3B528B", "#4D4D4D", "1"), ("#3B528B", "#4D4D4D", "1"), ("#5EC962", "#D81B60", "4"), ("#EEEEEE", "#4D4D4D", "1"));
        nodes[2].Element(Svg + "title")!.Value.Should().Be("Subtract · Familiar · ready to learn");
        // Label colours: white on the dark Mastered blue, black on the light green.
        nodes[0].Element(Svg + "text")!.Attribute("fill")!.Value.Should().Be("#FFFFFF");
        nodes[2].Element(Svg + "text")!.Attribute("fill")!.Value.Should().Be("#000000");

        // Arrows from the right middle of the prerequisite to 2 px before the left middle of the dependent.
        Edges(root).Select(e => (Data(e, "from"), Data(e, "to"), e.Attribute("d")!.Value)).Should().BeEquivalentTo(new[]
        {
            ("A", "B", "M158,75 L212,50"),
            ("A", "C", "M158,75 L212,100"),
            ("B", "D", "M364,50 L418,75"),
            ("C", "D", "M364,100 L418,75"),
        });

        // Width: the legend with the frontier (5·96 + 120 = 600) is wider than the graph (3·150 + 2·56 = 562).
        Number(root, "width").Should().Be(616);
        Number(root, "height").Should().Be(32 + 86 + 16 + 14 + 8);
        root.Element(Svg + "title")!.Value.Should().Be("Diamond for ana");
        root.Element(Svg + "desc")!.Value.Should().Be(
            "Prerequisite graph of 4 competencies in 3 layers, prerequisites on the left, coloured by ana's mastery: 1 not started, 0 attempted, 1 familiar, 0 proficient, 2 mastered; 1 ready to learn, outlined: Subtract.");
    }

    [Fact]
    public void Render_CrossingInDeclarationOrder_BarycentreUncrossesIt()
    {
        // Declared A, B, C, D with A → D and B → C: in declaration order layer 1 is C, D and the arrows cross; the
        // barycentre of D is A's position (0), of C B's (1), so D goes above C.
        var framework = new CompetencyFrameworkBuilder("Crossed")
            .AddCompetency("A", "A").AddCompetency("B", "B").AddCompetency("C", "C").AddCompetency("D", "D")
            .AddPrerequisite("A", "D").AddPrerequisite("B", "C")
            .Build();

        var root = Parse(FrameworkGraph.Render(Snapshot(framework, "ana", new Dictionary<string, L>())));

        var y = Nodes(root).ToDictionary(n => Data(n, "competency")!, n => Box(n).Y);
        y["A"].Should().BeLessThan(y["B"]);
        y["D"].Should().BeLessThan(y["C"]);
    }

    [Fact]
    public void Render_EdgeSpanningTwoLayers_BendsThroughASlotInTheLayerBetween()
    {
        // A → B → C and A → C: C is in layer 2, so A → C passes layer 1 in a slot of its own under or over B.
        var framework = new CompetencyFrameworkBuilder("Chain")
            .AddCompetency("A", "A").AddCompetency("B", "B").AddCompetency("C", "C")
            .AddPrerequisite("A", "B").AddPrerequisite("B", "C").AddPrerequisite("A", "C")
            .Build();

        var root = Parse(FrameworkGraph.Render(Snapshot(framework, "ana", new Dictionary<string, L>())));

        var b = Box(Nodes(root).Single(n => Data(n, "competency") == "B"));
        var points = Points(Edges(root).Single(e => Data(e, "from") == "A" && Data(e, "to") == "C"));
        points.Should().HaveCount(4);
        points[1].X.Should().Be(214);
        points[2].X.Should().Be(364);
        points[1].Y.Should().Be(points[2].Y);
        (points[1].Y < b.Y || points[1].Y > b.Y + b.H).Should().BeTrue("the arrow passes beside B, not through it");
    }

    [Fact]
    public void Render_LongTitleAndSpecialCharacters_CutLabelWholeTooltip()
    {
        var framework = new CompetencyFrameworkBuilder("Q&A <unit>")
            .AddCompetency("A", "Compare fractions with unlike denominators & <benchmarks>")
            .Build();

        var root = Parse(FrameworkGraph.Render(Snapshot(framework, "ana", new Dictionary<string, L>()), new FrameworkGraphOptions { MaximumLabelLength = 12 }));

        var node = Nodes(root).Single();
        node.Element(Svg + "text")!.Value.Should().Be("Compare fra…");
        node.Element(Svg + "title")!.Value.Should().Be("Compare fractions with unlike denominators & <benchmarks> · Not started · ready to learn");
        root.Element(Svg + "title")!.Value.Should().Be("Q&A <unit> for ana");
    }

    [Fact]
    public void Render_BadInputs_ExactExceptions()
    {
        FluentActions.Invoking(() => FrameworkGraph.Render(null!)).Should().Throw<ArgumentNullException>().WithParameterName("snapshot");
        FluentActions.Invoking(() => new FrameworkGraphOptions { NodeWidth = 39 }).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("NodeWidth").WithMessage("NodeWidth must be in [40, 1000]; got 39.*");
        FluentActions.Invoking(() => new FrameworkGraphOptions { NodeHeight = 401 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("NodeHeight");
        FluentActions.Invoking(() => new FrameworkGraphOptions { LayerGap = 15 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("LayerGap");
        FluentActions.Invoking(() => new FrameworkGraphOptions { NodeGap = 3 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("NodeGap");
        FluentActions.Invoking(() => new FrameworkGraphOptions { Palette = null! }).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Render_GeneratedFrameworks_LayeredInsideTheCanvasWithoutOverlapAndTheCoresFrontier()
    {
        Frameworks.SelectMany(f => Levels(f).Select(levels => (f, levels))).Sample(c =>
        {
            var (framework, levels) = c;
            var snapshot = Snapshot(framework, "ana", levels);
            var root = Parse(FrameworkGraph.Render(snapshot));
            var (width, height) = (Number(root, "width"), Number(root, "height"));
            var nodes = Nodes(root);

            nodes.Select(n => Data(n, "competency")).Should().BeEquivalentTo(framework.Competencies.Select(x => x.Id.Value));
            var layer = nodes.ToDictionary(n => Data(n, "competency")!, n => int.Parse(Data(n, "layer")!, CultureInfo.InvariantCulture));
            var boxes = nodes.ToDictionary(n => Data(n, "competency")!, Box);
            foreach (var id in framework.TopologicalOrder)
            {
                // Longest-path layering: 0 without prerequisites, else one after the furthest prerequisite.
                var prerequisites = framework.GetPrerequisites(id);
                layer[id.Value].Should().Be(prerequisites.IsEmpty ? 0 : prerequisites.Max(p => layer[p.Value]) + 1);
                var box = boxes[id.Value];
                box.X.Should().BeGreaterThanOrEqualTo(0);
                box.Y.Should().BeGreaterThanOrEqualTo(0);
                (box.X + box.W).Should().BeLessThanOrEqualTo(width);
                (box.Y + box.H).Should().BeLessThanOrEqualTo(height);
            }

            var all = boxes.Values.ToList();
            for (var i = 0; i < all.Count; i++)
            {
                for (var j = i + 1; j < all.Count; j++)
                {
                    var (a, b) = (all[i], all[j]);
                    var overlap = a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;
                    overlap.Should().BeFalse($"boxes {a} and {b} must not overlap");
                }
            }

            var edges = Edges(root);
            edges.Should().HaveCount(framework.Competencies.Sum(x => framework.GetPrerequisites(x.Id).Length));
            foreach (var edge in edges)
            {
                var (from, to) = (Data(edge, "from")!, Data(edge, "to")!);
                framework.GetPrerequisites(new CompetencyId(to)).Should().Contain(new CompetencyId(from));
                layer[from].Should().BeLessThan(layer[to]);
                var points = Points(edge);
                points.Zip(points.Skip(1)).Should().NotBeEmpty().And.OnlyContain(s => s.First.X < s.Second.X, "an arrow runs left to right");
                points.Should().OnlyContain(p => p.X >= 0 && p.X <= width && p.Y >= 0 && p.Y <= height);
            }

            var frontier = nodes.Where(n => Data(n, "frontier") == "true").Select(n => Data(n, "competency")).ToList();
            frontier.Should().BeEquivalentTo(snapshot.GetFrontier().Select(id => id.Value));
            frontier.Should().BeEquivalentTo(framework.GetFrontier(snapshot.Mastered).Select(id => id.Value));
            nodes.Select(n => (Data(n, "frontier"), n.Element(Svg + "rect")!.Attribute("stroke")!.Value))
                .Should().OnlyContain(n => (n.Item1 == "true") == (n.Item2 == "#D81B60"), "the frontier, and only the frontier, is outlined");
        }, iter: 80);
    }
}
