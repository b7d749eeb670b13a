using BenchmarkDotNet.Attributes;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Benchmarks.Insights;

/// <summary>
/// Small groups for 1,000 learners whose next competencies fall on 40 of a 200-competency framework, at most 5 per
/// group. The baseline sorts the learners by (next competency, id) alone, the least any grouping must do.
/// </summary>
[MemoryDiagnoser]
public class SmallGroupBenchmarks
{
    private CompetencyFramework _framework = null!;
    private (LearnerId Learner, CompetencyId? Next)[] _next = [];

    [GlobalSetup]
    public void Setup()
    {
        var builder = new CompetencyFrameworkBuilder("benchmark");
        for (var i = 0; i < 200; i++)
        {
            builder.AddCompetency($"c{i}", $"Competency {i}");
            if (i > 0)
            {
                builder.AddPrerequisite($"c{i - 1}", $"c{i}");
            }
        }

        _framework = builder.Build();
        var random = new Random(3);
        _next = [.. Enumerable.Range(0, 1_000).Select(i => (new LearnerId($"learner{i:D4}"), (CompetencyId?)new CompetencyId($"c{random.Next(40) * 5}")))];
    }

    [Benchmark(Baseline = true, Description = "sort by (next, id) only")]
    public int SortOnly()
    {
        var copy = _next.ToArray();
        Array.Sort(copy, (a, b) => a.Next!.Value.CompareTo(b.Next!.Value) is var c && c != 0 ? c : string.CompareOrdinal(a.Learner.Value, b.Learner.Value));
        return copy.Length;
    }

    [Benchmark(Description = "form groups of at most 5")]
    public SmallGroupPlan Form() => SmallGroups.Form(_framework, _next, 5);
}
