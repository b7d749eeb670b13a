using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PersonalizedLearning.Activities;
using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Interop.Xapi;
using PersonalizedLearning.Records;
using static PersonalizedLearning.Tests.DependencyInjection.TenantHosting;

namespace PersonalizedLearning.Tests.DependencyInjection;

/// <summary>IPersonalizedLearningEngineProvider: a tenant's catalog reloaded without a restart.</summary>
public class EngineProviderTests
{
    [Fact]
    public async Task Reload_SwapsOneTenantsCatalog_TheOtherIsUntouched_AndASnapshotHeldBeforeStillWorks()
    {
        var store = new InMemoryEvidenceStore();
        using var host = Builder(store).Build();
        await host.StartAsync();
        var providerA = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A);
        var providerB = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(B);
        var beforeB = providerB.Current;
        var held = providerA.Current;
        foreach (var (id, activity, minute) in new[] { ("e1", "a-check", 0), ("e2", "b-check", 1), ("e3", "c-check", 2), ("e4", "d-check", 3), ("e5", "e-check", 4) })
        {
            await held.Records.RecordAsync(new TenantId(A), Correct(id, "ana", activity, minute));
            await held.Records.RecordAsync(new TenantId(A), Correct(id + "b", "ana", activity, minute));
        }

        var reloaded = new List<EngineReloadedEventArgs>();
        providerA.Reloaded += (_, e) => reloaded.Add(e);

        var next = providerA.Reload(DistrictANext);

        // The new catalog is current for A, one generation on, with the learner's evidence folded again under it.
        next.Should().BeSameAs(providerA.Current);
        next.Generation.Should().Be(2);
        next.Catalog.Should().BeSameAs(DistrictANext);
        next.Framework.Contains("F").Should().BeTrue();
        next.XapiMapper.Should().NotBeSameAs(held.XapiMapper);
        next.Records.Should().NotBeSameAs(held.Records);
        next.Records.Fingerprint.Should().NotBe(held.Records.Fingerprint);
        next.Engine.Model.Should().BeSameAs(held.Engine.Model);
        next.Engine.TimeProvider.Should().BeSameAs(held.Engine.TimeProvider);
        reloaded.Should().ContainSingle().Which.Should().Match<EngineReloadedEventArgs>(e => e.Previous == held && e.Current == next);
        var steps = (await next.Records.RecommendNextAsync(new TenantId(A), "ana", count: 10)).Steps;
        steps.Select(s => s.Activity.Id.Value).Should().Contain("f-project", "E is mastered and F is new");

        // The held snapshot still answers with the catalog it started with, and refuses what only the new one has.
        var oldView = await held.Records.AssessAsync(new TenantId(A), "ana");
        oldView.Framework.Should().BeSameAs(DistrictA.Framework);
        oldView.IsMastered("E").Should().BeTrue();
        (await held.Records.RecommendNextAsync(new TenantId(A), "cy", count: 10)).Steps.Should().NotBeEmpty().And.OnlyContain(s => DistrictA.Activities.Contains(s.Activity));
        var oldRecord = async () => await held.Records.RecordAsync(new TenantId(A), Correct("f0", "ana", "f-project", 9));
        (await oldRecord.Should().ThrowExactlyAsync<UnknownActivityException>()).WithMessage("Evidence 'f0' names activity 'f-project', which is not in the catalog. (Parameter 'evidence')");
        held.Engine.Catalog.Should().BeSameAs(DistrictA);
        held.Generation.Should().Be(1);

        // Evidence the new catalog accepted is in the log; the old generation cannot fold it, so a request still holding
        // the old snapshot fails for that learner (and only for learners with such evidence) rather than drop it.
        await next.Records.RecordAsync(new TenantId(A), Correct("f1", "ana", "f-project", 10));
        (await next.Records.GetStateAsync(new TenantId(A), "ana")).Competencies.Keys.Select(c => c.Value).Should().Contain(["A", "E", "F"]);
        var oldRead = async () => await held.Records.GetStateAsync(new TenantId(A), "ana");
        (await oldRead.Should().ThrowExactlyAsync<UnknownActivityException>()).WithMessage("Evidence 'f1' names activity 'f-project', which is not in the catalog. (Parameter 'log')");
        await held.Records.RecordAsync(new TenantId(A), Correct("b1", "ben", "a-practice"));
        (await next.Records.GetStateAsync(new TenantId(A), "ben")).Competencies.Keys.Select(c => c.Value).Should().Equal("A");

