using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PersonalizedLearning.Activities;
using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Interop.Xapi;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Records;
using static PersonalizedLearning.Tests.DependencyInjection.TenantHosting;

namespace PersonalizedLearning.Tests.DependencyInjection;

/// <summary>AddPersonalizedLearning(tenant, configure): several districts in one host, kept apart.</summary>
public class AddPersonalizedLearningTenantTests
{
    [Fact]
    public async Task TwoTenants_InOneHost_RecordAndRecommend_EachUnderItsOwnCatalog_AndNeverSeeEachOther()
    {
        var store = new InMemoryEvidenceStore();
        using var host = Builder(store, b => b.Services.AddSingleton<DistrictAReport>()).Build();
        await host.StartAsync();
        var a = host.Services.GetRequiredKeyedService<LearnerRecords>(A);
        var b = host.Services.GetRequiredKeyedService<LearnerRecords>(B);

        // The same learner id and activity id in both districts: "a-practice" is Alpha's practice in A and A's in B.
        await a.RecordAsync(new TenantId(A), Correct("a1", "ana", "a-practice"));
        await a.RecordAsync(new TenantId(A), Correct("a2", "ana", "a-check", 5));
        await b.RecordAsync(new TenantId(B), Correct("b1", "ana", "x-practice"));

        var inA = await a.AssessAsync(new TenantId(A), "ana");
        var inB = await b.AssessAsync(new TenantId(B), "ana");
        inA.Framework.Should().BeSameAs(DistrictA.Framework);
        inB.Framework.Should().BeSameAs(DistrictB.Framework);
        inA.IsMastered("A").Should().BeTrue();
        inB.IsMastered("A").Should().BeFalse("district A's evidence is not district B's");
        (await a.GetStateAsync(new TenantId(A), "ana")).Competencies.Keys.Select(c => c.Value).Should().Equal("A");
        (await b.GetStateAsync(new TenantId(B), "ana")).Competencies.Keys.Select(c => c.Value).Should().Equal("X");
        (await store.ReadAsync(new TenantId(A), "ana")).Entries.Select(e => e.Id.Value).Should().Equal("a1", "a2");
        (await store.ReadAsync(new TenantId(B), "ana")).Entries.Select(e => e.Id.Value).Should().Equal("b1");

        // Each recommends from its own catalog: A goes on to Beta and Gamma, B (A not mastered there) to A and Z.
        var nextA = await a.RecommendNextAsync(new TenantId(A), "ana", count: 10);
        var nextB = await b.RecommendNextAsync(new TenantId(B), "ana", count: 10);
        nextA.Steps.Should().NotBeEmpty().And.OnlyContain(s => DistrictA.Activities.Contains(s.Activity));
        nextA.Steps.Select(s => s.Competency.Value).Should().Contain(["B", "C"]).And.NotContain("A");
        nextB.Steps.Should().NotBeEmpty().And.OnlyContain(s => DistrictB.Activities.Contains(s.Activity));
        nextB.Steps.Select(s => s.Competency.Value).Should().Contain("A").And.NotContain(["B", "C"]);

        // [FromKeyedServices] gives a consumer its district's services, the keyed singletons.
        var report = host.Services.GetRequiredService<DistrictAReport>();
        report.Engine.Should().BeSameAs(a.Engine);
        report.Provider.Current.Engine.Should().BeSameAs(a.Engine);
        report.Provider.Current.Records.Should().BeSameAs(a);
        report.Provider.Tenant.Should().Be(A);
        host.Services.GetRequiredKeyedService<ActivityCatalog>(B).Should().BeSameAs(DistrictB);
        host.Services.GetRequiredKeyedService<XapiStatementMapper>(B).Should().NotBeSameAs(host.Services.GetRequiredKeyedService<XapiStatementMapper>(A));
        host.Services.GetRequiredKeyedService<LearningPlanner>(A).Clock.Should().BeSameAs(host.Services.GetRequiredService<TimeProvider>());
        await host.StopAsync();
    }

    [Fact]
    public async Task KeyedRecords_AskedForAnotherTenant_Throw_AndNothingIsReadOrWritten()
    {
        var store = new InMemoryEvidenceStore();
        using var host = Builder(store).Build();
        await host.StartAsync();
        var a = host.Services.GetRequiredKeyedService<LearnerRecords>(A);
        await a.RecordAsync(new TenantId(A), Correct("a1", "ana", "a-practice"));
        var b = host.Services.GetRequiredKeyedService<LearnerRecords>(B);

        var write = async () => await b.RecordAsync(new TenantId(A), Correct("b1", "ana", "a-practice", 1));
        var read = async () => await b.GetStateAsync(new TenantId(A), "ana");

        var message = "These LearnerRecords belong to tenant 'district-b' and were asked for tenant 'district-a'; resolve the records keyed 'district-a' (or take them from that tenant's IPersonalizedLearningEngineProvider). Nothing was read or written. (Parameter 'tenant')";
        (await write.Should().ThrowExactlyAsync<ArgumentException>()).WithMessage(message).And.ParamName.Should().Be("tenant");
        (await read.Should().ThrowExactlyAsync<ArgumentException>()).WithMessage(message);
        (await store.ReadAsync(new TenantId(A), "ana")).Entries.Select(e => e.Id.Value).Should().Equal("a1");
        (await store.ReadAsync(new TenantId(B), "ana")).Version.Should().Be(0);
    }

