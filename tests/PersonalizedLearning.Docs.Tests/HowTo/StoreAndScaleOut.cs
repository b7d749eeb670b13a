#region usings
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Hosting;
using PersonalizedLearning.Activities;
using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Orleans;
using PersonalizedLearning.Records;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Storage.PostgreSql;
using PersonalizedLearning.Storage.Sqlite;
#endregion

namespace DocsHowTo;

/// <summary>The code of docs/articles/how-to/store-and-scale-out.md, region by region. The SQLite parts run in the
/// tests; <see cref="PostgreSqlHost"/>, <see cref="Silo"/> and <see cref="UseGrainsAsync"/> are compiled, not run (they
/// need a PostgreSQL server and an Orleans cluster; the packages' own tests run them).</summary>
public static class StoreAndScaleOut
{
    /// <summary>A host with the SQLite store.</summary>
    public static IHost SqliteHost(ActivityCatalog catalog, string databasePath, IMasteryModel model)
    {
        #region sqlite
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPersonalizedLearning(options =>
        {
            options.Catalog = catalog;
            options.Model = model;
        });
        // One file, nothing to install. The schema is created (or migrated) when the host starts.
        builder.Services.AddPersonalizedLearningSqlite($"Data Source={databasePath}");
        var host = builder.Build();
        #endregion
        return host;
    }

    /// <summary>Records, retracts and reads through LearnerRecords.</summary>
    public static async Task<(LearnerState AfterTwice, LearnerState AfterRetract, NextStepResult Next)> RecordAsync(IHost host, DateTimeOffset now)
    {
        #region record
        var records = host.Services.GetRequiredService<LearnerRecords>();
        var tenant = new TenantId("district-7");   // a district, a school: learners of two tenants never meet

        var first = Evidence.ForActivity("e1", "ana", "f1-check", EvidenceOutcome.FromScore(0.6), now.AddHours(-2));
        var second = Evidence.ForActivity("e2", "ana", "f1-check", EvidenceOutcome.Correct, now.AddHours(-1));
        await records.RecordAsync(tenant, first);             // folded, stored, acknowledged
        await records.RecordAsync(tenant, second);
        var afterTwice = await records.RecordAsync(tenant, second);   // sent again after a lost reply: counted once

        // A voided statement or a withdrawn grade: as if never recorded (the log keeps the retraction).
        var afterRetract = await records.RetractAsync(tenant, "ana", ["e1"]);
        var next = await records.RecommendNextAsync(tenant, "ana", count: 3);
        #endregion
        return (afterTwice, afterRetract, next);
    }

    /// <summary>After a restart, and after a refit.</summary>
    public static async Task<(int EvidenceCount, RecordsRebuildReport Rebuild, ErasureReport Erased)> RestartRebuildEraseAsync(IHost host)
    {
        var records = host.Services.GetRequiredService<LearnerRecords>();
        var tenant = new TenantId("district-7");
        #region restart
        // After a restart (a new process over the same file) the learner is read back, not recomputed from scratch.
        var ana = await records.GetStateAsync(tenant, "ana");

        // After a model change (a refit, another rollup rule) every stored state was folded by the old model: refold
        // each learner from the stored log, in the background, with progress and cancellation.
        var rebuild = await records.RebuildAsync(tenant);

        // FERPA or GDPR erasure: everything of the learner, with the rows counted.
        var erased = await records.EraseAsync(tenant, "ana");
        #endregion
        return (ana.EvidenceCount, rebuild, erased);
    }

    /// <summary>The production store (compiled, not run here).</summary>
    public static IHost PostgreSqlHost(ActivityCatalog catalog, string connectionString)
    {
        #region postgresql
        var postgresBuilder = Host.CreateApplicationBuilder();
        postgresBuilder.Services.AddPersonalizedLearning(options => options.Catalog = catalog)
            // Npgsql; the schema is created or migrated at start-up. Options: the schema name, the command timeout...
            .AddPersonalizedLearningPostgreSql(connectionString, store => store.Schema = "learning");
        #endregion
        return postgresBuilder.Build();
    }

    /// <summary>A silo (compiled, not run here).</summary>
    public static IHost Silo(ActivityCatalog catalog, string connectionString)
    {
        #region silo
        var siloBuilder = Host.CreateApplicationBuilder();
        siloBuilder.Services.AddPersonalizedLearning(options => options.Catalog = catalog)
            .AddPersonalizedLearningPostgreSql(connectionString);   // every silo writes to the same store
        siloBuilder.UseOrleans(silo => silo
            .UseLocalhostClustering()                               // your clustering provider in production
            .AddPersonalizedLearningGrains()
            // Class rosters and learners' class lists live in grain storage: use a durable provider in production.
            .AddMemoryGrainStorage(PersonalizedLearningGrains.StorageName));
        var silo = siloBuilder.Build();
        #endregion
        return silo;
    }

    /// <summary>Calls on the grains (compiled, not run here).</summary>
    public static async Task<ClassOverview> UseGrainsAsync(IHost silo, Evidence second)
    {
        var tenant = new TenantId("district-7");
        #region grains
        // Any silo or cluster client of the cluster: here the silo's own grain factory, once the silo is started.
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var anaGrain = grains.GetLearner(tenant, "ana");   // the activation is ana's single writer
        await anaGrain.RecordAsync(second);                // in the store when this completes
        var nextFromGrain = await anaGrain.RecommendNextAsync(3);   // from the activation's memory

        var room = grains.GetClass(tenant, "room-12");
        await room.EnrollAsync([new LearnerId("ana"), new LearnerId("ben")]);
        var overview = await room.GetOverviewAsync();  // kept current by the learners' reports: reads no learner
        #endregion
        _ = nextFromGrain;
        return overview;
    }

    /// <summary>Lets the SQLite file go (connections are pooled).</summary>
    public static void ReleaseFiles() => SqliteConnection.ClearAllPools();
}
