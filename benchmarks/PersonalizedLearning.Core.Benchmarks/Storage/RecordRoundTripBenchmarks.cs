using BenchmarkDotNet.Attributes;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Benchmarks.Storage;

/// <summary>
/// One piece of evidence recorded for a learner with about 100 pieces, through <see cref="LearnerRecords"/>: fold, append
/// with the expected version, keep (and every 100 entries of a learner, save its snapshot). Each call goes to the next of
/// 1,000 learners of 100 pieces, so they stay near that size however many calls the run makes. "Kept" is the usual case
/// (the learner's state in memory); "cold" loads it first from its snapshot and the log after it (no state kept). The
/// baseline is the engine's Record alone, in memory. Look at the median for the p50.
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
    private LearnerState? _state;
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
        for (var l = 0; l < Learners; l++)
        {
            var state = _kept.RecordBatchAsync(Tenant, $"learner{l}", Mastery.LearnerLogs.Log(100, seed: l, $"learner{l}")).AsTask().GetAwaiter().GetResult();
            _state ??= state;
        }
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

    private const int Learners = 1_000;

    private Evidence Piece(string? learner = null)
    {
        var n = Interlocked.Increment(ref _next);
        return Evidence.ForActivity($"x-{n}", learner ?? $"learner{n % Learners}", "a7", EvidenceOutcome.FromScore(0.8), Mastery.LearnerLogs.Start.AddDays(150));
    }

    [Benchmark(Baseline = true, Description = "engine.Record alone, in memory (no store)")]
    public LearnerState InMemory() => _engine.Record(_state!, Piece(_state!.Learner.Value));

    [Benchmark(Description = "LearnerRecords.RecordAsync, state kept")]
    public ValueTask<LearnerState> Kept() => _kept.RecordAsync(Tenant, Piece());

    [Benchmark(Description = "LearnerRecords.RecordAsync, cold (snapshot + tail loaded)")]
    public ValueTask<LearnerState> Cold() => _cold.RecordAsync(Tenant, Piece());
}
