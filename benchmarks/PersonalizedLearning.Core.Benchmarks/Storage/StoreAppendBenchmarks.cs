using BenchmarkDotNet.Attributes;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Benchmarks.Storage;

/// <summary>
/// Appending evidence to a store, per piece (OperationsPerInvoke): batched (100 pieces per append) and single (one per
/// append), by one writer and by 8 at once (each on learners of its own, so none waits on another's row). The store's
/// own cost: no folding. SQLite with synchronous=FULL (every commit on disk); PostgreSQL as eng/postgres.sh starts it
/// (fsync on). Throughput in pieces per second is 1e9 / the mean in ns.
/// </summary>
[MemoryDiagnoser]
public class StoreAppendBenchmarks
{
    private const int Batch = 100;
    private const int Writers = 8;
    private static readonly TenantId Tenant = new("bench");
    private IEvidenceStore _store = null!;
    private Action _remove = () => { };
    private int _next;

    [ParamsSource(nameof(Kinds))]
    public string Store { get; set; } = Stores.Sqlite;

    public static IEnumerable<string> Kinds() => Stores.Available();

    [GlobalSetup]
    public void Setup()
    {
        (_store, _remove) = Stores.Create(Store);
        _store.ReadAsync(Tenant, "warm").AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _remove();

    [Benchmark(Baseline = true, OperationsPerInvoke = 10 * Batch, Description = "batched (100 per append), 1 writer")]
    public Task Batched() => Write(1, 10, Batch);

    [Benchmark(OperationsPerInvoke = Writers * 2 * Batch, Description = "batched (100 per append), 8 writers")]
    public Task BatchedEightWriters() => Write(Writers, 2, Batch);

    [Benchmark(OperationsPerInvoke = 50, Description = "single (1 per append), 1 writer")]
    public Task SingleAppends() => Write(1, 50, 1);

    [Benchmark(OperationsPerInvoke = Writers * 10, Description = "single (1 per append), 8 writers")]
    public Task SingleEightWriters() => Write(Writers, 10, 1);

    // Each writer appends to a learner of its own, new for this invocation, at the version it knows.
    private Task Write(int writers, int appends, int size)
    {
        var run = Interlocked.Increment(ref _next);
        return Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            LearnerId learner = $"learner-{run}-{w}";
            var version = 0L;
            for (var a = 0; a < appends; a++)
            {
                var entries = Enumerable.Range(0, size).Select(i => EvidenceLogEntry.Recorded(Evidence.ForActivity(
                    $"{learner}-{a}-{i}", learner, "a3", EvidenceOutcome.FromScore(i % 11 / 10.0), Mastery.LearnerLogs.Start.AddMinutes((a * size) + i)))).ToList();
                version = (await _store.AppendAsync(Tenant, learner, version, entries)).Version;
            }
        })));
    }
}
