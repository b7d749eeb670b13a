using System.Collections.Immutable;
using CsCheck;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

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

    /// <summary>
    /// Goals on parents (issue 21, fresh review A). Hierarchy: G has children U and D; U has children B and C; H has the
    /// child K. Prerequisite: B → C. Declared G, U, D, C, B, H, K, Z, so that neither a parent nor C comes after what
    /// it needs by declaration. Activities: a practice (10 min) and a checkpoint (5 min) for each of B, C, D, K and Z,
    /// and for the parent H; none for the parents U and G, which are reached through their children.
    /// </summary>
    public static ActivityCatalog Units()
    {
        var framework = new CompetencyFrameworkBuilder("units")
            .AddCompetency("G", "Grade").AddCompetency("U", "Unit").AddCompetency("D", "Delta").AddCompetency("C", "Gamma")
            .AddCompetency("B", "Beta").AddCompetency("H", "Half").AddCompetency("K", "Kappa").AddCompetency("Z", "Zeta")
            .AddChild("G", "U").AddChild("G", "D").AddChild("U", "B").AddChild("U", "C").AddChild("H", "K")
            .AddPrerequisite("B", "C")
            .Build();
        var builder = new ActivityCatalogBuilder(framework);
        foreach (var id in new[] { "B", "C", "D", "H", "K", "Z" })
        {
            var lower = id.ToLowerInvariant();
            builder.Add(new LearningActivity($"{lower}-practice", $"Practice {id}", ActivityKind.Practice, 10, Align(id)));
            builder.Add(new LearningActivity($"{lower}-check", $"Checkpoint {id}", ActivityKind.Assessment, 5, Align(id)));
        }

        return builder.Build();
    }

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

    /// <summary>
    /// A → B → C and A → X, with Z apart. Each has one practice and one checkpoint (A 20 + 10 min, B 30 + 10, C 40 + 20,
    /// X 15 + 5), Z a practice of 5: a Guided step takes A 30, B 40, C 60, X 20 minutes.
    /// </summary>
    public static readonly ActivityCatalog PlanCatalog = BuildPlanCatalog();

    private static ActivityCatalog BuildPlanCatalog()
    {
        var framework = new CompetencyFrameworkBuilder("plan")
            .AddCompetency("A", "A").AddCompetency("B", "B").AddCompetency("C", "C").AddCompetency("X", "X").AddCompetency("Z", "Z")
            .AddPrerequisite("A", "B").AddPrerequisite("B", "C").AddPrerequisite("A", "X")
            .Build();
        return new ActivityCatalogBuilder(framework)
            .Add(new LearningActivity("a-practice", "A practice", ActivityKind.Practice, 20, Align("A")))
            .Add(new LearningActivity("a-check", "A check", ActivityKind.Assessment, 10, Align("A")))
            .Add(new LearningActivity("b-practice", "B practice", ActivityKind.Practice, 30, Align("B")))
            .Add(new LearningActivity("b-check", "B check", ActivityKind.Assessment, 10, Align("B")))
            .Add(new LearningActivity("c-practice", "C practice", ActivityKind.Practice, 40, Align("C")))
            .Add(new LearningActivity("c-check", "C check", ActivityKind.Assessment, 20, Align("C")))
            .Add(new LearningActivity("x-practice", "X practice", ActivityKind.Practice, 15, Align("X")))
            .Add(new LearningActivity("x-check", "X check", ActivityKind.Assessment, 5, Align("X")))
            .Add(new LearningActivity("z-practice", "Z practice", ActivityKind.Practice, 5, Align("Z")))
            .Build();
    }

    /// <summary>A learner's mastery at <see cref="Start"/> after two correct answers on each of the competencies.</summary>
    public static MasterySnapshot Mastered(PersonalizedLearningEngine engine, string learner, params string[] competencies) =>
        engine.Assess(engine.Rebuild(learner, [.. competencies.SelectMany((c, i) => new[]
        {
            Evidence.ForCompetency($"{learner}{c}{i}a", learner, c, EvidenceOutcome.Correct, Start),
            Evidence.ForCompetency($"{learner}{c}{i}b", learner, c, EvidenceOutcome.Correct, Start),
        })]), Start);

    /// <summary>
    /// A random acyclic framework: n competencies "c0".."c{n-1}" declared in a random order, with prerequisite edges that
    /// follow a second, hidden random order (so neither the names nor the declaration order is a topological order, and a
    /// framework that sorted by either would be caught).
    /// </summary>
    public static readonly Gen<RandomFramework> RandomDag =
        from n in Gen.Int[1, 25]
        from hidden in Permutation(n)
        from declared in Permutation(n)
        from pairs in Gen.Select(Gen.Int[0, n - 1], Gen.Int[0, n - 1]).Array[0, 3 * n]
        select new RandomFramework(n, [.. pairs.Where(p => p.Item1 != p.Item2)
            .Select(p => (hidden[Math.Min(p.Item1, p.Item2)], hidden[Math.Max(p.Item1, p.Item2)]))
            .Distinct()], declared);

    /// <summary>
    /// <see cref="RandomDag"/> with, half the time, a hierarchy over it (issue 21, fresh review A: goals on parents): in a
    /// third hidden order, each competency after the first is, with probability one half, the child of one competency
    /// before it, so the hierarchy is a forest with parents of one to several children and grandchildren. It follows
    /// neither the prerequisites nor the declaration order: a parent may be a prerequisite of its own descendant (the
    /// two relations together then hold a cycle, which each alone allows).
    /// </summary>
    public static readonly Gen<RandomFramework> RandomDagWithHierarchy =
        from dag in RandomDag
        from hierarchy in Gen.Bool
        from order in Permutation(dag.Count)
        from draws in Gen.Int[0, int.MaxValue - 1].Array[dag.Count]
        select hierarchy
            ? dag with
            {
                Children = Forest(dag, order, draws),
            }
            : dag;

    // Each competency after the first in `order` gets, about half the time, a parent earlier in it (so no cycle), unless
    // that parent or one of its ancestors is a prerequisite of it: a competency cannot be a prerequisite of its own
    // descendant (CompetencyFrameworkBuilder refuses it as a cycle through the hierarchy).
    private static (int Parent, int Child)[] Forest(RandomFramework dag, int[] order, int[] draws)
    {
        var prerequisites = dag.Edges.ToHashSet();
        var parentOf = Enumerable.Repeat(-1, dag.Count).ToArray();
        var children = new List<(int, int)>();
        for (var p = 1; p < dag.Count; p++)
        {
            if (draws[p] % (2 * p) >= p)
            {
                continue;
            }

            var (parent, child) = (order[draws[p] % (2 * p)], order[p]);
            var clash = false;
            for (var a = parent; a >= 0 && !clash; a = parentOf[a])
            {
                clash = prerequisites.Contains((a, child));
            }

            if (!clash)
            {
                parentOf[child] = parent;
                children.Add((parent, child));
            }
        }

        return [.. children];
    }

    /// <summary>A random permutation of 0..n-1 (sorting random keys, so that CsCheck can shrink it).</summary>
    public static Gen<int[]> Permutation(int n) =>
        Gen.Int.Array[n].Select(keys => Enumerable.Range(0, n).OrderBy(i => keys[i]).ThenBy(i => i).ToArray());

    /// <summary>Builds <paramref name="dag"/>: its competencies in their declaration order, then its prerequisite edges.</summary>
    public static CompetencyFramework Build(RandomFramework dag)
    {
        var builder = new CompetencyFrameworkBuilder("random");
        foreach (var i in dag.Declared)
        {
            builder.AddCompetency($"c{i}", $"Competency {i}");
        }

        foreach (var (from, to) in dag.Edges)
        {
            builder.AddPrerequisite($"c{from}", $"c{to}");
        }

        foreach (var (parent, child) in dag.Children)
        {
            builder.AddChild($"c{parent}", $"c{child}");
        }

        return builder.Build();
    }

    /// <summary>
    /// A review history of (rating 1..4, gap) pairs that, seven times in eight, holds every rating (Again, Hard, Good,
    /// Easy) at random places among up to <paramref name="extra"/> more random reviews; otherwise 1 to 3 random reviews.
    /// </summary>
    public static Gen<(int Rating, int Gap)[]> FsrsHistory(Gen<int> gaps, int extra) =>
        Gen.Frequency(
            (7, from each in gaps.Array[4]
                from more in Gen.Select(Gen.Int[1, 4], gaps).Array[0, extra]
                from order in Permutation(4 + more.Length)
                let all = each.Select((gap, r) => (r + 1, gap)).Concat(more).ToArray()
                select order.Select(i => all[i]).ToArray()),
            (1, Gen.Select(Gen.Int[1, 4], gaps).Array[1, 3]));

    public static ImmutableArray<ActivityAlignment> Align(string competency, double weight = 1) => [new(competency, weight)];
}

/// <summary>A generated framework: <see cref="Count"/> competencies "c{i}", prerequisite edges (prerequisite, dependent) by index,
/// the order in which the competencies are declared, and hierarchy edges (parent, child) by index, none unless given.</summary>
internal sealed record RandomFramework(int Count, (int From, int To)[] Edges, int[] Declared)
{
    /// <summary>The hierarchy: (parent, child) by index.</summary>
    public (int Parent, int Child)[] Children { get; init; } = [];

    /// <summary>Whether the competency has children.</summary>
    public bool IsParent(int competency) => Children.Any(e => e.Parent == competency);

    /// <summary>True when declaring in <see cref="Declared"/> order puts some dependent before its prerequisite.</summary>
    public bool DeclaredOutOfOrder
    {
        get
        {
            var position = new int[Count];
            for (var p = 0; p < Count; p++)
            {
                position[Declared[p]] = p;
            }

            return Edges.Any(e => position[e.From] > position[e.To]);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Count} declared [{string.Join(",", Declared)}] edges [{string.Join(",", Edges.Select(e => $"{e.From}>{e.To}"))}]"
        + (Children.Length == 0 ? string.Empty : $" children [{string.Join(",", Children.Select(e => $"{e.Parent}/{e.Child}"))}]");
}
