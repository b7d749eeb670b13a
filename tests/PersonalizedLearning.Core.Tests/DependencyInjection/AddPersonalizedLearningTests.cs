using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PersonalizedLearning.Activities;
using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Interop.Xapi;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Tests.DependencyInjection;

public class AddPersonalizedLearningTests
{
    private static readonly ActivityCatalog Catalog = TestData.CatalogFor(TestData.Diamond());

    [Fact]
    public void RegistersEverything_AsSingletons_AndChains()
    {
        var services = new ServiceCollection();

        var returned = services.AddPersonalizedLearning(o => o.Catalog = Catalog).AddPersonalizedLearning();

        returned.Should().BeSameAs(services);
        using var provider = services.BuildServiceProvider(validateScopes: true);
        var engine = provider.GetRequiredService<PersonalizedLearningEngine>();
        engine.Catalog.Should().BeSameAs(Catalog);
        engine.Model.Name.Should().Be(RollupMasteryModel.DecayingAverage(0.65).Name);
        provider.GetRequiredService<PersonalizedLearningEngine>().Should().BeSameAs(engine);
        provider.GetRequiredService<LearningPlanner>().Builder.Should().BeSameAs(PlaylistBuilder.Default);
        provider.GetRequiredService<XapiStatementMapper>().Options.Should().BeSameAs(XapiMappingOptions.Default);
        provider.GetRequiredService<INextStepRecommender>().Should().BeOfType<AdaptiveRecommender>();
        services.Count(d => d.ServiceType == typeof(PersonalizedLearningEngine)).Should().Be(1, "a second call adds no second registration");
        services.Count(d => d.ServiceType == typeof(IValidateOptions<PersonalizedLearningOptions>)).Should().Be(1);
    }

    [Fact]
    public void TheHostsOwnRegistrations_Win()
    {
        var clock = new FakeTimeProvider(TestData.Start);
        var recommender = new AdaptiveRecommender(new RecommenderOptions());
        var model = RollupMasteryModel.Latest();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<INextStepRecommender>(recommender)
            .AddSingleton<IMasteryModel>(model)
            .AddPersonalizedLearning(o => o.Catalog = Catalog);

        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<PersonalizedLearningEngine>();

        engine.TimeProvider.Should().BeSameAs(clock);
        engine.Recommender.Should().BeSameAs(recommender);
        engine.Model.Should().BeSameAs(model);
        provider.GetRequiredService<LearningPlanner>().Clock.Should().BeSameAs(clock);
        engine.MaximumFutureSkew.Should().Be(PersonalizedLearningEngine.DefaultMaximumFutureSkew);
        using var lenient = new ServiceCollection().AddSingleton(TimeProvider.System).AddPersonalizedLearning(o => { o.Catalog = engine.Catalog; o.MaximumFutureSkew = TimeSpan.FromHours(6); }).BuildServiceProvider();
        lenient.GetRequiredService<PersonalizedLearningEngine>().MaximumFutureSkew.Should().Be(TimeSpan.FromHours(6));
    }