        // District B did not move; what the container resolves directly stays the start-up catalog's, as IOptions<T> does.
        providerB.Current.Should().BeSameAs(beforeB);
        beforeB.Generation.Should().Be(1);
        host.Services.GetRequiredKeyedService<PersonalizedLearningEngine>(A).Catalog.Should().BeSameAs(DistrictA);
        (await store.ReadAsync(new TenantId(A), "ana")).Entries.Select(e => e.Id.Value).Should().EndWith("f1");
        await host.StopAsync();
    }

    [Fact]
    public async Task Reload_ThatDropsActivitiesOrCompetencies_IsRefused_WithEveryProblem_AndNothingChanges()
    {
        using var host = Builder(new InMemoryEvidenceStore()).Build();
        await host.StartAsync();
        var provider = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(B);
        var before = provider.Current;
        var failed = new List<EngineReloadFailedEventArgs>();
        var reloaded = 0;
        provider.ReloadFailed += (_, e) => failed.Add(e);
        provider.Reloaded += (_, _) => reloaded++;

        // District A's catalog has none of B's X, Z or their activities (its own a-, b- and c-practice stand in for B's).
        var act = () => provider.Reload(DistrictA);

        var error = act.Should().ThrowExactly<OptionsValidationException>().Which;
        error.OptionsName.Should().Be(B);
        error.Failures.Should().Equal(
            Competency("X"), Competency("Z"), Activity("x-practice"), Activity("x-check"), Activity("z-practice"));
        provider.Current.Should().BeSameAs(before);
        failed.Should().ContainSingle().Which.Should().Match<EngineReloadFailedEventArgs>(e => e.Error == error && e.Current == before);
        reloaded.Should().Be(0);

        static string Competency(string id) => $"Tenant 'district-b': the new catalog's framework has no competency '{id}', which the current one has; evidence stored for it could no longer be folded. Keep it, or reload with CatalogRemovalPolicy.Allow once no stored evidence names it.";
        static string Activity(string id) => $"Tenant 'district-b': the new catalog has no activity '{id}', which the current one has; evidence stored for it could no longer be folded. Keep it (and filter it out of recommendations), or reload with CatalogRemovalPolicy.Allow once no stored evidence names it.";
    }

    [Fact]
    public async Task Reload_WithRemovalsAllowed_LearnersWithEvidenceOnARemovedActivity_FailToLoad_AndRebuildListsThem()
    {
        var store = new InMemoryEvidenceStore();
        using var host = Builder(store).Build();
        await host.StartAsync();
        var provider = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A);
        var first = provider.Current;
        await first.Records.RecordAsync(new TenantId(A), Correct("e1", "ana", "a-practice"));
        await first.Records.RecordAsync(new TenantId(A), Correct("e2", "ben", "a-lesson"));
        var withoutPractice = new ActivityCatalogBuilder(DistrictA.Framework);
        foreach (var activity in DistrictA.Activities.Where(a => a.Id != "a-practice"))
        {
            withoutPractice.Add(activity);
        }

        var next = provider.Reload(withoutPractice.Build(), CatalogRemovalPolicy.Allow);

        next.Generation.Should().Be(2);
        var ana = async () => await next.Records.GetStateAsync(new TenantId(A), "ana");
        (await ana.Should().ThrowExactlyAsync<UnknownActivityException>()).WithMessage("Evidence 'e1' names activity 'a-practice', which is not in the catalog.*");
        (await next.Records.GetStateAsync(new TenantId(A), "ben")).Competencies.Keys.Select(c => c.Value).Should().Equal("A");
        var report = await next.Records.RebuildAsync(new TenantId(A));
        report.Failures.Should().ContainSingle().Which.Learner.Value.Should().Be("ana");
        (await store.ReadAsync(new TenantId(A), "ana")).Entries.Select(e => e.Id.Value).Should().Equal(["e1"], "the log is kept as it was");
        (await first.Records.GetStateAsync(new TenantId(A), "ana")).Competencies.Should().ContainKey("A", "the old snapshot still folds it");
    }

    [Fact]
    public async Task Reload_ToACatalogWithoutAnActivityTheXapiMappingNames_IsRefused_EvenWithRemovalsAllowed()
    {
        // Issue 21: the mapper of the new generation would map "http://x/a" to an activity its catalog lacks.
        using var host = Builder(new InMemoryEvidenceStore(), b => b.Services.Configure<PersonalizedLearningOptions>(A, o =>
            o.Xapi = new XapiMappingOptions(activityIris: System.Collections.Immutable.ImmutableDictionary<string, ActivityId>.Empty.Add("http://x/a", "a-practice")))).Build();
        await host.StartAsync();
        var provider = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A);
        var before = provider.Current;
        var failed = new List<EngineReloadFailedEventArgs>();
        provider.ReloadFailed += (_, e) => failed.Add(e);
        var withoutPractice = new ActivityCatalogBuilder(DistrictA.Framework);
        foreach (var activity in DistrictA.Activities.Where(a => a.Id != "a-practice"))
        {
            withoutPractice.Add(activity);
        }

        var act = () => provider.Reload(withoutPractice.Build(), CatalogRemovalPolicy.Allow);

        var error = act.Should().ThrowExactly<OptionsValidationException>().Which;
        error.Failures.Should().Equal(
            "Tenant 'district-a': the xAPI mapping does not fit the new catalog: activity IRI 'http://x/a' is mapped to activity 'a-practice', which is not in the catalog; add the activity to the catalog or map the IRI to one it has.");
        provider.Current.Should().BeSameAs(before);
        failed.Should().ContainSingle().Which.Error.Should().BeSameAs(error);
    }

    [Fact]
    public async Task AConfigurationReload_ReloadsTheTenantsCatalog_AndLeavesTheOtherTenant()
    {
        var catalogs = new Dictionary<string, ActivityCatalog> { ["term-1"] = DistrictA, ["term-2"] = DistrictANext };
        using var host = Builder(new InMemoryEvidenceStore(), b => ConfigureCatalogFromConfiguration(b, catalogs)).Build();
        await host.StartAsync();
        var provider = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A);
        var other = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(B).Current;
        var first = provider.Current;
        first.Catalog.Should().BeSameAs(DistrictA);
        EngineReloadedEventArgs? seen = null;
        provider.Reloaded += (_, e) => seen = e;

        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        configuration["Tenants:district-a:Catalog"] = "term-2";
        configuration["Tenants:district-a:Verbs"] = "none";
        configuration.Reload();

        provider.Current.Generation.Should().Be(2);
        provider.Current.Catalog.Should().BeSameAs(DistrictANext);
        provider.Current.XapiMapper.Options.Verbs.Should().BeEmpty("the options' xAPI mapping is reloaded with the catalog");
        seen!.Previous.Should().BeSameAs(first);
        host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(B).Current.Should().BeSameAs(other);
        await host.StopAsync();
    }

    [Fact]
    public async Task AConfigurationReload_BeforeTheProviderIsFirstAsked_IsNotLost_WhenTheTenantsEngineWasResolvedEarlier()
    {
        // Generation 1 is the container's own engine. Resolved before the change, it was built under the older options;
        // the provider, not yet asked, must not serve it as current once the options name another catalog.
        var catalogs = new Dictionary<string, ActivityCatalog> { ["term-1"] = DistrictA, ["term-2"] = DistrictANext };
        using var host = Builder(new InMemoryEvidenceStore(), b => ConfigureCatalogFromConfiguration(b, catalogs)).Build();
        await host.StartAsync();
        host.Services.GetRequiredKeyedService<PersonalizedLearningEngine>(A).Catalog.Should().BeSameAs(DistrictA);
        var provider = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A);

        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        configuration["Tenants:district-a:Catalog"] = "term-2";
        configuration.Reload();

        EngineReloadedEventArgs? seen = null;
        provider.Reloaded += (_, e) => seen = e;
        provider.Current.Catalog.Should().BeSameAs(DistrictANext);
        provider.Current.Generation.Should().Be(2, "generation 1, the container's engine, was built under the older options");
        host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A).Current.Should().BeSameAs(provider.Current);
        seen!.Previous.Catalog.Should().BeSameAs(DistrictA, "the change is taken, and reported, on the first ask");
        seen.Previous.Generation.Should().Be(1);
        seen.Current.Should().BeSameAs(provider.Current);
        await host.StopAsync();
    }

    [Fact]
    public async Task AConfigurationReload_BeforeTheProviderIsFirstAsked_KeepsGeneration1_WhenItsCatalogIsTheOptionsOwn()
    {
        // Nothing resolved before the change: generation 1 is built under the new options, and there is nothing to swap.
        var catalogs = new Dictionary<string, ActivityCatalog> { ["term-1"] = DistrictA, ["term-2"] = DistrictANext };
        using var host = Builder(new InMemoryEvidenceStore(), b => ConfigureCatalogFromConfiguration(b, catalogs)).Build();
        await host.StartAsync();
        var provider = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A);

        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        configuration["Tenants:district-a:Catalog"] = "term-2";
        configuration.Reload();

        provider.Current.Generation.Should().Be(1);
        provider.Current.Catalog.Should().BeSameAs(DistrictANext);
        provider.Current.Engine.Should().BeSameAs(host.Services.GetRequiredKeyedService<PersonalizedLearningEngine>(A));
        await host.StopAsync();
    }

    [Fact]
    public async Task AProviderBuiltAfterAConfigurationReload_ServesTheNewOptions_WhenTheTenantsEngineWasResolvedBeforeIt()
    {
        // The provider did not exist when the options changed; the container's engine, generation 1, was built before.
        var catalogs = new Dictionary<string, ActivityCatalog> { ["term-1"] = DistrictA, ["term-2"] = DistrictANext };
        using var host = Builder(new InMemoryEvidenceStore(), b => ConfigureCatalogFromConfiguration(b, catalogs)).Build();
        await host.StartAsync();
        var engine = host.Services.GetRequiredKeyedService<PersonalizedLearningEngine>(A);
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        configuration["Tenants:district-a:Catalog"] = "term-2";
        configuration.Reload();

        var provider = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A);
        EngineReloadedEventArgs? seen = null;
        provider.Reloaded += (_, e) => seen = e;

        provider.Current.Catalog.Should().BeSameAs(DistrictANext);
        provider.Current.Generation.Should().Be(2);
        seen!.Previous.Engine.Should().BeSameAs(engine, "generation 1 is the container's engine, built under the older options");
        await host.StopAsync();
    }

    [Fact]
    public void TheUnkeyedEngine_ResolvedAfterAConfigurationReload_IsBuiltUnderTheNewOptions_ThoughIOptionsWasReadBefore()
    {
        // IOptions<T> keeps the value of its first read for ever; the container's services are built from the options as
        // they are when resolved, as a tenant's are.
        var (services, configuration) = UnkeyedFromConfiguration(key => key == "term-1" ? DistrictA : DistrictANext);
        using var _ = services;
        services.GetRequiredService<IOptions<PersonalizedLearningOptions>>().Value.Catalog.Should().BeSameAs(DistrictA);
        configuration["Catalog"] = "term-2";
        configuration.Reload();

        var engine = services.GetRequiredService<PersonalizedLearningEngine>();
        var provider = services.GetRequiredService<IPersonalizedLearningEngineProvider>();

        engine.Catalog.Should().BeSameAs(DistrictANext);
        provider.Current.Generation.Should().Be(1, "nothing was built before the change");
        provider.Current.Engine.Should().BeSameAs(engine);
    }

    [Fact]
    public void TheUnkeyedProvider_BuiltAfterAConfigurationReload_ServesTheNewOptions_WhenTheEngineWasResolvedBeforeIt()
    {
        var (services, configuration) = UnkeyedFromConfiguration(key => key == "term-1" ? DistrictA : DistrictANext);
        using var _ = services;
        var engine = services.GetRequiredService<PersonalizedLearningEngine>();
        configuration["Catalog"] = "term-2";
        configuration.Reload();

        var provider = services.GetRequiredService<IPersonalizedLearningEngineProvider>();

        provider.Current.Generation.Should().Be(2);
        provider.Current.Catalog.Should().BeSameAs(DistrictANext);
        engine.Catalog.Should().BeSameAs(DistrictA, "what the container resolved stays as it was built");
    }

    [Fact]
    public void AProviderBuiltLate_WithoutAChange_KeepsGeneration1_ThoughEveryBuildOfTheOptionsMakesANewCatalog()
    {
        // A configure step that reads its catalog anew on every build: comparing generation 1's catalog with a fresh build
        // of the options would see a change where there was none. Only a change of the options counts.
        var (services, configuration) = UnkeyedFromConfiguration(_ => Extended(DistrictA));
        using var _ = services;
        var engine = services.GetRequiredService<PersonalizedLearningEngine>();
        services.GetRequiredService<IOptionsFactory<PersonalizedLearningOptions>>().Create(Microsoft.Extensions.Options.Options.DefaultName).Catalog.Should().NotBeSameAs(engine.Catalog);

        var provider = services.GetRequiredService<IPersonalizedLearningEngineProvider>();

        provider.Current.Generation.Should().Be(1);
        provider.Current.Engine.Should().BeSameAs(engine);
        configuration.Reload();
        provider.Current.Generation.Should().Be(2, "a change of the options is taken, and this one builds another catalog");
        provider.Current.Catalog.Should().NotBeSameAs(engine.Catalog);
    }

    [Fact]
    public async Task DisposingTheProvider_StopsItsReloads_AndDisposesTheCurrentGenerationsRecords_NotAnOlderOnes()
    {
        var (services, configuration) = UnkeyedFromConfiguration(key => key == "term-1" ? DistrictA : DistrictANext);
        using var _ = services;
        var provider = services.GetRequiredService<IPersonalizedLearningEngineProvider>();
        var second = provider.Reload(Extended(DistrictA));
        var third = provider.Reload(Extended(DistrictA));
        var events = 0;
        provider.Reloaded += (_, _) => events++;
        provider.ReloadFailed += (_, _) => events++;

        // Generation 2's records are first built while generation 3 is current: they are not the provider's to dispose.
        var olderRecords = second.Records;
        var currentRecords = third.Records;
        ((IDisposable)provider).Dispose();
        configuration["Catalog"] = "term-2";
        configuration.Reload();

        provider.Current.Should().BeSameAs(third, "a disposed provider no longer listens to the options");
        events.Should().Be(0);
        (await olderRecords.GetStateAsync(new TenantId("t"), "ana")).Competencies.Should().BeEmpty();
        var read = async () => await currentRecords.GetStateAsync(new TenantId("t"), "ana");
        await read.Should().ThrowExactlyAsync<ObjectDisposedException>();
    }

    [Fact]
    public void TheUnkeyedProvider_AConfigurationReloadWhoseConfigureStepThrows_IsReported_WithoutATenantPrefix()
    {
        var (services, configuration) = UnkeyedFromConfiguration(key => key == "term-1" ? DistrictA : throw new KeyNotFoundException($"No catalog '{key}'."));
        using var _ = services;
        var provider = services.GetRequiredService<IPersonalizedLearningEngineProvider>();
        var first = provider.Current;
        var failures = new List<EngineReloadFailedEventArgs>();
        provider.ReloadFailed += (_, e) => failures.Add(e);
        configuration["Catalog"] = "missing";

        // The monitor's own callback throws the configure step's exception to the caller of Reload (Microsoft.Extensions).
        var reload = configuration.Reload;

        reload.Should().Throw<AggregateException>().WithInnerExceptionExactly<KeyNotFoundException>();
        provider.Current.Should().BeSameAs(first);
        failures.Should().ContainSingle().Which.Error.Failures.Should().Equal("building the options failed: KeyNotFoundException: No catalog 'missing'.");
    }

    [Fact]
    public async Task AConfigurationReload_ThatFailsValidation_KeepsTheCatalog_AndReportsEveryProblem()
    {
        var catalogs = new Dictionary<string, ActivityCatalog> { ["term-1"] = DistrictA, ["term-2"] = DistrictANext, ["bad"] = null! };
        using var host = Builder(new InMemoryEvidenceStore(), b => ConfigureCatalogFromConfiguration(b, catalogs)).Build();
        await host.StartAsync();
        var provider = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A);
        var first = provider.Current;
        var failures = new List<EngineReloadFailedEventArgs>();
        provider.ReloadFailed += (_, e) => failures.Add(e);
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        configuration["Tenants:district-a:Catalog"] = "bad";
        configuration["Tenants:district-a:SkewHours"] = "-1";

        // IOptionsMonitor's own change callback throws the same failure to whoever fired the token (Microsoft.Extensions
        // behaviour); the provider's callback runs all the same and keeps the catalog.
        var reload = configuration.Reload;

        reload.Should().Throw<AggregateException>().Which.InnerExceptions.Should().ContainSingle().Which.Should().BeOfType<OptionsValidationException>();
        provider.Current.Should().BeSameAs(first);
        failures.Should().ContainSingle().Which.Error.Failures.Should().Equal(
            "Tenant 'district-a': PersonalizedLearningOptions.Catalog is required: set the activity catalog (and through it the framework).",
            "Tenant 'district-a': PersonalizedLearningOptions.MaximumFutureSkew must not be negative; got -01:00:00.");
        failures[0].Current.Should().BeSameAs(first);

        // A later good reload goes through.
        configuration["Tenants:district-a:Catalog"] = "term-2";
        configuration["Tenants:district-a:SkewHours"] = "24";
        configuration.Reload();
        provider.Current.Generation.Should().Be(2);
        failures.Should().HaveCount(1);
        await host.StopAsync();
    }

    [Fact]
    public async Task AConfigurationReload_ThatDropsActivities_IsRefused_UnlessTheOptionsAllowRemovals()
    {
        var dropped = new ActivityCatalogBuilder(DistrictA.Framework).Add(DistrictA.Activities[0]).Build();
        var catalogs = new Dictionary<string, ActivityCatalog> { ["term-1"] = DistrictA, ["dropped"] = dropped };
        using var host = Builder(new InMemoryEvidenceStore(), b => ConfigureCatalogFromConfiguration(b, catalogs)).Build();
        await host.StartAsync();
        var provider = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A);
        var first = provider.Current;
        var failures = new List<EngineReloadFailedEventArgs>();
        provider.ReloadFailed += (_, e) => failures.Add(e);
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();

        configuration["Tenants:district-a:Catalog"] = "dropped";
        configuration.Reload();

        provider.Current.Should().BeSameAs(first);
        failures.Should().ContainSingle().Which.Error.Failures.Should().HaveCount(DistrictA.Count - 1)
            .And.OnlyContain(f => f.StartsWith("Tenant 'district-a': the new catalog has no activity '", StringComparison.Ordinal));

        configuration["Tenants:district-a:Removals"] = "Allow";
        configuration.Reload();

        provider.Current.Generation.Should().Be(2);
        provider.Current.Catalog.Should().BeSameAs(dropped);
        failures.Should().HaveCount(1);
    }

    [Fact]
    public async Task AConfigurationReload_WhoseConfigureStepThrows_IsReported_AndKeepsTheCatalog()
    {
        var catalogs = new Dictionary<string, ActivityCatalog> { ["term-1"] = DistrictA };
        using var host = Builder(new InMemoryEvidenceStore(), b => ConfigureCatalogFromConfiguration(b, catalogs)).Build();
        await host.StartAsync();
        var provider = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A);
        var first = provider.Current;
        var failures = new List<EngineReloadFailedEventArgs>();
        provider.ReloadFailed += (_, e) => failures.Add(e);
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        configuration["Tenants:district-a:Catalog"] = "missing";

        // The monitor's own callback throws the configure step's exception to the caller of Reload (Microsoft.Extensions).
        var reload = configuration.Reload;

        reload.Should().Throw<AggregateException>();
        provider.Current.Should().BeSameAs(first);
        failures.Should().ContainSingle().Which.Error.Failures.Should().Equal(
            "Tenant 'district-a': building the options failed: KeyNotFoundException: The given key 'missing' was not present in the dictionary.");
    }

    [Fact]
    public async Task Reload_OfTheCurrentCatalog_IsANoOp_SameGeneration_NoEvent()
    {
        // A fresh review's case: reloading the catalog already current made a new generation and dropped every cached state.
        using var host = Builder(new InMemoryEvidenceStore()).Build();
        await host.StartAsync();
        var provider = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A);
        var first = provider.Current;
        var events = 0;
        provider.Reloaded += (_, _) => events++;

        var again = provider.Reload(first.Catalog);

        again.Should().BeSameAs(first);
        provider.Current.Generation.Should().Be(1);
        events.Should().Be(0);
    }

    [Fact]
    public void AnUndefinedRemovalPolicy_InTheOptions_FailsValidation()
    {
        using var services = new ServiceCollection().AddPersonalizedLearning(o => { o.Catalog = DistrictA; o.CatalogRemovals = (CatalogRemovalPolicy)(-1); }).BuildServiceProvider();

        var act = () => services.GetRequiredService<PersonalizedLearningEngine>();

        act.Should().ThrowExactly<OptionsValidationException>().Which.Failures.Should().Equal("PersonalizedLearningOptions.CatalogRemovals must be Refuse or Allow; got -1.");
    }

    [Fact]
    public async Task BadReloadArguments_Throw_AndNothingChanges()
    {
        using var host = Builder(new InMemoryEvidenceStore()).Build();
        await host.StartAsync();
        var provider = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A);
        var before = provider.Current;
        var events = 0;
        provider.Reloaded += (_, _) => events++;
        provider.ReloadFailed += (_, _) => events++;

        var noCatalog = () => provider.Reload(null!);
        var badPolicy = () => provider.Reload(DistrictANext, (CatalogRemovalPolicy)7);

        noCatalog.Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("catalog");
        badPolicy.Should().ThrowExactly<ArgumentOutOfRangeException>().WithMessage("CatalogRemovalPolicy must be Refuse or Allow. (Parameter 'removals')*")
            .Which.ActualValue.Should().Be((CatalogRemovalPolicy)7);
        provider.Current.Should().BeSameAs(before);
        events.Should().Be(0);
    }

    [Fact]
    public void TheUnkeyedProvider_StartsWithTheContainersServices_AndReloadsThemToo()
    {
        var store = new InMemoryEvidenceStore();
        using var services = new ServiceCollection().AddPersonalizedLearning(o => o.Catalog = DistrictA).AddSingleton<IEvidenceStore>(store).AddLearnerRecords().BuildServiceProvider();
        var provider = services.GetRequiredService<IPersonalizedLearningEngineProvider>();

        var first = provider.Current;

        provider.Tenant.Should().BeNull();
        first.Generation.Should().Be(1);
        first.Engine.Should().BeSameAs(services.GetRequiredService<PersonalizedLearningEngine>());
        first.XapiMapper.Should().BeSameAs(services.GetRequiredService<XapiStatementMapper>());
        first.Records.Should().BeSameAs(services.GetRequiredService<LearnerRecords>());
        var next = provider.Reload(DistrictANext);
        next.Records.Store.Should().BeSameAs(store);
        next.Tenant.Should().BeNull();
        services.GetRequiredService<PersonalizedLearningEngine>().Should().BeSameAs(first.Engine);
    }

    [Fact]
    public async Task ConcurrentReloads_AreSerialized_EveryGenerationOnce()
    {
        using var host = Builder(new InMemoryEvidenceStore()).Build();
        await host.StartAsync();
        var provider = host.Services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>(A);
        var seen = new System.Collections.Concurrent.ConcurrentBag<(long Previous, long Current)>();
        provider.Reloaded += (_, e) => seen.Add((e.Previous.Generation, e.Current.Generation));

        // Sixteen instances of the same catalog: each is a new catalog to the provider (the same instance again is a no-op).
        var catalogs = Enumerable.Range(0, 16).Select(_ => Extended(DistrictA)).ToList();
        await Task.WhenAll(catalogs.Select(catalog => Task.Run(() => provider.Reload(catalog))));

        provider.Current.Generation.Should().Be(17);
        seen.OrderBy(s => s.Previous).Should().Equal(Enumerable.Range(1, 16).Select(g => ((long)g, (long)g + 1)));
    }

    [Fact]
    public void TheUnkeyedProvider_ItsSnapshotsAndEvents_PrintDefaultForTheTenant_AndTheEventsRefuseNull()
    {
        var store = new InMemoryEvidenceStore();
        using var services = new ServiceCollection().AddPersonalizedLearning(o => o.Catalog = DistrictA).AddSingleton<IEvidenceStore>(store).AddLearnerRecords().BuildServiceProvider();
        var provider = services.GetRequiredService<IPersonalizedLearningEngineProvider>();
        var first = provider.Current;
        var (next, reloaded, failed) = ReloadThenDrop(provider);

        first.ToString().Should().Be($"EngineSnapshot {{ Tenant = (default), Generation = 1, Engine = {first.Engine} }}");
        provider.ToString().Should().Be($"EngineProvider {{ Tenant = (default), Current = {next} }}");
        reloaded.ToString().Should().Be($"EngineReloadedEventArgs {{ Tenant = (default), Generation = 1 → 2, Activities = {DistrictA.Count} → {DistrictANext.Count} }}");
        failed.Error.Failures.Should().HaveCountGreaterThan(1).And.OnlyContain(f => f.StartsWith("the new catalog has no activity '", StringComparison.Ordinal), "no tenant, no prefix");
        failed.ToString().Should().Be($"EngineReloadFailedEventArgs {{ Tenant = (default), Generation = 2, Failures = [{string.Join(", ", failed.Error.Failures)}] }}");

        FluentActions.Invoking(() => new EngineReloadedEventArgs(null!, next)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("previous");
        FluentActions.Invoking(() => new EngineReloadedEventArgs(first, null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("current");
        FluentActions.Invoking(() => new EngineReloadFailedEventArgs(null!, failed.Error)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("current");
        FluentActions.Invoking(() => new EngineReloadFailedEventArgs(first, null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("error");
    }

    [Fact]
    public void ATenantsProvider_ItsSnapshotsAndEvents_PrintTheTenant_AndItsFailuresBeginWithIt()
    {
        using var services = new ServiceCollection().AddPersonalizedLearning("t-1", o => o.Catalog = DistrictA).AddSingleton<IEvidenceStore>(new InMemoryEvidenceStore()).BuildServiceProvider();
        var provider = services.GetRequiredKeyedService<IPersonalizedLearningEngineProvider>("t-1");
        var (next, reloaded, failed) = ReloadThenDrop(provider);

        next.ToString().Should().Be($"EngineSnapshot {{ Tenant = t-1, Generation = 2, Engine = {next.Engine} }}");
        provider.ToString().Should().Be($"EngineProvider {{ Tenant = t-1, Current = {next} }}");
        reloaded.ToString().Should().Be($"EngineReloadedEventArgs {{ Tenant = t-1, Generation = 1 → 2, Activities = {DistrictA.Count} → {DistrictANext.Count} }}");
        failed.Error.Failures.Should().OnlyContain(f => f.StartsWith("Tenant 't-1': the new catalog has no activity '", StringComparison.Ordinal));
        failed.ToString().Should().Be($"EngineReloadFailedEventArgs {{ Tenant = t-1, Generation = 2, Failures = [{string.Join(", ", failed.Error.Failures)}] }}");
    }

    [Fact]
    public void TheUnkeyedProvider_AReloadTheXapiMappingDoesNotFit_IsRefused_WithoutATenantPrefix()
    {
        using var services = new ServiceCollection().AddPersonalizedLearning(o =>
        {
            o.Catalog = DistrictA;
            o.Xapi = new XapiMappingOptions(activityIris: System.Collections.Immutable.ImmutableDictionary<string, ActivityId>.Empty.Add("http://x/a", "a-practice"));
        }).BuildServiceProvider();
        var provider = services.GetRequiredService<IPersonalizedLearningEngineProvider>();
        var withoutPractice = new ActivityCatalogBuilder(DistrictA.Framework);
        foreach (var activity in DistrictA.Activities.Where(a => a.Id != "a-practice"))
        {
            withoutPractice.Add(activity);
        }

        var act = () => provider.Reload(withoutPractice.Build(), CatalogRemovalPolicy.Allow);

        act.Should().ThrowExactly<OptionsValidationException>().Which.Failures.Should().Equal(
            "the xAPI mapping does not fit the new catalog: activity IRI 'http://x/a' is mapped to activity 'a-practice', which is not in the catalog; add the activity to the catalog or map the IRI to one it has.");
        provider.Current.Generation.Should().Be(1);
    }

    [Fact]
    public void TheUnkeyedProvider_WithoutLearnerRecords_ALaterGenerationsRecords_SayWhatToRegister()
    {
        using var services = new ServiceCollection().AddPersonalizedLearning(o => o.Catalog = DistrictA).BuildServiceProvider();
        var next = services.GetRequiredService<IPersonalizedLearningEngineProvider>().Reload(DistrictANext);

        FluentActions.Invoking(() => next.Records).Should().ThrowExactly<InvalidOperationException>()
            .WithMessage("No LearnerRecords is registered: call AddPersonalizedLearningSqlite or AddPersonalizedLearningPostgreSql*");
    }

    // Reloads district A's next term, then a catalog that drops all but one activity (refused): the new snapshot and the
    // two events raised.
    private static (EngineSnapshot Next, EngineReloadedEventArgs Reloaded, EngineReloadFailedEventArgs Failed) ReloadThenDrop(IPersonalizedLearningEngineProvider provider)
    {
        EngineReloadedEventArgs? reloaded = null;
        EngineReloadFailedEventArgs? failed = null;
        provider.Reloaded += (_, e) => reloaded = e;
        provider.ReloadFailed += (_, e) => failed = e;

        var next = provider.Reload(DistrictANext);
        var dropping = new ActivityCatalogBuilder(DistrictANext.Framework).Add(DistrictANext.Activities[0]).Build();
        FluentActions.Invoking(() => provider.Reload(dropping)).Should().ThrowExactly<OptionsValidationException>();
        return (next, reloaded!, failed!);
    }

    // The unkeyed registration (with learner records over an in-memory store) whose catalog is chosen by the configuration
    // key "Catalog" (at first "term-1"), reloaded when the configuration is, the way a host binds options to configuration.
    private static (ServiceProvider Services, IConfigurationRoot Configuration) UnkeyedFromConfiguration(Func<string, ActivityCatalog> catalog)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Catalog"] = "term-1" }).Build();
        var services = new ServiceCollection().AddPersonalizedLearning().AddSingleton<IEvidenceStore>(new InMemoryEvidenceStore()).AddLearnerRecords();
        services.AddSingleton<IOptionsChangeTokenSource<PersonalizedLearningOptions>>(new ConfigurationChangeTokenSource<PersonalizedLearningOptions>(Microsoft.Extensions.Options.Options.DefaultName, configuration));
        services.AddOptions<PersonalizedLearningOptions>().Configure(o => o.Catalog = catalog(configuration["Catalog"]!));
        return (services.BuildServiceProvider(), configuration);
    }

    // District A's catalog and xAPI verbs chosen by configuration keys, reloaded when the configuration is, the way a host
    // binds options to configuration (ConfigurationChangeTokenSource is what Configure<T>(IConfiguration) registers).
    private static void ConfigureCatalogFromConfiguration(HostApplicationBuilder builder, Dictionary<string, ActivityCatalog> catalogs)
    {
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Tenants:district-a:Catalog"] = "term-1" });
        var section = builder.Configuration.GetSection("Tenants:district-a");
        builder.Services.AddSingleton<IOptionsChangeTokenSource<PersonalizedLearningOptions>>(new ConfigurationChangeTokenSource<PersonalizedLearningOptions>(A, section));
        builder.Services.AddOptions<PersonalizedLearningOptions>(A).Configure(o =>
        {
            o.Catalog = catalogs[section["Catalog"]!];
            o.Xapi = section["Verbs"] == "none" ? new XapiMappingOptions(verbs: System.Collections.Immutable.ImmutableDictionary<string, XapiVerbRule>.Empty) : XapiMappingOptions.Default;
            o.MaximumFutureSkew = TimeSpan.FromHours(double.Parse(section["SkewHours"] ?? "24", System.Globalization.CultureInfo.InvariantCulture));
            o.CatalogRemovals = section["Removals"] == "Allow" ? CatalogRemovalPolicy.Allow : CatalogRemovalPolicy.Refuse;
        });
    }
}
