using BenchmarkDotNet.Attributes;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.Hierarchy;

namespace PersonalizedLearning.Benchmarks.Mastery.Hierarchy;

/// <summary>
/// Rolling a 5,011-competency hierarchy (a course of 10 units × 10 clusters × 49 competencies) up after one piece of
/// evidence changes one competency's level. The baseline evaluates every node again; <see cref="HierarchyRollup.Update"/>
/// walks only from the changed competency up, stopping where nothing changes.
/// </summary>
[MemoryDiagnoser]
public class HierarchyRollupBenchmarks
{
    private HierarchyRollup _rollup = null!;
    private HierarchyRollupResult _result = null!;
    private Dictionary<CompetencyId, MasteryLevel> _levels = [];
    private CompetencyId _leaf;
    private int _flip;

    [GlobalSetup]
    public void Setup()
    {
        var builder = new CompetencyFrameworkBuilder("course").AddCompetency("course", "Course");
        var leaves = new List<string>();
        for (var u = 0; u < 10; u++)
        {
            builder.AddCompetency($"u{u}", $"Unit {u}").AddChild("course", $"u{u}");
            for (var c = 0; c < 10; c++)
            {
                builder.AddCompetency($"u{u}c{c}", $"Cluster {u}.{c}").AddChild($"u{u}", $"u{u}c{c}");
                for (var k = 0; k < 49; k++)
                {
                    var id = $"u{u}c{c}k{k}";
                    builder.AddCompetency(id, id).AddChild($"u{u}c{c}", id);
                    leaves.Add(id);
                }
            }
        }

        _rollup = new HierarchyRollup(builder.Build());
        _levels = leaves.ToDictionary(l => new CompetencyId(l), _ => MasteryLevel.Proficient);
        _leaf = "u3c4k7";
        _result = _rollup.Evaluate(_levels);
    }

    [Benchmark(Baseline = true, Description = "evaluate all 5,011 again")]
    public HierarchyStatus EvaluateAll()
    {
        _levels[_leaf] = (_flip++ & 1) == 0 ? MasteryLevel.Familiar : MasteryLevel.Proficient;
        return _rollup.Evaluate(_levels)["course"];
    }

    [Benchmark(Description = "Update after one piece of evidence")]
    public HierarchyStatus Update()
        => _rollup.Update(_result, _leaf, (_flip++ & 1) == 0 ? MasteryLevel.Familiar : MasteryLevel.Proficient)["course"];
}
