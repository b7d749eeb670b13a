using BenchmarkDotNet.Attributes;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Benchmarks.Storage;

/// <summary>
/// One piece of evidence recorded for a learner with 100 pieces, through <see cref="LearnerRecords"/>: fold, append with
/// the expected version, keep. "Kept" is the usual case (the learner's state in memory); "cold" loads it first from its
/// snapshot and the log after it (no state kept between calls). The baseline is the engine's Record alone, in memory.
/// Look at the median for the p50.
/// </summary>
[MemoryDiagnoser]
public class RecordRoundTripBenchmarks : IDisposable
{
    private static readonly TenantId Tenant = new("bench");
    private PersonalizedLearningEngine _engine = null!;
    private IEvidenceStore _store = null!;
    private Action _remove = () => { };
    private LearnerRecords _kept = null!;
    private LearnerRecords _cold = null!;
    private LearnerState _state = null!;
    private int _next;

    [ParamsSource(nameof(Kinds))]
    public string Store { get; set; } = Stores.Sqlite;

    public static IEnumerable<string> Kinds() => Stores.Available();

    [GlobalSetup]
    public void Setup()
    {
        _engine = Mastery.LearnerLogs.Engine();
        (_store, _remove) = Stores.Create(Store);
        _kept = new LearnerRecords(_engine, _store);
        _cold = new LearnerRecords(_engine, _store, new LearnerRecordsOptions { CachedLearners = 0 });
        var log = Mastery.LearnerLogs.Log(100, seed: 1, "ana");
        _state = _kept.RecordBatchAsync(Tenant, "ana", log).AsTask().GetAwaiter().GetResult();
        _kept.RecordBatchAsync(Tenant, "bob", Mastery.LearnerLogs.Log(100, seed: 2, "bob")).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        _kept?.Dispose();
        _cold?.Dispose();
        _remove();
        _remove = () => { };
        GC.SuppressFinalize(this);
    }

    private Evidence Piece(string learner) => Evidence.ForActivity($"x-{Interlocked.Increment(ref _next)}", learner, "a7", EvidenceOutcome.FromScore(0.8), Mastery.LearnerLogs.Start.AddDays(150));

    [Benchmark(Baseline = true, Description = "engine.Record alone, in memory (no store)")]
    public LearnerState InMemory() => _engine.Record(_state, Piece("ana"));

    [Benchmark(Description = "LearnerRecords.RecordAsync, state kept")]
    public ValueTask<LearnerState> Kept() => _kept.RecordAsync(Tenant, Piece("ana"));

    [Benchmark(Description = "LearnerRecords.RecordAsync, cold (snapshot + tail loaded)")]
    public ValueTask<LearnerState> Cold() => _cold.RecordAsync(Tenant, Piece("bob"));
}
