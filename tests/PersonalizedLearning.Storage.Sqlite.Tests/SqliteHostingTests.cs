using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Storage.Sqlite.Tests;

/// <summary>AddPersonalizedLearningSqlite in a host: the schema at start, learners kept across a restart.</summary>
public sealed class SqliteHostingTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 9, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly string _path = TemporaryDatabase.NewPath("pl-host");

    public void Dispose() => TemporaryDatabase.Delete(_path);

    private IHost Host()
    {
        var framework = new CompetencyFrameworkBuilder("Host").AddCompetency("A", "Alpha").AddCompetency("B", "Beta").AddPrerequisite("A", "B").Build();
        var catalog = new ActivityCatalogBuilder(framework)
            .Add(new LearningActivity("a-practice", "Practice A", ActivityKind.Practice, 10, [new("A")]))
            .Add(new LearningActivity("b-practice", "Practice B", ActivityKind.Practice, 10, [new("B")]))
            .Build();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start.AddDays(1)));
        builder.Services.AddPersonalizedLearning(o =>
        {
            o.Catalog = catalog;
            o.Model = RollupMasteryModel.DecayingAverage();
        });
        builder.Services.AddPersonalizedLearningSqlite($"Data Source={_path}", records: new LearnerRecordsOptions { SnapshotInterval = 2 });
        return builder.Build();
    }

    [Fact]
    public void Records_registered_before_the_store_still_use_the_store_and_without_one_say_so()
    {
        var framework = new CompetencyFrameworkBuilder("Order").AddCompetency("A", "Alpha").Build();
        var catalog = new ActivityCatalogBuilder(framework).Add(new LearningActivity("a", "A", ActivityKind.Practice, 10, [new("A")])).Build();
        var first = new ServiceCollection().AddPersonalizedLearning(o => o.Catalog = catalog)
            .AddLearnerRecords(new LearnerRecordsOptions { SnapshotInterval = 10 })
            .AddPersonalizedLearningSqlite($"Data Source={_path}", records: new LearnerRecordsOptions { SnapshotInterval = 20 });
        using (var provider = first.BuildServiceProvider())
        {
            var records = provider.GetRequiredService<LearnerRecords>();
            records.Store.Should().BeOfType<SqliteEvidenceStore>();
            records.ToString().Should().Contain("SnapshotInterval = 20", "options given on the later call win");
        }

        using var none = new ServiceCollection().AddPersonalizedLearning(o => o.Catalog = catalog).AddLearnerRecords().BuildServiceProvider();
        none.Invoking(p => p.GetRequiredService<LearnerRecords>()).Should().ThrowExactly<InvalidOperationException>().WithMessage("*needs an IEvidenceStore*");
    }

    [Fact]
    public async Task The_host_creates_the_schema_at_start_and_its_learners_survive_a_restart()
    {
        var tenant = new TenantId("district-7");
        int before;
        using (var host = Host())
        {
            await host.StartAsync();
            File.Exists(_path).Should().BeTrue("the schema is created when the host starts");
            var records = host.Services.GetRequiredService<LearnerRecords>();
            host.Services.GetRequiredService<IEvidenceStore>().Should().BeOfType<SqliteEvidenceStore>();
            foreach (var i in Enumerable.Range(0, 5))
            {
                await records.RecordAsync(tenant, Evidence.ForCompetency($"e{i}", "ana", i % 2 == 0 ? "A" : "B", EvidenceOutcome.FromScore(0.9), Start.AddMinutes(i)));
            }

            before = (await records.AssessAsync(tenant, "ana", Start.AddDays(1))).GetAll().Count(a => a.Level == MasteryLevel.Mastered);
            await host.StopAsync();
        }

        SqliteConnection.ClearAllPools();
        using var restarted = Host();
        await restarted.StartAsync();
        var again = restarted.Services.GetRequiredService<LearnerRecords>();

        var state = await again.GetStateAsync(tenant, "ana");
        state.EvidenceCount.Should().Be(5);
        (await again.AssessAsync(tenant, "ana", Start.AddDays(1))).GetAll().Count(a => a.Level == MasteryLevel.Mastered).Should().Be(before).And.BeGreaterThan(0);
        (await again.GetStateAsync(new TenantId("district-8"), "ana")).EvidenceCount.Should().Be(0, "another tenant sees nothing of this one");
        await restarted.StopAsync();
    }
}
