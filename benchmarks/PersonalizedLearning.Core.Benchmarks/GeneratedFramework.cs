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
}
