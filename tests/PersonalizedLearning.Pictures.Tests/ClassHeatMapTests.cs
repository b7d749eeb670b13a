using System.Xml.Linq;
using CsCheck;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;
using static PersonalizedLearning.Pictures.Tests.Classes;
using L = PersonalizedLearning.Mastery.MasteryLevel;

namespace PersonalizedLearning.Pictures.Tests;

public class ClassHeatMapTests
{
    /// <summary>B needs A, and B is declared first: the columns follow the topological order A, B, C, not the declaration.</summary>
    private static CompetencyFramework ThreeCompetencies() => new CompetencyFrameworkBuilder("Unit")
        .AddCompetency("B", "Bonds").AddCompetency("A", "Add").AddCompetency("C", "Carry")
        .AddPrerequisite("A", "B")
        .Build();

    [Fact]
    public void Render_TwoLearnersThreeCompetencies_EachCellAtItsHandWorkedPlaceInItsLevelsColour()
    {
        var framework = ThreeCompetencies();
        var ana = Snapshot(framework, "ana", new Dictionary<string, L> { ["A"] = L.Mastered, ["B"] = L.Proficient });
        var ben = Snapshot(framework, "ben", new Dictionary<string, L> { ["A"] = L.Familiar, ["B"] = L.Attempted, ["C"] = L.Mastered });

        var root = Parse(ClassHeatMap.Render(framework, [ana, ben]));

        // Learner labels 3 characters: 7·3 + 8 = 29 wide, so left = 8 + 29 = 37. Competency labels at most 5 ("Bonds",
        // "Carry"): 7·5 + 8 = 43 high, so top = 8 + 24 + 43 = 75. Cells 28 px.
        var expected = new (string Learner, string Competency, L Level, double X, double Y, string Fill)[]
        {
            ("ana", "A", L.Mastered, 37, 75, "#3B528B"),
            ("ana", "B", L.Proficient, 65, 75, "#21918C"),
            ("ana", "C", L.NotStarted, 93, 75, "#EEEEEE"),
            ("ben", "A", L.Familiar, 37, 103, "#5EC962"),
            ("ben", "B", L.Attempted, 65, 103, "#FDE725"),
            ("ben", "C", L.Mastered, 93, 103, "#3B528B"),
        };
        var cells = root.Descendants(Svg + "rect").Where(r => Data(r, "learner") is not null).ToList();
        cells.Select(c => (Data(c, "learner"), Data(c, "competency"), Data(c, "level"), Number(c, "x"), Number(c, "y"), c.Attribute("fill")!.Value))
            .Should().Equal(expected.Select(e => ((string?)e.Learner, (string?)e.Competency, (string?)e.Level.ToString(), e.X, e.Y, e.Fill)));
        cells.Should().OnlyContain(c => Number(c, "width") == 28 && Number(c, "height") == 28);
        cells[0].Element(Svg + "title")!.Value.Should().Be("ana · Add · Mastered");
        cells[2].Element(Svg + "title")!.Value.Should().Be("ana · Carry · Not started");

        // Width: the legend (8 + 5·96 + 8 = 496) is wider than the cells (37 + 3·28 + 8 = 129); height: legend at
        // 75 + 2·28 + 16 = 147, 14 high, 8 margin.
        Number(root, "width").Should().Be(496);
        Number(root, "height").Should().Be(169);
        root.Element(Svg + "title")!.Value.Should().Be("Class mastery: Unit");
        root.Element(Svg + "desc")!.Value.Should().Be(
            "Heat map of 2 learners (rows) by 3 competencies (columns, prerequisites first), each cell coloured by mastery level: 1 not started, 1 attempted, 1 familiar, 1 proficient, 2 mastered.");
        WithData(root, "legend-level", "Mastered").Single().Attribute("fill")!.Value.Should().Be("#3B528B");
    }

    [Fact]
    public void Render_NamesWithXmlSpecialAndControlCharacters_ParsesAndKeepsTheTextInTheTooltip()
    {
        var framework = new CompetencyFrameworkBuilder("Fractions & <decimals>")
            // A form feed: titles keep it (real CASE statements hold them; issue 21), and XML 1.0 cannot carry it.
            .AddCompetency("F1", "Compare a/b < c/d & \"equal\" 'parts'\u000C")
            .Build();
        var learner = Snapshot(framework, "o'neil & <co>", new Dictionary<string, L> { ["F1"] = L.Familiar });

        var root = Parse(ClassHeatMap.Render(framework, [learner], new HeatMapOptions { MaximumLabelLength = 200 }));

        var cell = WithData(root, "competency", "F1").Single(e => e.Name == Svg + "rect");
        Data(cell, "learner").Should().Be("o'neil & <co>");
        cell.Element(Svg + "title")!.Value.Should().Be("o'neil & <co> · Compare a/b < c/d & \"equal\" 'parts'\uFFFD · Familiar");
        root.Element(Svg + "title")!.Value.Should().Be("Class mastery: Fractions & <decimals>");
    }

