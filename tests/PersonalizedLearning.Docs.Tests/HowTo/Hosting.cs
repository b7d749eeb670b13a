#region usings
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PersonalizedLearning;
using PersonalizedLearning.Activities;
using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Records;
using PersonalizedLearning.Storage.Sqlite;
#endregion

namespace DocsHowTo;

/// <summary>The code of docs/articles/hosting.md, region by region. <see cref="TwoTenants"/>, <see cref="RequestAsync"/>
/// and <see cref="Reload"/> run in the tests on an in-memory store; <see cref="OwnDatabase"/> is compiled, not run.</summary>
public static class Hosting
{
    /// <summary>A host with two tenants, each with its own catalog, over one shared store.</summary>
    public static IHost TwoTenants(ActivityCatalog catalogA, ActivityCatalog catalogB)
    {
        #region tenants
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalizedLearning("district-a", o => o.Catalog = catalogA);
        builder.Services.AddPersonalizedLearning("district-b", o => { o.Catalog = catalogB; o.Model = RollupMasteryModel.Highest(); });
        // One store, shared by the tenants (each reads and writes only its own TenantId). In memory here; in production
        // builder.Services.AddPersonalizedLearningSqlite("Data Source=learners.db") or AddPersonalizedLearningPostgreSql(...).
        builder.Services.AddSingleton<IEvidenceStore, InMemoryEvidenceStore>();
        var host = builder.Build();
        #endregion
        return host;
    }

    /// <summary>A district with a database of its own (compiled, not run here).</summary>
    public static void OwnDatabase(HostApplicationBuilder builder)
    {
        #region own-store
        builder.Services.AddKeyedSingleton<IEvidenceStore>("district-a", (_, _) => new SqliteEvidenceStore("Data Source=district-a.db"));
        #endregion
    }

    /// <summary>One request of district A: records a piece of evidence and recommends.</summary>
    public static async Task<(IPersonalizedLearningEngineProvider Engines, EngineSnapshot Snapshot, NextStepResult Next)> RequestAsync(IHost host, Evidence evidence)
    {
        #region request
        // In a constructor: [FromKeyedServices("district-a")] IPersonalizedLearningEngineProvider engines.
        var engines = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>("district-a");
        var snapshot = engines.Current;                  // once per request
        var state = await snapshot.Records.RecordAsync(new TenantId("district-a"), evidence);
        var next = await snapshot.Records.RecommendNextAsync(new TenantId("district-a"), state.Learner);
        #endregion
        return (engines, snapshot, next);
    }

    /// <summary>Reloads district A's catalog, with the events a host listens to.</summary>
    public static EngineSnapshot Reload(IPersonalizedLearningEngineProvider engines, ActivityCatalog termTwoCatalog, List<string> log)
    {
        #region reload
        engines.Reloaded += (_, e) => log.Add($"generation {e.Previous.Generation} -> {e.Current.Generation}");   // drop your caches here
        engines.ReloadFailed += (_, e) => log.AddRange(e.Error.Failures);
        var current = engines.Reload(termTwoCatalog);    // generation 2, or OptionsValidationException and nothing changed
        #endregion
        return current;
    }
}
