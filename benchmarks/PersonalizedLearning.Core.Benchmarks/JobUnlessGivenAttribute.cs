using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace PersonalizedLearning.Benchmarks;

/// <summary>
/// A class's own job (like <c>[SimpleJob]</c>) that yields to a job given on the command line: BenchmarkDotNet runs an
/// attribute's job beside a <c>--job</c> one, so CI's <c>--job dry</c> also ran a long class's three measured iterations
/// (StoreRebuildBenchmarks: 1,000,000 pieces per rebuild, per store), which under load took it past its 30-minute limit.
/// </summary>
/// <param name="strategy">The run strategy.</param>
/// <param name="warmupCount">Warm-up iterations.</param>
/// <param name="iterationCount">Measured iterations.</param>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class JobUnlessGivenAttribute(RunStrategy strategy, int warmupCount, int iterationCount) : Attribute, IConfigSource
{
    /// <summary>The job, or nothing when the command line names one (<c>--job</c>, <c>-j</c>).</summary>
    public IConfig Config { get; } = Environment.GetCommandLineArgs().Any(a => a is "--job" or "-j" || a.StartsWith("--job=", StringComparison.Ordinal))
        ? ManualConfig.CreateEmpty()
        : ManualConfig.CreateEmpty().AddJob(Job.Default.WithStrategy(strategy).WithLaunchCount(1).WithWarmupCount(warmupCount).WithIterationCount(iterationCount));
}