    [Fact]
    public void BadOptions_AreReportedAllAtOnce_WhenBuilt()
    {
        var services = new ServiceCollection().AddPersonalizedLearning(o =>
        {
            o.Model = null;
            o.Policy = null;
            o.Limits = null;
            o.MaximumFutureSkew = TimeSpan.FromHours(-1);
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<PersonalizedLearningEngine>();

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal(
            "PersonalizedLearningOptions.Catalog is required: set the activity catalog (and through it the framework).",
            "PersonalizedLearningOptions.Model must not be null.",
            "PersonalizedLearningOptions.MaximumFutureSkew must not be negative; got -01:00:00.",
            "PersonalizedLearningOptions.Policy must not be null.",
            "PersonalizedLearningOptions.Limits must not be null.");
    }

    [Fact]
    public void XapiOptions_MappingAnIriToAnActivityTheCatalogLacks_AreReported_WhenBuilt()
    {
        // The options are checked against their own catalog, as the mapper's constructor would check them.
        var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddPersonalizedLearning(o =>
        {
            o.Catalog = Catalog;
            o.Xapi = new XapiMappingOptions(activityIris: System.Collections.Immutable.ImmutableDictionary<string, ActivityId>.Empty.Add("http://x/a", "zz"));
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<XapiStatementMapper>();

        act.Should().ThrowExactly<OptionsValidationException>().Which.Failures.Should().Equal(
            "PersonalizedLearningOptions.Xapi: activity IRI 'http://x/a' is mapped to activity 'zz', which is not in the catalog; add the activity to the catalog or map the IRI to one it has.");
    }

    [Fact]
    public void NullServices_Throw()
    {
        var act = () => PersonalizedLearningServiceCollectionExtensions.AddPersonalizedLearning(null!);
        act.Should().Throw<ArgumentNullException>().And.ParamName.Should().Be("services");
    }

    [Fact]
    public void NullServices_IsNamedFirst_BeforeABadTenant_AndByAddLearnerRecords()
    {
        FluentActions.Invoking(() => PersonalizedLearningServiceCollectionExtensions.AddPersonalizedLearning(null!, " ", _ => { }))
            .Should().ThrowExactly<ArgumentNullException>().WithParameterName("services");
        FluentActions.Invoking(() => PersonalizedLearningServiceCollectionExtensions.AddLearnerRecords(null!))
            .Should().ThrowExactly<ArgumentNullException>().WithParameterName("services");
        FluentActions.Invoking(() => new ServiceCollection().AddPersonalizedLearning(" ", _ => { }))
            .Should().ThrowExactly<ArgumentException>().WithMessage("A tenant id must not be empty or whitespace; got ' '. (Parameter 'tenant')");
    }

    [Fact]
    public void AddLearnerRecords_OptionsGivenReplaceEarlierOnes_AndACallWithoutKeepsThem()
    {
        var custom = new PersonalizedLearning.Records.LearnerRecordsOptions();
        var later = new PersonalizedLearning.Records.LearnerRecordsOptions();

        Options(new ServiceCollection().AddLearnerRecords()).Should().BeSameAs(PersonalizedLearning.Records.LearnerRecordsOptions.Default);
        Options(new ServiceCollection().AddLearnerRecords(custom).AddLearnerRecords()).Should().BeSameAs(custom);
        Options(new ServiceCollection().AddLearnerRecords().AddLearnerRecords(custom)).Should().BeSameAs(custom);
        Options(new ServiceCollection().AddLearnerRecords(custom).AddLearnerRecords(later)).Should().BeSameAs(later);

        static PersonalizedLearning.Records.LearnerRecordsOptions Options(IServiceCollection services) =>
            services.BuildServiceProvider().GetRequiredService<PersonalizedLearning.Records.LearnerRecordsOptions>();
    }

    [Fact]
    public void RecordsOptions_OfATenant_AreItsOwn_ElseTheUnkeyedOnes_ElseTheDefaults()
    {
        var unkeyed = new PersonalizedLearning.Records.LearnerRecordsOptions();
        var keyed = new PersonalizedLearning.Records.LearnerRecordsOptions();
        using var none = new ServiceCollection().BuildServiceProvider();
        using var shared = new ServiceCollection().AddSingleton(unkeyed).BuildServiceProvider();
        using var both = new ServiceCollection().AddSingleton(unkeyed).AddKeyedSingleton("t", keyed).BuildServiceProvider();

        PersonalizedLearningServiceCollectionExtensions.RecordsOptions(none, "t").Should().BeSameAs(PersonalizedLearning.Records.LearnerRecordsOptions.Default);
        PersonalizedLearningServiceCollectionExtensions.RecordsOptions(shared, "t").Should().BeSameAs(unkeyed);
        PersonalizedLearningServiceCollectionExtensions.RecordsOptions(both, "t").Should().BeSameAs(keyed);
        PersonalizedLearningServiceCollectionExtensions.RecordsOptions(both, null).Should().BeSameAs(unkeyed);
    }

    [Fact]
    public void LearnerRecords_WithoutAStore_ThrowWhenResolved_SayingWhatToRegister()
    {
        using var provider = new ServiceCollection().AddPersonalizedLearning(o => o.Catalog = Catalog).AddLearnerRecords().BuildServiceProvider();

        FluentActions.Invoking(() => provider.GetRequiredService<PersonalizedLearning.Records.LearnerRecords>()).Should().ThrowExactly<InvalidOperationException>()
            .WithMessage("LearnerRecords needs an IEvidenceStore and none is registered: call AddPersonalizedLearningSqlite or AddPersonalizedLearningPostgreSql*");
    }

    [Fact]
    public void ConfigureSteps_ThatThrow_AreEachReported()
    {
        using var provider = new ServiceCollection()
            .AddPersonalizedLearning(o => o.Catalog = Catalog)
            .AddPersonalizedLearning(_ => throw new InvalidOperationException("one"))
            .AddPersonalizedLearning(_ => throw new FormatException("two"))
            .BuildServiceProvider();

        FluentActions.Invoking(() => provider.GetRequiredService<PersonalizedLearningEngine>()).Should().ThrowExactly<OptionsValidationException>()
            .Which.Failures.Should().Contain("The configure step threw InvalidOperationException: one")
            .And.Contain("The configure step threw FormatException: two");
    }

    [Fact]
    public void MaximumFutureSkew_OfZero_IsTaken()
    {
        new PersonalizedLearningOptions { Catalog = Catalog, MaximumFutureSkew = TimeSpan.Zero }.Problems().Should().BeEmpty();
    }

    [Fact]
    public void TheTenantScopedStore_PrintsItsStoreAndTenant()
    {
        var store = new PersonalizedLearning.Records.InMemoryEvidenceStore();
        new TenantScopedEvidenceStore(new PersonalizedLearning.Records.TenantId("t-1"), store).ToString().Should().Be($"{store} (tenant t-1)");
    }
}
