using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.TestingHost;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Orleans;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Benchmarks.Orleans;

/// <summary>
/// What the Orleans layer costs: a piece of evidence recorded, and the top 3 next steps asked, for learners with about 100
/// pieces, through a learner grain (a client call to a one-silo in-process cluster over loopback TCP, the core's types
/// serialized as their JSON documents both ways) against the same call on <see cref="LearnerRecords"/> in the caller's
/// process (the baseline). Both over the in-memory store, so that the store's commit does not hide the difference. Each
/// call goes to the next of 1,000 learners.
/// </summary>
[MemoryDiagnoser]
public class LearnerGrainBenchmarks : IDisposable
{
    private const int Learners = 1_000;
    private static readonly TenantId Tenant = new("bench");
    private InProcessTestCluster _cluster = null!;
    private LearnerRecords _records = null!;
    private ILearnerGrain[] _grains = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var engine = Mastery.LearnerLogs.Engine();
        var store = new InMemoryEvidenceStore();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(engine);
            silo.Services.AddSingleton(new Planning.LearningPlanner(clock: engine.TimeProvider));
            silo.Services.AddSingleton<IEvidenceStore>(store);
            silo.AddPersonalizedLearningGrains().AddMemoryGrainStorage(PersonalizedLearningGrains.StorageName);
        });
        builder.ConfigureClient(client =>
        {
            client.Services.AddSingleton(engine);
            client.AddPersonalizedLearningClient();
        });
        _cluster = builder.Build();
        _cluster.DeployAsync().GetAwaiter().GetResult();
        _records = new LearnerRecords(engine, new InMemoryEvidenceStore(), new LearnerRecordsOptions { AssumeSingleWriter = true });
        _grains = new ILearnerGrain[Learners];
        for (var l = 0; l < Learners; l++)
        {
            var log = Mastery.LearnerLogs.Log(100, seed: l, $"learner{l}");
            _grains[l] = _cluster.Client.GetLearner(Tenant, $"learner{l}");
            _grains[l].RecordBatchAsync([.. log]).GetAwaiter().GetResult();
            _records.RecordBatchAsync(Tenant, $"learner{l}", log).AsTask().GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        _records?.Dispose();
        _cluster?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _cluster = null!;
        GC.SuppressFinalize(this);
    }

    private (int Learner, Evidence Piece) Next()
    {
        var n = Interlocked.Increment(ref _next);
        var learner = n % Learners;
        return (learner, Evidence.ForActivity($"x-{n}", $"learner{learner}", "a7", EvidenceOutcome.FromScore(0.8), Mastery.LearnerLogs.Start.AddDays(150)));
    }

    [Benchmark(Baseline = true, Description = "LearnerRecords.RecordAsync in process")]
    public ValueTask<LearnerState> RecordInProcess()
    {
        var (_, piece) = Next();
        return _records.RecordAsync(Tenant, piece);
    }

    [Benchmark(Description = "ILearnerGrain.RecordAsync from a client")]
    public Task RecordThroughGrain()
    {
        var (learner, piece) = Next();
        return _grains[learner].RecordAsync(piece);
    }

    [Benchmark(Description = "LearnerRecords.RecommendNextAsync(3) in process")]
    public ValueTask<NextStepResult> RecommendInProcess() => _records.RecommendNextAsync(Tenant, $"learner{Interlocked.Increment(ref _next) % Learners}", 3);

    [Benchmark(Description = "ILearnerGrain.RecommendNextAsync(3) from a client")]
    public Task<NextStepResult> RecommendThroughGrain() => _grains[Interlocked.Increment(ref _next) % Learners].RecommendNextAsync(3);
}
