using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Storage.Sqlite.Tests;

/// <summary>Two districts with different frameworks in one host over real SQLite files: one shared file with tenant
/// streams, and a district with a file of its own (an IEvidenceStore keyed by the tenant); a reload survives a restart.</summary>
public sealed class SqliteTenantHostingTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 9, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly string _shared = TemporaryDatabase.NewPath("pl-tenants");
    private readonly string _own = TemporaryDatabase.NewPath("pl-tenant-c");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TemporaryDatabase.Delete(_shared);
        TemporaryDatabase.Delete(_own);
    }

    [Fact]
    public async Task Districts_share_one_file_or_have_their_own_and_a_reloaded_catalog_refolds_the_stored_learners()
    {
        var algebra = Catalog("Algebra", "A", "B");
        var geometry = Catalog("Geometry", "G", "H");
        var algebraNext = Catalog("Algebra, term 2", "A", "B", "C");
        using (var host = Host(algebra, geometry))
        {
            await host.StartAsync();
            foreach (var (tenant, activity) in new[] { ("district-a", "a-practice"), ("district-b", "g-practice"), ("district-c", "a-practice") })
            {
                var engines = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(tenant);
                await engines.Current.Records.RecordAsync(new TenantId(tenant), Evidence.ForActivity($"{tenant}-1", "ana", activity, EvidenceOutcome.Correct, Start));
                await engines.Current.Records.RecordAsync(new TenantId(tenant), Evidence.ForActivity($"{tenant}-2", "ana", activity, EvidenceOutcome.Correct, Start.AddMinutes(1)));
            }

            var a = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>("district-a");
            var next = a.Reload(algebraNext);
            (await next.Records.RecommendNextAsync(new TenantId("district-a"), "ana", count: 5)).Steps.Select(s => s.Activity.Id.Value).Should().Contain("b-practice");
            await next.Records.RecordAsync(new TenantId("district-a"), Evidence.ForActivity("district-a-3", "ana", "c-practice", EvidenceOutcome.Correct, Start.AddMinutes(2)));
            await host.StopAsync();
        }

        // The shared file holds district A's and B's streams apart; district C's learner is only in its own file.
        using (var shared = new SqliteEvidenceStore($"Data Source={_shared}"))
        using (var own = new SqliteEvidenceStore($"Data Source={_own}"))
        {
            (await shared.ReadAsync(new TenantId("district-a"), "ana")).Entries.Select(e => e.Id.Value).Should().Equal("district-a-1", "district-a-2", "district-a-3");
            (await shared.ReadAsync(new TenantId("district-b"), "ana")).Entries.Select(e => e.Id.Value).Should().Equal("district-b-1", "district-b-2");
            (await shared.ReadAsync(new TenantId("district-c"), "ana")).Version.Should().Be(0);
            (await own.ReadAsync(new TenantId("district-c"), "ana")).Entries.Select(e => e.Id.Value).Should().Equal("district-c-1", "district-c-2");
        }

        // A restart with the term-2 catalog from the start reads district A's learner, folded with C, from the file.
        SqliteConnection.ClearAllPools();
        using (var host = Host(algebraNext, geometry))
        {
            await host.StartAsync();
            var mastery = await host.Services.GetRequiredKeyedService<LearnerRecords>("district-a").AssessAsync(new TenantId("district-a"), "ana", Start.AddHours(1));
            mastery.Framework.Title.Should().Be("Algebra, term 2");
            mastery.IsMastered("A").Should().BeTrue();
            (await host.Services.GetRequiredKeyedService<LearnerRecords>("district-b").GetStateAsync(new TenantId("district-b"), "ana")).Competencies.Keys.Select(c => c.Value).Should().Equal("G");
            await host.StopAsync();
        }
    }

    private IHost Host(ActivityCatalog a, ActivityCatalog b)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start.AddDays(1)));
        builder.Services.AddPersonalizedLearning("district-a", o => o.Catalog = a);
        builder.Services.AddPersonalizedLearning("district-b", o => o.Catalog = b);
        builder.Services.AddPersonalizedLearning("district-c", o => o.Catalog = a);
        builder.Services.AddKeyedSingleton<IEvidenceStore>("district-c", (_, _) => new SqliteEvidenceStore($"Data Source={_own}"));
        builder.Services.AddPersonalizedLearningSqlite($"Data Source={_shared}");
        return builder.Build();
    }

    // A chain first → second → …, a practice for each (the id's lower-case letter and "-practice").
    private static ActivityCatalog Catalog(string title, params string[] chain)
    {
        var framework = new CompetencyFrameworkBuilder(title);
        foreach (var c in chain)
        {
            framework.AddCompetency(c, c);
        }

        for (var i = 1; i < chain.Length; i++)
        {
            framework.AddPrerequisite(chain[i - 1], chain[i]);
        }

        var built = framework.Build();
        var catalog = new ActivityCatalogBuilder(built);
        foreach (var c in chain)
        {
            catalog.Add(new LearningActivity($"{c.ToLowerInvariant()}-practice", $"Practice {c}", ActivityKind.Practice, 10, [new(c)]));
        }

        return catalog.Build();
    }
}
