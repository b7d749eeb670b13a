using System.Collections.Immutable;
using System.Xml.Linq;
using CsCheck;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Pictures.Tests;

/// <summary>Frameworks, learners at chosen levels, and the SVG read back.</summary>
internal static class Classes
{
    internal static readonly DateTimeOffset Now = new(2026, 9, 7, 9, 0, 0, TimeSpan.Zero);
    internal static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>The latest score decides, and one piece of evidence can master: so a level is set by one score.</summary>
    private static readonly MasteryPolicy Policy = new(minimumEvidenceForMastered: 1);

    /// <summary>The score that the latest-score model and <see cref="Policy"/> turn into a level (thresholds 0.5, 0.7, 0.85).</summary>
    internal static double ScoreFor(MasteryLevel level) => level switch
    {
        MasteryLevel.Attempted => 0.2,
        MasteryLevel.Familiar => 0.6,
        MasteryLevel.Proficient => 0.75,
        MasteryLevel.Mastered => 0.95,
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    internal static PersonalizedLearningEngine Engine(CompetencyFramework framework, TimeProvider? clock = null)
    {
        var catalog = new ActivityCatalogBuilder(framework);
        foreach (var competency in framework.Competencies)
        {
            catalog.Add(new LearningActivity($"{competency.Id.Value}-practice", "Practice", ActivityKind.Practice, 20, [new(competency.Id)]));
            catalog.Add(new LearningActivity($"{competency.Id.Value}-check", "Checkpoint", ActivityKind.Assessment, 10, [new(competency.Id)]));
        }

        return new(catalog.Build(), RollupMasteryModel.Latest(), Policy, timeProvider: clock ?? new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));
    }

    /// <summary>A learner's snapshot with the given levels (competencies not named are not started).</summary>
    internal static MasterySnapshot Snapshot(CompetencyFramework framework, string learner, IReadOnlyDictionary<string, MasteryLevel> levels, DateTimeOffset? asOf = null) =>
        Snapshot(Engine(framework), learner, levels, asOf);

    internal static MasterySnapshot Snapshot(PersonalizedLearningEngine engine, string learner, IReadOnlyDictionary<string, MasteryLevel> levels, DateTimeOffset? asOf = null)
    {
        var evidence = levels.Where(l => l.Value != MasteryLevel.NotStarted)
            .Select((l, i) => Evidence.ForCompetency($"{learner}-{l.Key}", learner, l.Key, EvidenceOutcome.FromScore(ScoreFor(l.Value)), Now.AddMinutes(-1 - i)))
            .ToList();
        return engine.Assess(engine.Rebuild(learner, evidence), asOf ?? Now);
    }

    /// <summary>The diamond: A before B and C, both before D.</summary>
    internal static CompetencyFramework Diamond() => new CompetencyFrameworkBuilder("Diamond")
        .AddCompetency("A", "Count").AddCompetency("B", "Add").AddCompetency("C", "Subtract").AddCompetency("D", "Word problems")
        .AddPrerequisite("A", "B").AddPrerequisite("A", "C").AddPrerequisite("B", "D").AddPrerequisite("C", "D")
        .Build();

    /// <summary>A random framework: n competencies, each prerequisite from an earlier one to a later one (so no cycle),
    /// declared in a shuffled order so that declaration and topological order differ.</summary>
    internal static readonly Gen<CompetencyFramework> Frameworks =
        Gen.Int[1, 18].SelectMany(n => Gen.Bool.Array[n * n].SelectMany(links => Gen.Int[0, 1000].Select(seed => Build(n, links, seed))));

    private static CompetencyFramework Build(int n, bool[] links, int seed)
    {
        var builder = new CompetencyFrameworkBuilder("Generated");
        var order = Enumerable.Range(0, n).OrderBy(i => (i * 7919) ^ seed).ToArray();
        foreach (var i in order)
        {
            builder.AddCompetency($"K{i}", $"Competency {i} <&> \"{new string('x', i)}\"");
        }

        for (var from = 0; from < n; from++)
        {
            for (var to = from + 1; to < n; to++)
            {
                // About one link in four, and only to a near successor, so the graphs have depth and width.
                if (links[(from * n) + to] && links[(to * n) + from] && to - from <= 4)
                {
                    builder.AddPrerequisite($"K{from}", $"K{to}");
                }
            }
        }

        return builder.Build();
    }

    /// <summary>Random levels for every competency of a framework.</summary>
    internal static Gen<Dictionary<string, MasteryLevel>> Levels(CompetencyFramework framework) =>
        Gen.Enum<MasteryLevel>().Array[framework.Count].Select(levels =>
            framework.Competencies.Select((c, i) => (c.Id.Value, levels[i])).ToDictionary(x => x.Value, x => x.Item2));

    internal static XElement Parse(string svg)
    {
        var root = XDocument.Parse(svg).Root!;
        root.Name.Should().Be(Svg + "svg");
        return root;
    }

    internal static double Number(XElement element, string attribute) =>
        double.Parse(element.Attribute(attribute)!.Value, System.Globalization.CultureInfo.InvariantCulture);

    internal static string? Data(XElement element, string name) => element.Attribute("data-" + name)?.Value;

    internal static ImmutableArray<XElement> WithData(XElement root, string name, string value) =>
        [.. root.Descendants().Where(e => Data(e, name) == value)];
}
