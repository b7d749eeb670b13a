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

/// <summary>Registers the engine and its strategies in a .NET host.</summary>
public static class PersonalizedLearningServiceCollectionExtensions
{
    /// <summary>
    /// Registers, as singletons and only where the host has not registered its own (<c>TryAdd</c>): the options,
    /// <see cref="TimeProvider"/>, the <see cref="ActivityCatalog"/>, <see cref="IMasteryModel"/>,
    /// <see cref="INextStepRecommender"/>, <see cref="IPlaylistBuilder"/>, <see cref="PersonalizedLearningEngine"/>,
    /// <see cref="LearningPlanner"/> and <see cref="XapiStatementMapper"/>. The options are checked when first built and
    /// every problem is reported at once (<see cref="OptionsValidationException"/>).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the options; call it as often as needed (each call adds a configuration step).</param>
    /// <returns><paramref name="services"/>, to chain calls.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddPersonalizedLearning(this IServiceCollection services, Action<PersonalizedLearningOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<PersonalizedLearningOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PersonalizedLearningOptions>, Validator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => Options(sp).Catalog!);
        services.TryAddSingleton(sp => Options(sp).Model!);
        services.TryAddSingleton<INextStepRecommender>(sp => new AdaptiveRecommender(Options(sp).Recommender));
        services.TryAddSingleton<IPlaylistBuilder>(PlaylistBuilder.Instance);
        services.TryAddSingleton(sp => new PersonalizedLearningEngine(
            sp.GetRequiredService<ActivityCatalog>(), sp.GetRequiredService<IMasteryModel>(), Options(sp).Policy, sp.GetRequiredService<INextStepRecommender>(), sp.GetRequiredService<TimeProvider>())
            { MaximumFutureSkew = Options(sp).MaximumFutureSkew, IncludeLearnerIdsInTelemetry = Options(sp).IncludeLearnerIdsInTelemetry });
        services.TryAddSingleton(sp => new LearningPlanner(sp.GetRequiredService<IPlaylistBuilder>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new XapiStatementMapper(sp.GetRequiredService<ActivityCatalog>(), Options(sp).Xapi));
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
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range (checked now, not at first use).</exception>
    public static IServiceCollection AddLearnerRecords(this IServiceCollection services, Records.LearnerRecordsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        // The options are a service of their own, read when the records are built: a later call with options replaces
        // them, and a host (the Orleans silo) may register the records over whatever options were chosen.
        var given = options ?? Records.LearnerRecordsOptions.Default;
        given.Validate();
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

    private static PersonalizedLearningOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<PersonalizedLearningOptions>>().Value;

    private sealed class Validator : IValidateOptions<PersonalizedLearningOptions>
    {
        public ValidateOptionsResult Validate(string? name, PersonalizedLearningOptions options)
        {
            var problems = options.Problems();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
