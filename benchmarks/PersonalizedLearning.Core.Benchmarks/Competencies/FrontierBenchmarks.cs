using BenchmarkDotNet.Attributes;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Benchmarks.Competencies;

/// <summary>
/// The frontier (not mastered, every prerequisite mastered) of a layered framework of <see cref="Size"/>
/// competencies with up to three prerequisites each, for a learner who has mastered the first 40% in
/// topological order. The baseline is the straightforward version over string-keyed dictionaries and sets.
/// </summary>
[MemoryDiagnoser]
public class FrontierBenchmarks
{
    private CompetencyFramework _framework = null!;
    private Dictionary<string, List<string>> _prerequisitesByName = [];
    private HashSet<string> _masteredNames = [];
    private CompetencyId[] _masteredIds = [];
    private ulong[] _masteredBits = [];
    private int[] _masteredIndices = [];
    private readonly List<int> _frontier = [];

    [Params(1_000, 10_000)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var builder = new CompetencyFrameworkBuilder("benchmark");
        _prerequisitesByName = [];
        for (var i = 0; i < Size; i++)
        {
            builder.AddCompetency($"c{i}", $"Competency {i}");
            _prerequisitesByName[$"c{i}"] = [];
        }

        for (var i = 1; i < Size; i++)
        {
            foreach (var p in Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(Math.Max(0, i - 50), i)).Distinct())
            {
                builder.AddPrerequisite($"c{p}", $"c{i}");
                _prerequisitesByName[$"c{i}"].Add($"c{p}");
            }
        }

        _framework = builder.Build();
        _masteredIds = [.. _framework.TopologicalOrder.Take(Size * 2 / 5)];
        _masteredNames = [.. _masteredIds.Select(i => i.Value)];
        _masteredIndices = [.. _masteredIds.Select(_framework.IndexOf)];
        _masteredBits = new ulong[(Size + 63) >> 6];
        foreach (var i in _masteredIndices)
        {
            _masteredBits[i >> 6] |= 1UL << i;
        }
    }

    [Benchmark(Baseline = true, Description = "string dictionaries")]
    public int StringKeyed()
    {
        var frontier = new List<string>();
        foreach (var (competency, prerequisites) in _prerequisitesByName)
        {
            if (!_masteredNames.Contains(competency) && prerequisites.All(_masteredNames.Contains))
            {
                frontier.Add(competency);
            }
        }

        return frontier.Count;
    }

    [Benchmark(Description = "dense indices (engine path)")]
    public int DenseIndices()
    {
        _frontier.Clear();
        _framework.FillFrontier(_masteredBits, _masteredIndices, _frontier);
        return _frontier.Count;
    }

    [Benchmark(Description = "public GetFrontier(ids)")]
    public int PublicApi() => _framework.GetFrontier(_masteredIds).Length;
}