    [Fact]
    public async Task StartAsync_WithBadTenants_FailsWithEveryProblemOfEveryTenant_AndStartsNothing()
    {
        var started = new StartProbe();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddHostedService(_ => started);
        builder.Services.AddPersonalizedLearning(A, o => o.Catalog = DistrictA);
        builder.Services.AddPersonalizedLearning(B, o => o.Model = null);
        builder.Services.AddPersonalizedLearning("district-c", o =>
        {
            o.Catalog = DistrictB;
            o.MaximumFutureSkew = TimeSpan.FromHours(-2);
            o.Xapi = null;
        });
        using var host = builder.Build();

        var start = () => host.StartAsync();

        var failures = (await start.Should().ThrowExactlyAsync<AggregateException>()).Which.InnerExceptions
            .Should().AllBeOfType<OptionsValidationException>().Subject.Cast<OptionsValidationException>().ToList();
        failures.Select(f => f.OptionsName).Should().BeEquivalentTo(B, "district-c");
        failures.SelectMany(f => f.Failures).Should().BeEquivalentTo(
            "Tenant 'district-b': PersonalizedLearningOptions.Catalog is required: set the activity catalog (and through it the framework).",
            "Tenant 'district-b': PersonalizedLearningOptions.Model must not be null.",
            "Tenant 'district-c': PersonalizedLearningOptions.MaximumFutureSkew must not be negative; got -02:00:00.",
            "Tenant 'district-c': PersonalizedLearningOptions.Xapi must not be null.");
        started.Started.Should().BeFalse("options are validated before any hosted service starts");
    }

    [Fact]
    public async Task StartAsync_WhenATenantsConfigureStepThrows_ReportsIt_WithEveryOtherTenantsProblems()
    {
        // A fresh review's case: a configure step that throws (a catalog file that is missing) used to escape StartAsync as
        // a bare FileNotFoundException, naming no tenant and hiding the other tenants' problems.
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPersonalizedLearning(A, _ => throw new FileNotFoundException("Could not find file '/catalogs/a.json'."));
        builder.Services.AddPersonalizedLearning(B, o => o.MaximumFutureSkew = TimeSpan.FromHours(-1));
        builder.Services.AddPersonalizedLearning("district-c", o => o.Catalog = DistrictB);
        using var host = builder.Build();

        var start = () => host.StartAsync();

        var failures = (await start.Should().ThrowExactlyAsync<AggregateException>()).Which.InnerExceptions
            .Should().AllBeOfType<OptionsValidationException>().Subject.Cast<OptionsValidationException>().ToList();
        failures.SelectMany(f => f.Failures).Should().BeEquivalentTo(
            "Tenant 'district-a': The configure step threw FileNotFoundException: Could not find file '/catalogs/a.json'.",
            "Tenant 'district-a': PersonalizedLearningOptions.Catalog is required: set the activity catalog (and through it the framework).",
            "Tenant 'district-b': PersonalizedLearningOptions.Catalog is required: set the activity catalog (and through it the framework).",
            "Tenant 'district-b': PersonalizedLearningOptions.MaximumFutureSkew must not be negative; got -01:00:00.");
    }

