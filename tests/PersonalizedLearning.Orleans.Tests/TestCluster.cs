using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Orleans.Tests;

/// <summary>A cluster of in-process silos over one evidence store and one grain storage, as silos of one platform share a
/// database: what a silo held in memory goes with it, what is stored stays.</summary>
internal sealed class LearningCluster : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 9, 7, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = Start.AddDays(60);

    private LearningCluster(InProcessTestCluster cluster, InMemoryEvidenceStore store, PersonalizedLearningEngine engine, CallCounter classViews)
    {
        Cluster = cluster;
        Store = store;
        Engine = engine;
        ClassViewCalls = classViews;
    }

    /// <summary>How many times a learner grain was asked to join a class and answer with its mastery (a class grain
    /// reading a learner, when it enrolls it or activates).</summary>
    public CallCounter ClassViewCalls { get; }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public InMemoryEvidenceStore Store { get; }

    /// <summary>The grain storage every silo shares.</summary>
    public SharedGrainStorage GrainStorage { get; private init; } = null!;

    /// <summary>An engine over the same catalog, model and clock as the silos', to compute what the grains should answer.</summary>
    public PersonalizedLearningEngine Engine { get; }

    public static async Task<LearningCluster> StartAsync(short silos = 3)
    {
        var store = new InMemoryEvidenceStore();
        var storage = new SharedGrainStorage();
        var classViews = new CallCounter();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            Register(silo.Services);
            silo.Services.AddSingleton<IEvidenceStore>(store);
            silo.Services.AddGrainStorage(PersonalizedLearningGrains.StorageName, (_, _) => storage);
            silo.Services.AddSingleton(storage);
            // Stuck after 4 attempts: the class grains take the engine's recommender's count (the option is left unset).
            silo.AddPersonalizedLearningGrains();
            // A call in flight to a killed silo fails after this, and is sent again by the caller.
            silo.Services.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
            silo.AddIncomingGrainCallFilter(call =>
            {
                if (call.InterfaceMethod.Name == nameof(ILearnerGrain.JoinClassAsync))
                {
                    classViews.Increment();
                }

                return call.Invoke();
            });
        });
        builder.ConfigureClient(client =>
        {
            Register(client.Services);
            client.AddPersonalizedLearningClient();
            client.Services.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new LearningCluster(cluster, store, CreateEngine(), classViews) { GrainStorage = storage };
    }

    /// <summary>A → B → C → D, and E with no prerequisite; a practice activity each and a project on C and D.</summary>
    public static ActivityCatalog Catalog { get; } = CreateCatalog();

    public static PersonalizedLearningEngine CreateEngine() => new(Catalog, RollupMasteryModel.DecayingAverage(),
        recommender: new Recommendations.AdaptiveRecommender(new Recommendations.RecommenderOptions(wheelSpinningAttempts: 4)), timeProvider: new FakeTimeProvider(Now));

    public static Evidence Piece(string id, string learner, string competency, double score, int minutes) =>
        Evidence.ForCompetency(id, learner, competency, EvidenceOutcome.FromScore(score), Start.AddMinutes(minutes));

    /// <summary>The learner's state folded from its stored log: the truth every answer must agree with.</summary>
    public async Task<Learners.LearnerState> RebuildAsync(TenantId tenant, Learners.LearnerId learner)
    {
        var log = await Store.ReadAsync(tenant, learner);
        return Engine.Rebuild(learner, log.Entries.Where(e => e.Evidence is not null).Select(e => e.Evidence!), log.Entries.Where(e => e.Evidence is null).Select(e => e.Id));
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    private static void Register(IServiceCollection services)
    {
        // The engine's clock is fixed so that answers can be compared; Orleans keeps the system clock.
        services.AddSingleton(CreateEngine());
        services.AddSingleton(new Planning.LearningPlanner(clock: new FakeTimeProvider(Now)));
        services.AddPersonalizedLearning(o => o.Catalog = Catalog);
    }

    private static ActivityCatalog CreateCatalog()
    {
        var framework = new CompetencyFrameworkBuilder("Cluster")
            .AddCompetency("A", "Alpha").AddCompetency("B", "Beta").AddCompetency("C", "Gamma").AddCompetency("D", "Delta").AddCompetency("E", "Epsilon")
            .AddPrerequisite("A", "B").AddPrerequisite("B", "C").AddPrerequisite("C", "D")
            .Build();
        var catalog = new ActivityCatalogBuilder(framework);
        foreach (var c in new[] { "A", "B", "C", "D", "E" })
        {
            catalog.Add(new LearningActivity($"{c.ToLowerInvariant()}-practice", $"Practice {c}", ActivityKind.Practice, 10, [new(c)]));
        }

        catalog.Add(new LearningActivity("cd-project", "Project", ActivityKind.Project, 30, [new("C"), new("D", 0.5)]));
        return catalog.Build();
    }
}

internal sealed class CallCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);
}

/// <summary>Grain storage shared by every silo of a test cluster, standing for a database: states are kept as JSON, so
/// what a grain changed but did not write is not seen, and checked by ETag.</summary>
internal sealed class SharedGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string, GrainId), (string Json, string ETag)> _rows = new();

    /// <summary>Writes of grains whose key contains this text fail, as a database that refuses them would.</summary>
    public string? FailWritesOf { get; set; }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_rows.TryGetValue((stateName, grainId), out var row))
        {
            grainState.State = JsonSerializer.Deserialize<T>(row.Json)!;
            grainState.ETag = row.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (FailWritesOf is { } failing && grainId.ToString().Contains(failing, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The grain storage refuses writes of {grainId}.");
        }

        var etag = Guid.NewGuid().ToString("N");
        var key = (stateName, grainId);
        var json = JsonSerializer.Serialize(grainState.State);
        lock (_rows)
        {
            if (_rows.TryGetValue(key, out var row) ? row.ETag != grainState.ETag : grainState.ETag is not null)
            {
                throw new InconsistentStateException($"ETag mismatch for {grainId}.", row.ETag ?? "", grainState.ETag ?? "");
            }

            _rows[key] = (json, etag);
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _rows.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
