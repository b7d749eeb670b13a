using BenchmarkDotNet.Attributes;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Samples;
using PersonalizedLearning.Simulation;

namespace PersonalizedLearning.Benchmarks.Mastery.KnowledgeTracing;

/// <summary>
/// The full BKT fit with pyBKT's defaults (5 restarts, tolerance 1e-3, at most 100 iterations), standard BKT, on the
/// real logs of <c>../shared/data/kt</c> (when present) and on a generated log (always). The baseline is the same fit on
/// one thread; the other row uses both cores. This measures the steady state of a long-running process; the comparison
/// with pyBKT is <c>eng/pybkt/side-by-side.sh</c>, which times both in one run (benchmarks/README.md).
/// </summary>
[MemoryDiagnoser]
public class BktFitBenchmarks
{
    private ResponseLog _log = null!;

    [ParamsSource(nameof(Datasets))]
    public string Dataset { get; set; } = "";

    public static IEnumerable<string> Datasets()
    {
        yield return "synthetic";
        foreach (var name in new[] { "glops_pardos2010", "statics2011_dkvmn" })
        {
            if (SharedDataFolder.Find($"kt/{name}.csv") is not null)
            {
                yield return name;
            }
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        _log = Dataset == "synthetic"
            ? BktResponseSimulator.Simulate(
                Enumerable.Range(0, 20).Select(i => new BktCompetencyParameters($"k{i}", new BktParameters(0.2 + (i % 5 * 0.1), 0.1 + (i % 3 * 0.05), 0.2, 0.1))),
                learners: 500, attempts: 8, seed: 1)
            : ResponseLogCsv.Read(SharedDataFolder.Find($"kt/{Dataset}.csv")!);
    }

    [Benchmark(Baseline = true, Description = "fit, 1 thread")]
    public double FitOneThread() => BktFitter.Fit(_log, BktFitOptions.Default with { FitSingleClassCompetencies = true, MaxDegreeOfParallelism = 1 }).LogLikelihood;

    [Benchmark(Description = "fit, 2 threads")]
    public double FitTwoThreads() => BktFitter.Fit(_log, BktFitOptions.Default with { FitSingleClassCompetencies = true, MaxDegreeOfParallelism = 2 }).LogLikelihood;
}
