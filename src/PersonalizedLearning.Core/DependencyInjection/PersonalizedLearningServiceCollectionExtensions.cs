using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Interop.Xapi;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.DependencyInjection;

/// <summary>Registers the engine and its strategies in a .NET host: once, unkeyed, for a host with one catalog, or once
/// per tenant, keyed by the tenant, for a host that serves several districts with their own frameworks and catalogs.</summary>
public static class PersonalizedLearningServiceCollectionExtensions
{
    /// <summary>
    /// Registers, as singletons and only where the host has not registered its own (<c>TryAdd</c>): the options,
    /// <see cref="TimeProvider"/>, the <see cref="ActivityCatalog"/>, <see cref="IMasteryModel"/>,
    /// <see cref="INextStepRecommender"/>, <see cref="IPlaylistBuilder"/>, <see cref="PersonalizedLearningEngine"/>,
    /// <see cref="LearningPlanner"/>, <see cref="XapiStatementMapper"/> and the
    /// <see cref="IPersonalizedLearningEngineProvider"/> that reloads the catalog. The options are validated when the host
    /// starts (<c>ValidateOnStart</c>: <c>IHost.StartAsync</c> throws <see cref="OptionsValidationException"/> with every
    /// problem), or, without a host, when first built.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the options; call it as often as needed (each call adds a configuration step).</param>
    /// <returns><paramref name="services"/>, to chain calls.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0027:API with optional parameter(s) should have the most parameters amongst its public overloads", Justification = "The tenant overload's leading string and configure are both required, so no call binds to either ambiguously; Microsoft.Extensions pairs AddX(configure) with AddX(name, configure) the same way.")]
    public static IServiceCollection AddPersonalizedLearning(this IServiceCollection services, Action<PersonalizedLearningOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<PersonalizedLearningOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(Guarded(configure));
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PersonalizedLearningOptions>, Validator>());
        services.TryAddSingleton<OptionsChanges>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => Options(sp).Catalog!);
        services.TryAddSingleton(sp => Options(sp).Model!);
        services.TryAddSingleton<INextStepRecommender>(sp => new AdaptiveRecommender(Options(sp).Recommender));
        services.TryAddSingleton<IPlaylistBuilder>(PlaylistBuilder.Default);
        services.TryAddSingleton(sp => NewEngine(
            sp.GetRequiredService<ActivityCatalog>(), sp.GetRequiredService<IMasteryModel>(), Options(sp), sp.GetRequiredService<INextStepRecommender>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new LearningPlanner(sp.GetRequiredService<IPlaylistBuilder>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new XapiStatementMapper(sp.GetRequiredService<ActivityCatalog>(), Options(sp).Xapi));
        services.TryAddSingleton<IPersonalizedLearningEngineProvider>(sp => new EngineProvider(sp, null));
        return services;
    }

    /// <summary>
    /// Registers a tenant (a district, a school, a customer) with its own framework, catalog and options, beside any other
    /// tenant and the unkeyed registration: the options named <paramref name="tenant"/>, validated when the host starts
    /// (<c>ValidateOnStart</c>; the failures name the tenant, and <c>IHost.StartAsync</c> reports every failing tenant
    /// at once), and, keyed by <paramref name="tenant"/> (<c>[FromKeyedServices("district-a")]</c>,
    /// <c>GetRequiredKeyedService</c>), singletons of <see cref="ActivityCatalog"/>, <see cref="IMasteryModel"/>,
    /// <see cref="INextStepRecommender"/>, <see cref="IPlaylistBuilder"/>, <see cref="PersonalizedLearningEngine"/>,
    /// <see cref="LearningPlanner"/>, <see cref="XapiStatementMapper"/>, <see cref="Records.LearnerRecords"/> and
    /// <see cref="IPersonalizedLearningEngineProvider"/>; each only where the host has not registered its own under the key.
    /// </summary>
    /// <remarks>
    /// <para><b>Shared services.</b> The clock is the <see cref="TimeProvider"/> keyed by the tenant if there is one, else
    /// the unkeyed one (<see cref="TimeProvider.System"/> unless the host registered its own); the same for the
    /// <see cref="IPlaylistBuilder"/>.</para>
    /// <para><b>Records and stores.</b> The tenant's <see cref="Records.LearnerRecords"/> use the
    /// <see cref="Records.IEvidenceStore"/> keyed by the tenant if the host registered one (a database per district), else
    /// the unkeyed store (<c>AddPersonalizedLearningSqlite</c>, <c>AddPersonalizedLearningPostgreSql</c>), which keeps every
    /// tenant's learners apart by <see cref="Records.TenantId"/>. Either way the keyed records serve only their own tenant:
    /// a call with another <see cref="Records.TenantId"/> throws <see cref="ArgumentException"/> before anything is read or
    /// written. Their options are the <see cref="Records.LearnerRecordsOptions"/> keyed by the tenant if registered, else
    /// the unkeyed ones (<see cref="AddLearnerRecords"/>), else <see cref="Records.LearnerRecordsOptions.Default"/>.</para>
    /// <para>Calling it again for the same tenant adds a configuration step and no second registration.</para>
    /// </remarks>
    /// <param name="services">The host's services.</param>
    /// <param name="tenant">The tenant: the service key, the options' name and the <see cref="Records.TenantId"/> its
    /// records serve; a valid <see cref="Records.TenantId"/> (not blank, not padded, at most 1,024 characters).</param>
    /// <param name="configure">Sets the tenant's options.</param>
    /// <returns><paramref name="services"/>, to chain calls.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="tenant"/> is not a valid tenant id; nothing is registered.</exception>
    public static IServiceCollection AddPersonalizedLearning(this IServiceCollection services, string tenant, Action<PersonalizedLearningOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var id = new Records.TenantId(Identifier.Require(tenant, "tenant id", nameof(tenant)));
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PersonalizedLearningOptions>(tenant).Configure(Guarded(configure)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PersonalizedLearningOptions>, Validator>());
        services.TryAddSingleton<OptionsChanges>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPlaylistBuilder>(PlaylistBuilder.Default);
        services.TryAddKeyedSingleton(tenant, (sp, _) => Named(sp, tenant).Catalog!);
        services.TryAddKeyedSingleton(tenant, (sp, _) => Named(sp, tenant).Model!);
        services.TryAddKeyedSingleton<INextStepRecommender>(tenant, (sp, _) => new AdaptiveRecommender(Named(sp, tenant).Recommender));
        services.TryAddKeyedSingleton(tenant, (sp, _) => sp.GetRequiredService<IPlaylistBuilder>());
        services.TryAddKeyedSingleton(tenant, (sp, _) => NewEngine(
            sp.GetRequiredKeyedService<ActivityCatalog>(tenant), sp.GetRequiredKeyedService<IMasteryModel>(tenant), Named(sp, tenant), sp.GetRequiredKeyedService<INextStepRecommender>(tenant), Clock(sp, tenant)));
        services.TryAddKeyedSingleton(tenant, (sp, _) => new LearningPlanner(sp.GetRequiredKeyedService<IPlaylistBuilder>(tenant), Clock(sp, tenant)));
        services.TryAddKeyedSingleton(tenant, (sp, _) => new XapiStatementMapper(sp.GetRequiredKeyedService<ActivityCatalog>(tenant), Named(sp, tenant).Xapi));
        services.TryAddKeyedSingleton(tenant, (sp, _) => new Records.LearnerRecords(
            sp.GetRequiredKeyedService<PersonalizedLearningEngine>(tenant),
            new TenantScopedEvidenceStore(id, sp.GetKeyedService<Records.IEvidenceStore>(tenant) ?? sp.GetService<Records.IEvidenceStore>()
                ?? throw new InvalidOperationException($"The LearnerRecords of tenant '{tenant}' need an IEvidenceStore and none is registered: call AddPersonalizedLearningSqlite or AddPersonalizedLearningPostgreSql, or register one (keyed '{tenant}' for a store of its own).")),
            RecordsOptions(sp, tenant),
            sp.GetService<ILogger<Records.LearnerRecords>>()));
        services.TryAddKeyedSingleton<IPersonalizedLearningEngineProvider>(tenant, (sp, _) => new EngineProvider(sp, tenant));
        return services;
    }

    /// <summary>Registers <see cref="Records.LearnerRecords"/> as a singleton over the registered
    /// <see cref="Records.IEvidenceStore"/> and <see cref="PersonalizedLearningEngine"/>; the storage packages'
    /// <c>AddPersonalizedLearningSqlite</c> and <c>AddPersonalizedLearningPostgreSql</c> call it. Resolving the records
    /// with no store registered fails with <see cref="InvalidOperationException"/> rather than keep learners in memory
    /// unasked (register <see cref="Records.InMemoryEvidenceStore"/> for that).</summary>
    /// <param name="services">The services.</param>
    /// <param name="options">The records' options; <see cref="Records.LearnerRecordsOptions.Default"/> when null. They are
    /// registered as a <see cref="Records.LearnerRecordsOptions"/> service, read when the records are built: options given
    /// here replace those of an earlier call; a call without options keeps an earlier call's.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <remarks>The options need no check here: each one was checked as it was set.</remarks>
    public static IServiceCollection AddLearnerRecords(this IServiceCollection services, Records.LearnerRecordsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        // The options are a service of their own, read when the records are built: a later call with options replaces
        // them, and a host (the Orleans silo) may register the records over whatever options were chosen.
        var given = options ?? Records.LearnerRecordsOptions.Default;
        var chosen = ServiceDescriptor.Singleton(given);
        if (options is null)
        {
            services.TryAdd(chosen);
        }
        else
        {
            services.Replace(chosen);
        }

        services.TryAdd(ServiceDescriptor.Singleton(sp => new Records.LearnerRecords(
            sp.GetRequiredService<PersonalizedLearningEngine>(),
            sp.GetService<Records.IEvidenceStore>() ?? throw new InvalidOperationException("LearnerRecords needs an IEvidenceStore and none is registered: call AddPersonalizedLearningSqlite or AddPersonalizedLearningPostgreSql, or register one (InMemoryEvidenceStore keeps nothing past the process)."),
            sp.GetRequiredService<Records.LearnerRecordsOptions>(),
            sp.GetService<ILogger<Records.LearnerRecords>>())));
        return services;
    }

    // The records' options of a tenant (null: the unkeyed registration): keyed, else unkeyed, else the defaults.
    internal static Records.LearnerRecordsOptions RecordsOptions(IServiceProvider services, string? tenant)
        => (tenant is null ? null : services.GetKeyedService<Records.LearnerRecordsOptions>(tenant))
            ?? services.GetService<Records.LearnerRecordsOptions>()
            ?? Records.LearnerRecordsOptions.Default;

    // A configure step whose exception becomes a validation problem of the options it was building, so that start-up (and a
    // reload) reports it with every other problem of every tenant instead of stopping at the first step that threw.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Any exception of the host's configure step is reported as a validation failure naming its type and message.")]
    private static Action<PersonalizedLearningOptions> Guarded(Action<PersonalizedLearningOptions> configure) => options =>
    {
        try
        {
            configure(options);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            (options.ConfigureFailures ??= []).Add($"The configure step threw {exception.GetType().Name}: {exception.Message}");
        }
    };

    // The engine the options describe, for the unkeyed registration and each tenant's alike; a reload copies it with
    // another catalog (PersonalizedLearningEngine.WithCatalog).
    private static PersonalizedLearningEngine NewEngine(ActivityCatalog catalog, IMasteryModel model, PersonalizedLearningOptions options, INextStepRecommender recommender, TimeProvider clock)
        => new(catalog, model, options.Policy, recommender, clock) { MaximumFutureSkew = options.MaximumFutureSkew, IncludeLearnerIdsInTelemetry = options.IncludeLearnerIdsInTelemetry };

    private static PersonalizedLearningOptions Options(IServiceProvider services) => Named(services, Microsoft.Extensions.Options.Options.DefaultName);

    // The options of a name (a tenant's, or the unkeyed ones) for the container's own services: read once, when the first
    // of them is resolved, through the monitor, which ValidateOnStart validated and caches, and which drops its cached
    // options when they change (IOptions<T> keeps its first value for ever, so a service resolved after a change would be
    // built under the old options); every service of the name after it is built from that same read. The read is the
    // baseline of the name's change count: the provider takes any change after it.
    private static PersonalizedLearningOptions Named(IServiceProvider services, string name)
        => services.GetRequiredService<OptionsChanges>().For(name).Read(() => services.GetRequiredService<IOptionsMonitor<PersonalizedLearningOptions>>().Get(name));

    private static TimeProvider Clock(IServiceProvider services, string tenant) => services.GetKeyedService<TimeProvider>(tenant) ?? services.GetRequiredService<TimeProvider>();

    // Every problem of one options instance; a tenant's (named options) each begin with the tenant, so that a host that
    // fails to start with several tenants wrong says which is which.
    private sealed class Validator : IValidateOptions<PersonalizedLearningOptions>
    {
        public ValidateOptionsResult Validate(string? name, PersonalizedLearningOptions options)
        {
            var problems = options.Problems();
            if (problems.Count == 0)
            {
                return ValidateOptionsResult.Success;
            }

            return ValidateOptionsResult.Fail(string.IsNullOrEmpty(name) ? problems : problems.Select(p => $"Tenant '{name}': {p}"));
        }
    }
}
