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
