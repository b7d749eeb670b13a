using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Benchmarks;

/// <summary>The generated framework the decision benchmarks share.</summary>
internal static class GeneratedFramework
{
    /// <summary>Competencies "c0".."c{size-1}", each after the first with one to three prerequisites among the 50 before
    /// it, drawn from <paramref name="random"/> (which the caller goes on using for its catalog).</summary>
    public static CompetencyFramework Layered(int size, Random random)
    {
        var builder = new CompetencyFrameworkBuilder("benchmark");
        for (var i = 0; i < size; i++)
        {
            builder.AddCompetency($"c{i}", $"Competency {i}");
        }

        for (var i = 1; i < size; i++)
        {
            foreach (var p in Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(Math.Max(0, i - 50), i)).Distinct())
            {
                builder.AddPrerequisite($"c{p}", $"c{i}");
            }
        }

        return builder.Build();
    }

    /// <summary>The playlist benchmarks' catalog: for each competency "c{i}" of <paramref name="framework"/>, a practice
    /// and a video of minutes drawn from <paramref name="random"/>, a worksheet and a checkpoint.</summary>
    public static ActivityCatalog FourActivitiesEach(CompetencyFramework framework, Random random)
    {
        var catalog = new ActivityCatalogBuilder(framework);
        for (var i = 0; i < framework.Count; i++)
        {
            catalog.Add(new LearningActivity($"c{i}-practice", "practice", ActivityKind.Practice, 10 + random.Next(10), [new($"c{i}")]));
            catalog.Add(new LearningActivity($"c{i}-video", "video", ActivityKind.Video, 5 + random.Next(10), [new($"c{i}")], LearningModality.Media));
            catalog.Add(new LearningActivity($"c{i}-sheet", "worksheet", ActivityKind.Practice, 15, [new($"c{i}")], LearningModality.Print));
            catalog.Add(new LearningActivity($"c{i}-check", "checkpoint", ActivityKind.Assessment, 10, [new($"c{i}")]));
        }

        return catalog.Build();
    }
}