    [Fact]
    public async Task StartAsync_WithBadUnkeyedOptions_Fails_BeforeAnyRequest()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPersonalizedLearning(o => o.MaximumFutureSkew = TimeSpan.FromMinutes(-1));
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowExactlyAsync<OptionsValidationException>()).Which.Failures.Should().Equal(
            "PersonalizedLearningOptions.Catalog is required: set the activity catalog (and through it the framework).",
            "PersonalizedLearningOptions.MaximumFutureSkew must not be negative; got -00:01:00.");
    }

    [Fact]
    public async Task StartAsync_WithGoodTenants_AndNoUnkeyedRegistration_Starts()
    {
        using var host = Builder(new InMemoryEvidenceStore()).Build();

        await host.StartAsync();

        host.Services.GetService<PersonalizedLearningEngine>().Should().BeNull("only tenants were registered");
        host.Services.GetRequiredKeyedService<PersonalizedLearningEngine>(A).Catalog.Should().BeSameAs(DistrictA);
        await host.StopAsync();
    }

    [Fact]
    public void TheHostsOwnKeyedRegistrations_Win_AndASecondCall_AddsNoRegistration()
    {
        var clock = new FakeTimeProvider(TestData.Start);
        var model = RollupMasteryModel.Latest();
        var recommender = new AdaptiveRecommender(new RecommenderOptions());
        var services = new ServiceCollection()
            .AddKeyedSingleton<TimeProvider>(A, clock)
            .AddKeyedSingleton<IMasteryModel>(A, model)
            .AddKeyedSingleton<INextStepRecommender>(A, recommender)
            .AddPersonalizedLearning(A, o => o.Catalog = DistrictA);
        var count = services.Count;

        services.AddPersonalizedLearning(A, o => o.MaximumFutureSkew = TimeSpan.FromHours(3)).AddPersonalizedLearning(B, o => o.Catalog = DistrictB);

        services.Count(d => d.ServiceType == typeof(PersonalizedLearningEngine) && Equals(d.ServiceKey, A)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IValidateOptions<PersonalizedLearningOptions>)).Should().Be(1);
        services.Count.Should().BeGreaterThan(count, "district B was added");
        using var provider = services.BuildServiceProvider(validateScopes: true);
        var engine = provider.GetRequiredKeyedService<PersonalizedLearningEngine>(A);
        engine.TimeProvider.Should().BeSameAs(clock);
        engine.Model.Should().BeSameAs(model);
        engine.Recommender.Should().BeSameAs(recommender);
        engine.MaximumFutureSkew.Should().Be(TimeSpan.FromHours(3), "the second call added a configuration step");
        provider.GetRequiredKeyedService<LearningPlanner>(A).Clock.Should().BeSameAs(clock);
        provider.GetRequiredKeyedService<PersonalizedLearningEngine>(B).TimeProvider.Should().BeSameAs(TimeProvider.System);
        provider.GetRequiredKeyedService<PersonalizedLearningEngine>(B).Model.Name.Should().Be(RollupMasteryModel.DecayingAverage(0.65).Name);
    }

    [Fact]
    public void KeyedRecords_WithoutAStore_ThrowWhenResolved_NamingTheTenant()
    {
        using var provider = new ServiceCollection().AddPersonalizedLearning(A, o => o.Catalog = DistrictA).BuildServiceProvider();

        var act = () => provider.GetRequiredKeyedService<LearnerRecords>(A);

        act.Should().ThrowExactly<InvalidOperationException>().WithMessage(
            "The LearnerRecords of tenant 'district-a' need an IEvidenceStore and none is registered: call AddPersonalizedLearningSqlite or AddPersonalizedLearningPostgreSql, or register one (keyed 'district-a' for a store of its own).");
    }

    [Fact]
    public async Task ATenantsOwnKeyedStore_AndRecordsOptions_AreUsed()
    {
        var shared = new InMemoryEvidenceStore();
        var own = new InMemoryEvidenceStore();
        using var host = Builder(shared, b => b.Services
            .AddKeyedSingleton<IEvidenceStore>(A, own)
            .AddKeyedSingleton(A, new LearnerRecordsOptions { CachedLearners = 0, SnapshotInterval = 1 })).Build();
        await host.StartAsync();

        await host.Services.GetRequiredKeyedService<LearnerRecords>(A).RecordAsync(new TenantId(A), Correct("a1", "ana", "a-practice"));

        (await own.ReadAsync(new TenantId(A), "ana")).Version.Should().Be(1);
        (await own.LoadSnapshotAsync(new TenantId(A), "ana"))!.Version.Should().Be(1, "SnapshotInterval = 1 is district A's own option: a snapshot after the one piece");
        (await shared.ReadAsync(new TenantId(A), "ana")).Version.Should().Be(0);
    }

    [Theory]
    [InlineData("", typeof(ArgumentException))]
    [InlineData("  ", typeof(ArgumentException))]
    [InlineData(" district-a", typeof(ArgumentException))]
    [InlineData(null, typeof(ArgumentNullException))]
    public void BadTenant_Throws_AndRegistersNothing(string? tenant, Type expected)
    {
        var services = new ServiceCollection();

        var act = () => services.AddPersonalizedLearning(tenant!, o => o.Catalog = DistrictA);

        var thrown = act.Should().Throw<ArgumentException>().Which;
        thrown.Should().BeOfType(expected);
        thrown.ParamName.Should().Be("tenant");
        services.Should().BeEmpty();
    }

    [Fact]
    public void NullArguments_Throw_AndRegisterNothing()
    {
        var services = new ServiceCollection();

        var noServices = () => PersonalizedLearningServiceCollectionExtensions.AddPersonalizedLearning(null!, A, _ => { });
        var noConfigure = () => services.AddPersonalizedLearning(A, null!);

        noServices.Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("services");
        noConfigure.Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("configure");
        services.Should().BeEmpty();
    }

    private sealed class DistrictAReport(
        [FromKeyedServices(A)] PersonalizedLearningEngine engine,
        [FromKeyedServices(A)] IPersonalizedLearningEngineProvider provider)
    {
        public PersonalizedLearningEngine Engine { get; } = engine;

        public IPersonalizedLearningEngineProvider Provider { get; } = provider;
    }

    private sealed class StartProbe : IHostedService
    {
        public bool Started { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            Started = true;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
