using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Benchmarks.Storage;

/// <summary>
/// After a model change: <see cref="LearnerRecords.RebuildAsync"/> over 10,000 learners × 100 pieces (1,000,000 pieces)
/// in the store, reading each log, folding it with the new model and saving its snapshot, with progress. Each iteration
/// switches the model (Canvas's decaying average, then the latest score), so every learner is rebuilt every time. One
/// invocation per iteration; the mean is the whole rebuild. The in-memory Rebuild of the same logs is the baseline.
/// </summary>
[MemoryDiagnoser]
[JobUnlessGiven(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 3)]
public class StoreRebuildBenchmarks
{
    private const int Learners = 10_000;
    private const int Pieces = 100;
    private static readonly TenantId Tenant = new("bench");
    private IEvidenceStore _store = null!;
    private Action _remove = () => { };
    private PersonalizedLearningEngine[] _engines = [];
    private Observations.Evidence[][] _logs = [];
    private int _iteration;
    private long _reported;

    [ParamsSource(nameof(Kinds))]
    public string Store { get; set; } = Stores.Sqlite;

    public static IEnumerable<string> Kinds() => Stores.Available();

    [GlobalSetup]
    public void Setup()
    {
        (_store, _remove) = Stores.Create(Store);
        var engine = Benchmarks.Mastery.LearnerLogs.Engine();
        _engines = [engine, new PersonalizedLearningEngine(engine.Catalog, RollupMasteryModel.Latest(), timeProvider: engine.TimeProvider)];
        _logs = [.. Enumerable.Range(0, Learners).Select(l => Benchmarks.Mastery.LearnerLogs.Log(Pieces, seed: l, $"learner{l}"))];
        Parallel.ForEach(_logs, new ParallelOptions { MaxDegreeOfParallelism = 4 }, log =>
            _store.AppendAsync(Tenant, log[0].Learner, 0, [.. log.Select(EvidenceLogEntry.Recorded)]).AsTask().GetAwaiter().GetResult());
    }

    [GlobalCleanup]
    public void Cleanup() => _remove();

    [Benchmark(Baseline = true, Description = "engine.Rebuild of the same logs, in memory")]
    public int InMemory() => _logs.Sum(log => _engines[_iteration++ % 2].Rebuild(log[0].Learner, log).EvidenceCount);

    [Benchmark(Description = "LearnerRecords.RebuildAsync after a model change, 1,000,000 pieces")]
    public async Task<int> AfterModelChange()
    {
        using var records = new LearnerRecords(_engines[_iteration++ % 2], _store, new LearnerRecordsOptions { CachedLearners = 0 });
        var report = await records.RebuildAsync(Tenant, new Progress(p => Interlocked.Exchange(ref _reported, p.Entries)));
        return report.Rebuilt;
    }

    private sealed class Progress(Action<RecordsRebuildProgress> report) : IProgress<RecordsRebuildProgress>
    {
        public void Report(RecordsRebuildProgress value) => report(value);
    }
}