    [Fact]
    public void Render_LongNames_CutWithAnEllipsisAndWholeInTheTooltip()
    {
        var title = "Interpret the product of a fraction and a whole number as repeated parts";
        var framework = new CompetencyFrameworkBuilder().AddCompetency("F", title).Build();
        var learner = Snapshot(framework, "alexandra-konstantinopoulou", new Dictionary<string, L>());

        var root = Parse(ClassHeatMap.Render(framework, [learner], new HeatMapOptions { MaximumLabelLength = 10 }));

        var header = root.Descendants(Svg + "text").Single(t => Data(t, "competency") == "F");
        header.Nodes().OfType<XText>().Single().Value.Should().Be("Interpret…");
        header.Element(Svg + "title")!.Value.Should().Be("F · " + title);
        var label = root.Descendants(Svg + "text").Single(t => Data(t, "learner") is not null);
        label.Nodes().OfType<XText>().Single().Value.Should().Be("alexandra…");
        label.Element(Svg + "title")!.Value.Should().Be("alexandra-konstantinopoulou");
        root.Element(Svg + "title")!.Value.Should().Be("Class mastery");
    }

    [Fact]
    public void Render_NoLearners_APictureThatSaysSo()
    {
        var root = Parse(ClassHeatMap.Render(ThreeCompetencies(), [], new HeatMapOptions { Title = "Room 12" }));

        WithData(root, "role", "empty").Single().Value.Should().Be("There are no learners to show.");
        root.Element(Svg + "title")!.Value.Should().Be("Room 12");
        root.Descendants(Svg + "rect").Where(r => Data(r, "learner") is not null).Should().BeEmpty();
    }

    [Fact]
    public void Render_BadInputs_ExactExceptions()
    {
        var framework = ThreeCompetencies();
        var ana = Snapshot(framework, "ana", new Dictionary<string, L>());
        var other = Snapshot(Diamond(), "ben", new Dictionary<string, L>());

        FluentActions.Invoking(() => ClassHeatMap.Render(null!, [ana])).Should().Throw<ArgumentNullException>().WithParameterName("framework");
        FluentActions.Invoking(() => ClassHeatMap.Render(framework, null!)).Should().Throw<ArgumentNullException>().WithParameterName("snapshots");
        FluentActions.Invoking(() => ClassHeatMap.Render(framework, [ana, null!])).Should().Throw<ArgumentNullException>()
            .WithParameterName("snapshots").WithMessage("Snapshot 1 is null.*");
        FluentActions.Invoking(() => ClassHeatMap.Render(framework, [ana, ana])).Should().Throw<ArgumentException>()
            .WithParameterName("snapshots").WithMessage("Learner 'ana' has two snapshots (the second is snapshot 1)*");
        FluentActions.Invoking(() => ClassHeatMap.Render(framework, [ana, other])).Should().Throw<ArgumentException>()
            .WithParameterName("snapshots").WithMessage("Snapshot 1 (learner 'ben') is of framework 'Diamond', not of 'Unit'*");
    }

    [Theory]
    [InlineData(7)]
    [InlineData(201)]
    public void CellSize_OutOfRange_Throws(int size) =>
        FluentActions.Invoking(() => new HeatMapOptions { CellSize = size }).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("CellSize").WithMessage("CellSize must be in [8, 200]*");

    [Fact]
    public void Options_BadLabelLengthOrNullPalette_Throw()
    {
        FluentActions.Invoking(() => new HeatMapOptions { MaximumLabelLength = 3 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaximumLabelLength");
        FluentActions.Invoking(() => new HeatMapOptions { Palette = null! }).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Render_GeneratedClasses_OneCellPerLearnerAndCompetencyInTheLevelsColourAndColumnsInTopologicalOrder()
    {
        var classes = Frameworks.SelectMany(f => Gen.Int[0, 6].SelectMany(n => Levels(f).Array[n]).Select(levels => (f, levels)));
        classes.Sample(c =>
        {
            var (framework, levels) = c;
            var engine = Engine(framework);
            var snapshots = levels.Select((l, i) => Snapshot(engine, $"learner-{i}", l)).ToList();
            var root = Parse(ClassHeatMap.Render(framework, snapshots));

            var cells = root.Descendants(Svg + "rect").Where(r => Data(r, "learner") is not null).ToList();
            cells.Should().HaveCount(snapshots.Count * framework.Count);
            cells.Select(r => (Data(r, "learner"), Data(r, "competency"))).Should().OnlyHaveUniqueItems();
            for (var i = 0; i < snapshots.Count; i++)
            {
                var row = cells.Where(r => Data(r, "learner") == $"learner-{i}").OrderBy(r => Number(r, "x")).ToList();
                row.Select(r => Data(r, "competency")).Should().Equal(framework.TopologicalOrder.Select(id => id.Value));
                foreach (var cell in row)
                {
                    var level = snapshots[i].Get(new CompetencyId(Data(cell, "competency")!)).Level;
                    Data(cell, "level").Should().Be(level.ToString());
                    cell.Attribute("fill")!.Value.Should().Be(MasteryPalette.Default.ColorOf(level));
                    (Number(cell, "x") + Number(cell, "width")).Should().BeLessThanOrEqualTo(Number(root, "width"));
                    (Number(cell, "y") + Number(cell, "height")).Should().BeLessThanOrEqualTo(Number(root, "height"));
                }
            }
        }, iter: 60);
    }
}
