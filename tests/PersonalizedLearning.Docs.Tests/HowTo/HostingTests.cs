using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PersonalizedLearning;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;

namespace DocsHowTo;

public sealed class HostingTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

    private static ActivityCatalog Catalog(string title, params string[] activities)
    {
        var framework = new CompetencyFrameworkBuilder(title).AddCompetency("F1", "Unit fractions").Build();
        var catalog = new ActivityCatalogBuilder(framework);
        foreach (var activity in activities)
        {
            catalog.Add(new LearningActivity(activity, activity, ActivityKind.Practice, 10, [new("F1")]));
        }

        return catalog.Build();
    }

    [Fact]
    public async Task TwoTenantsAndAReload_EachTenantKeepsItsCatalogAndTheReloadSwapsOnlyDistrictA()
    {
        var catalogA = Catalog("District A", "a1");
        var catalogB = Catalog("District B", "b1", "b2");
        using var host = Hosting.TwoTenants(catalogA, catalogB);
        await host.StartAsync();

        var (engines, snapshot, next) = await Hosting.RequestAsync(host, Evidence.ForActivity("e1", "ana", "a1", EvidenceOutcome.FromScore(0.5), Noon));

        snapshot.Generation.Should().Be(1);
        snapshot.Catalog.Should().BeSameAs(catalogA);
        next.Steps.Select(s => s.Activity.Id.Value).Should().Equal("a1");
        var districtB = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>("district-b");
        districtB.Current.Catalog.Should().BeSameAs(catalogB);

        var log = new List<string>();
        var termTwo = Catalog("District A", "a1", "a2");
        var current = Hosting.Reload(engines, termTwo, log);

        current.Generation.Should().Be(2);
        engines.Current.Should().BeSameAs(current);
        current.Catalog.Should().BeSameAs(termTwo);
        log.Should().Equal("generation 1 -> 2");
        districtB.Current.Generation.Should().Be(1);
        (await current.Records.GetStateAsync(new TenantId("district-a"), "ana")).EvidenceCount.Should().Be(1);

        // A catalog without a2 is a removal: refused, every removal named, generation 2 stays, ReloadFailed reports it.
        var refuse = () => engines.Reload(catalogA);
        refuse.Should().Throw<OptionsValidationException>().Which.Failures.Should().Contain(f => f.Contains("a2", StringComparison.Ordinal));
        engines.Current.Should().BeSameAs(current);
        log.Should().HaveCount(2).And.Contain(f => f.Contains("a2", StringComparison.Ordinal));
        await host.StopAsync();
    }
}
