using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PersonalizedLearning.Activities;
using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Records;
using static PersonalizedLearning.Tests.DependencyInjection.TenantHosting;

namespace PersonalizedLearning.Tests.DependencyInjection;

/// <summary>The engine provider's first ask and disposal against orderings a host meets: options invalid for a while, a
/// change between two services' first resolution, a change during another tenant's reload, concurrent first requests,
/// handlers that throw, and disposal (from a fresh review's probes).</summary>
public class EngineProviderFirstAskTests
{
    // P1: a first ask while the options are (briefly) invalid poisons the provider for good: Lazy<T> caches the exception.
    [Fact]
    public async Task AFirstAsk_WhileTheOptionsAreInvalid_Throws_AndTheProviderRecoversOnceTheyAreValidAgain()
    {
        var catalogs = new Dictionary<string, ActivityCatalog> { ["term-1"] = DistrictA, ["term-2"] = DistrictANext, ["bad"] = null! };
        using var host = Builder(new InMemoryEvidenceStore(), b => FromConfiguration(b, catalogs)).Build();
        await host.StartAsync();
        var provider = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A);
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();

        configuration["Tenants:district-a:Catalog"] = "bad";
        Record.Exception(configuration.Reload);
        var during = Record.Exception(() => provider.Current);
        configuration["Tenants:district-a:Catalog"] = "term-2";
        configuration.Reload();

        var providerAfter = Record.Exception(() => provider.Current);
        var engineAfter = Record.Exception(() => host.Services.GetRequiredKeyedService<PersonalizedLearningEngine>(A));

