using System.Collections.Immutable;
using CsCheck;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Tests;

/// <summary>Small definitions the tests share, and generators for random ones.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset Start = new(2026, 9, 7, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A diamond with a tail: A → B, A → C, B → D, C → D, D → E (prerequisite → dependent), all children of U.
    /// </summary>
    public static CompetencyFramework Diamond() => new CompetencyFrameworkBuilder("Diamond")
        .AddCompetency("U", "Unit")
        .AddCompetency("A", "Alpha")
        .AddCompetency("B", "Beta")
        .AddCompetency("C", "Gamma")
        .AddCompetency("D", "Delta")
        .AddCompetency("E", "Epsilon")
        .AddChild("U", "A").AddChild("U", "B").AddChild("U", "C").AddChild("U", "D").AddChild("U", "E")
        .AddPrerequisite("A", "B").AddPrerequisite("A", "C").AddPrerequisite("B", "D").AddPrerequisite("C", "D").AddPrerequisite("D", "E")
        .AddRelated("B", "C")
        .Build();

    /// <summary>For every competency but U: a lesson, a practice set and a checkpoint, aligned with weight 1.</summary>
    public static ActivityCatalog CatalogFor(CompetencyFramework framework)
    {
        var builder = new ActivityCatalogBuilder(framework);
        foreach (var c in framework.Competencies.Where(c => c.Id != "U"))
        {
            var id = c.Id.Value.ToLowerInvariant();
            builder.Add(new LearningActivity($"{id}-lesson", $"Lesson {c.Title}", ActivityKind.Lesson, 10, [new(c.Id)]));
            builder.Add(new LearningActivity($"{id}-practice", $"Practice {c.Title}", ActivityKind.Practice, 15, [new(c.Id)]));
            builder.Add(new LearningActivity($"{id}-check", $"Checkpoint {c.Title}", ActivityKind.Assessment, 10, [new(c.Id)]));
        }

        return builder.Build();
    }

    /// <summary>A random acyclic framework: n competencies "c0".."c{n-1}", prerequisite edges only from lower to higher index.</summary>
    public static readonly Gen<(int Count, (int From, int To)[] Edges)> RandomDag =
        from n in Gen.Int[1, 25]
        from pairs in Gen.Select(Gen.Int[0, n - 1], Gen.Int[0, n - 1]).Array[0, 3 * n]
        select (n, pairs.Where(p => p.Item1 != p.Item2)
            .Select(p => (Math.Min(p.Item1, p.Item2), Math.Max(p.Item1, p.Item2)))
            .Distinct()
            .ToArray());

    public static CompetencyFramework Build((int Count, (int From, int To)[] Edges) dag)
    {
        var builder = new CompetencyFrameworkBuilder("random");
        for (var i = 0; i < dag.Count; i++)
        {
            builder.AddCompetency($"c{i}", $"Competency {i}");
        }

        foreach (var (from, to) in dag.Edges)
        {
            builder.AddPrerequisite($"c{from}", $"c{to}");
        }

        return builder.Build();
    }

    public static ImmutableArray<ActivityAlignment> Align(string competency, double weight = 1) => [new(competency, weight)];
}