        during.Should().BeOfType<OptionsValidationException>("documented for a first ask under invalid options");
        engineAfter.Should().BeNull("the container itself recovers once the options are valid again");
        providerAfter.Should().BeNull("the options are valid again, but the provider threw: " + providerAfter?.Message);
    }

    // P2: the contract: a change after the container first read the options is taken or refused-and-reported, never thrown.
    [Fact]
    public async Task AnInvalidChange_AfterTheContainerReadTheCatalog_BeforeTheFirstAsk_IsRefusedAndReported_NotThrown()
    {
        var catalogs = new Dictionary<string, ActivityCatalog> { ["term-1"] = DistrictA, ["bad"] = null! };
        using var host = Builder(new InMemoryEvidenceStore(), b => FromConfiguration(b, catalogs)).Build();
        await host.StartAsync();
        host.Services.GetRequiredKeyedService<ActivityCatalog>(A).Should().BeSameAs(DistrictA); // e.g. an endpoint listing it
        var provider = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A);
        var failures = new List<EngineReloadFailedEventArgs>();
        provider.ReloadFailed += (_, e) => failures.Add(e);
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();

        configuration["Tenants:district-a:Catalog"] = "bad";
        Record.Exception(configuration.Reload);

        var thrown = Record.Exception(() => provider.Current);
        thrown.Should().BeNull("the change came after the container read the options: refuse and report it; got " + thrown?.GetType().Name + ": " + thrown?.Message);
        provider.Current.Catalog.Should().BeSameAs(DistrictA);
        failures.Should().ContainSingle();
    }

    // P3: tenant A's first ask while tenant B's reload (same configuration root) is still running: A's watch has counted the
    // change, the monitor has not yet dropped A's cached options. Generation 1 is built from stale options with a baseline
    // that already includes the change.
    [Fact]
    public async Task ATenantFirstAsked_DuringAnotherTenantsReload_AfterTheTokenFired_ServesTheNewOptions()
    {
        var catalogs = new Dictionary<string, ActivityCatalog> { ["a-1"] = DistrictA, ["a-2"] = DistrictANext, ["b-1"] = DistrictB, ["b-2"] = DistrictB };
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var once = 0;
        long countAAtBlock = -1;
        IServiceProvider? root = null;
        using var host = TwoTenantsFromConfiguration(catalogs, (tenant, section) =>
        {
            if (tenant == B && section["Catalog"] == "b-2" && Interlocked.Exchange(ref once, 1) == 0)
            {
                countAAtBlock = root!.GetRequiredService<OptionsChanges>().For(A).Count;
                entered.Set();
                release.Wait(TimeSpan.FromSeconds(20));
            }
        });
        root = host.Services;
        await host.StartAsync();
        var providerB = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(B);
        _ = providerB.Current;
        var providerA = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A); // built, not asked
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        configuration["Tenants:district-a:Catalog"] = "a-2";
        configuration["Tenants:district-b:Catalog"] = "b-2";

        var reload = Task.Run(() => Record.Exception(configuration.Reload));
        entered.Wait(TimeSpan.FromSeconds(20)).Should().BeTrue();
        var asked = providerA.Current; // a request for district A, on another thread, meanwhile
        release.Set();
        await reload;

        host.Services.GetRequiredService<IOptionsMonitor<PersonalizedLearningOptions>>().Get(A).Catalog.Should().BeSameAs(DistrictANext);
        providerA.Current.Catalog.Should().BeSameAs(DistrictANext,
            $"the options of A changed (A's change count when B's reload began: {countAAtBlock}); first ask gave generation {asked.Generation} over {(ReferenceEquals(asked.Catalog, DistrictA) ? "term 1" : "term 2")}");
    }

    // P4: an exception of a Reloaded handler escapes Current on the first ask that takes a deferred change.
    [Fact]
    public async Task AHandlerException_OnTheFirstAsksReload_ReachesThatAsk_AndTheNextIsServed()
    {
        var catalogs = new Dictionary<string, ActivityCatalog> { ["term-1"] = DistrictA, ["term-2"] = DistrictANext };
        using var host = Builder(new InMemoryEvidenceStore(), b => FromConfiguration(b, catalogs)).Build();
        await host.StartAsync();
        _ = host.Services.GetRequiredKeyedService<PersonalizedLearningEngine>(A);
        var provider = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A);
        provider.Reloaded += (_, _) => throw new InvalidOperationException("cache clear failed");
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        configuration["Tenants:district-a:Catalog"] = "term-2";
        configuration.Reload();

        var thrown = Record.Exception(() => provider.Current);

        thrown.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("cache clear failed", "a handler's exception reaches whoever caused the reload, here the first ask");
        provider.Current.Generation.Should().Be(2, "the new snapshot stays current, and the next ask is served at once");
        provider.Current.Catalog.Should().BeSameAs(DistrictANext);
    }

    // P5: a provider disposed before it was first asked still reloads on its first ask, for a change made after disposal.
    [Fact]
    public void AProviderDisposedBeforeItsFirstAsk_TakesNoChange_AndRefusesReload()
    {
        var (services, configuration) = Unkeyed(key => key == "term-1" ? DistrictA : DistrictANext);
        using var owned = services;
        _ = services.GetRequiredService<PersonalizedLearningEngine>();
        var provider = services.GetRequiredService<IPersonalizedLearningEngineProvider>();
        var events = 0;
        provider.Reloaded += (_, _) => events++;
        ((IDisposable)provider).Dispose();
        configuration["Catalog"] = "term-2";
        configuration.Reload();

        var current = provider.Current;

        (current.Generation, events).Should().Be((1L, 0), "a disposed provider no longer listens to the options");
        FluentActions.Invoking(() => provider.Reload(DistrictANext)).Should().ThrowExactly<ObjectDisposedException>();
        provider.Current.Should().BeSameAs(current);
    }

    // P6: dispose disposes the records of an older generation if they were built while it was current.
    [Fact]
    public async Task Dispose_LeavesAnOlderGenerationsRecordsAlone_EvenIfBuiltWhileItWasCurrent()
    {
        var (services, _) = Unkeyed(key => DistrictA);
        using var owned = services;
        var provider = services.GetRequiredService<IPersonalizedLearningEngineProvider>();
        var second = provider.Reload(Extended(DistrictA));
        var secondRecords = second.Records; // built while generation 2 is current
        provider.Reload(Extended(DistrictA));
        ((IDisposable)provider).Dispose();

        var read = async () => await secondRecords.GetStateAsync(new TenantId("t"), "ana");

        await read.Should().NotThrowAsync("older generations' records are left to the collector, a request may still hold them");
    }

    // H1: first asks racing a storm of configuration reloads, fresh container each round: the provider ends on the
    // options' last catalog.
    [Fact]
    public async Task FirstAsksRacingConfigurationReloads_EndOnTheLastCatalog()
    {
        var catalogs = new Dictionary<string, ActivityCatalog> { ["term-1"] = DistrictA, ["term-2"] = DistrictANext };
        var wrong = new List<string>();
        for (var round = 0; round < 40; round++)
        {
            var (services, configuration) = Unkeyed(key => catalogs[key], allowRemovals: true);
            using var owned = services;
            if (round % 2 == 0)
            {
                _ = services.GetRequiredService<PersonalizedLearningEngine>();
            }

            var provider = services.GetRequiredService<IPersonalizedLearningEngineProvider>();
            using var go = new ManualResetEventSlim();
            var last = "term-1";
            var writer = Task.Run(() =>
            {
                go.Wait();
                for (var i = 0; i < 7; i++)
                {
                    last = i % 2 == 0 ? "term-2" : "term-1";
                    configuration["Catalog"] = last;
                    configuration.Reload();
                }
            });
            var readers = Enumerable.Range(0, 3).Select(n => Task.Run(() =>
            {
                go.Wait();
                long seen = 0;
                for (var i = 0; i < 200; i++)
                {
                    var g = provider.Current.Generation;
                    if (g < seen)
                    {
                        throw new InvalidOperationException($"generation went back {seen} -> {g}");
                    }

                    seen = g;
                }
            })).ToList();
            go.Set();
            await Task.WhenAll(readers.Append(writer));
            if (!ReferenceEquals(provider.Current.Catalog, catalogs[last]))
            {
                wrong.Add($"round {round}: gen {provider.Current.Generation}, expected {last}");
            }
        }

        wrong.Should().BeEmpty();
    }

    // H2: a manual Reload before the first ask, with a pending options change: both are taken, in order.
    [Fact]
    public void AManualReloadBeforeTheFirstAsk_WithAPendingChange_TakesBoth()
    {
        var catalogs = new Dictionary<string, ActivityCatalog> { ["term-1"] = DistrictA, ["term-2"] = DistrictANext };
        var (services, configuration) = Unkeyed(key => catalogs[key]);
        using var owned = services;
        _ = services.GetRequiredService<PersonalizedLearningEngine>();
        var provider = services.GetRequiredService<IPersonalizedLearningEngineProvider>();
        var seen = new List<(long, long)>();
        provider.Reloaded += (_, e) => seen.Add((e.Previous.Generation, e.Current.Generation));
        configuration["Catalog"] = "term-2";
        configuration.Reload();

        var next = provider.Reload(Extended(DistrictA));

        next.Generation.Should().Be(3);
        seen.Should().Equal((1L, 2L), (2L, 3L));
    }

    // P7: the container's singletons each read the options at their own first resolution: a catalog read before a valid
    // change, a mapper read after it, and generation 1 (and the container's mapper) cannot be built at all.
    [Fact]
    public async Task AValidChange_AfterTheCatalogWasRead_BeforeTheMapperWas_IsTakenOnTheFirstAsk()
    {
        var catalogs = new Dictionary<string, ActivityCatalog> { ["term-1"] = DistrictA, ["term-2"] = DistrictANext };
        using var host = Builder(new InMemoryEvidenceStore(), b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Tenants:district-a:Catalog"] = "term-1" });
            var section = b.Configuration.GetSection("Tenants:district-a");
            b.Services.AddSingleton<IOptionsChangeTokenSource<PersonalizedLearningOptions>>(new ConfigurationChangeTokenSource<PersonalizedLearningOptions>(A, section));
            b.Services.AddOptions<PersonalizedLearningOptions>(A).Configure(o =>
            {
                o.Catalog = catalogs[section["Catalog"]!];
                o.Xapi = section["Catalog"] == "term-2"
                    ? new PersonalizedLearning.Interop.Xapi.XapiMappingOptions(activityIris: System.Collections.Immutable.ImmutableDictionary<string, ActivityId>.Empty.Add("http://x/f", "f-project"))
                    : PersonalizedLearning.Interop.Xapi.XapiMappingOptions.Default;
            });
        }).Build();
        await host.StartAsync();
        host.Services.GetRequiredKeyedService<ActivityCatalog>(A).Should().BeSameAs(DistrictA); // e.g. an endpoint listing it
        var provider = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A);
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        configuration["Tenants:district-a:Catalog"] = "term-2";
        configuration.Reload();

        var thrown = Record.Exception(() => provider.Current);
        var mapper = Record.Exception(() => host.Services.GetRequiredKeyedService<PersonalizedLearning.Interop.Xapi.XapiStatementMapper>(A));

        thrown.Should().BeNull($"the new options are valid; got {thrown?.GetType().Name}: {thrown?.Message}; the container's mapper: {mapper?.GetType().Name}");
        provider.Current.Catalog.Should().BeSameAs(DistrictANext);
    }

    // H3 / D1: any reload of the configuration root fires every tenant's token (the section's token is the root's). With
    // stable catalog instances, tenant A stays; with a configure step that builds A's catalog anew (a file parsed), A gets a
    // new generation (its learner states refolded) though only B's section changed.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AReloadOfAnotherTenantsSection_CountsAsAChange_ANewGenerationOnlyWhenTheConfigureStepBuildsANewCatalog(bool freshCatalogEachBuild)
    {
        var catalogs = new Dictionary<string, ActivityCatalog> { ["a-1"] = DistrictA, ["b-1"] = DistrictB, ["b-2"] = DistrictB };
        using var host = TwoTenantsFromConfiguration(catalogs, (_, _) => { }, freshCatalogEachBuild ? key => key == "a-1" ? Extended(DistrictA) : catalogs[key] : null);
        await host.StartAsync();
        var providerA = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A);
        var before = providerA.Current;
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        configuration["Tenants:district-b:Catalog"] = "b-2";
        configuration.Reload();

        // The section's change token is the whole root's (Microsoft.Extensions.Configuration): the reload counts for A too.
        // A's configure step makes the same catalog instance again, or a new one (a file parsed again) that is a new
        // generation; documented in docs/articles/hosting.md.
        if (freshCatalogEachBuild)
        {
            providerA.Current.Generation.Should().Be(2);
            providerA.Current.Catalog.Should().NotBeSameAs(before.Catalog);
        }
        else
        {
            providerA.Current.Should().BeSameAs(before, "nothing of district A's catalog or mapping changed");
        }
    }

    // P8: while the first ask takes a change made before it (the options built again), a concurrent first request is served
    // generation 1, the catalog from before the change: First() publishes generation 1 before taking the change.
    [Fact]
    public async Task ARequestConcurrentWithTheFirstAsk_IsNotServedTheCatalogFromBeforeTheChange()
    {
        var catalogs = new Dictionary<string, ActivityCatalog> { ["a-1"] = DistrictA, ["a-2"] = DistrictANext, ["b-1"] = DistrictB };
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var armed = 0;
        using var host = TwoTenantsFromConfiguration(catalogs, (tenant, _) =>
        {
            if (tenant == A && Interlocked.Exchange(ref armed, 0) == 1)
            {
                entered.Set();
                release.Wait(TimeSpan.FromSeconds(20)); // a catalog file being parsed
            }
        });
        await host.StartAsync();
        _ = host.Services.GetRequiredKeyedService<PersonalizedLearningEngine>(A);
        var provider = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A);
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        configuration["Tenants:district-a:Catalog"] = "a-2";
        configuration.Reload();
        Volatile.Write(ref armed, 1);

        var firstRequest = Task.Run(() => provider.Current);
        entered.Wait(TimeSpan.FromSeconds(20)).Should().BeTrue();
        var secondRequest = provider.Current;
        release.Set();
        var first = await firstRequest;

        first.Catalog.Should().BeSameAs(DistrictANext);
        secondRequest.Catalog.Should().BeSameAs(DistrictANext, $"the change was made before either request; the second got generation {secondRequest.Generation}");
    }

    private static (ServiceProvider Services, IConfigurationRoot Configuration) Unkeyed(Func<string, ActivityCatalog> catalog, bool allowRemovals = false)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Catalog"] = "term-1" }).Build();
        var services = new ServiceCollection().AddPersonalizedLearning().AddSingleton<IEvidenceStore>(new InMemoryEvidenceStore()).AddLearnerRecords();
        services.AddSingleton<IOptionsChangeTokenSource<PersonalizedLearningOptions>>(new ConfigurationChangeTokenSource<PersonalizedLearningOptions>(Microsoft.Extensions.Options.Options.DefaultName, configuration));
        services.AddOptions<PersonalizedLearningOptions>().Configure(o =>
        {
            o.Catalog = catalog(configuration["Catalog"]!);
            o.CatalogRemovals = allowRemovals ? CatalogRemovalPolicy.Allow : CatalogRemovalPolicy.Refuse;
        });
        return (services.BuildServiceProvider(), configuration);
    }

    private static void FromConfiguration(HostApplicationBuilder builder, Dictionary<string, ActivityCatalog> catalogs)
    {
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Tenants:district-a:Catalog"] = "term-1" });
        var section = builder.Configuration.GetSection("Tenants:district-a");
        builder.Services.AddSingleton<IOptionsChangeTokenSource<PersonalizedLearningOptions>>(new ConfigurationChangeTokenSource<PersonalizedLearningOptions>(A, section));
        builder.Services.AddOptions<PersonalizedLearningOptions>(A).Configure(o => o.Catalog = catalogs[section["Catalog"]!]);
    }

    private static IHost TwoTenantsFromConfiguration(Dictionary<string, ActivityCatalog> catalogs, Action<string, IConfigurationSection> onBuild, Func<string, ActivityCatalog>? lookup = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(TestData.Start.AddDays(1)));
        builder.Services.AddSingleton<IEvidenceStore>(new InMemoryEvidenceStore());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Tenants:district-a:Catalog"] = "a-1", ["Tenants:district-b:Catalog"] = "b-1" });
        foreach (var tenant in new[] { A, B })
        {
            var section = builder.Configuration.GetSection($"Tenants:{tenant}");
            builder.Services.AddSingleton<IOptionsChangeTokenSource<PersonalizedLearningOptions>>(new ConfigurationChangeTokenSource<PersonalizedLearningOptions>(tenant, section));
            builder.Services.AddPersonalizedLearning(tenant, o =>
            {
                onBuild(tenant, section);
                o.Catalog = lookup is null ? catalogs[section["Catalog"]!] : lookup(section["Catalog"]!);
            });
        }

        return builder.Build();
    }
}
