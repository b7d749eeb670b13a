using global::Orleans;
using global::Orleans.Hosting;
using global::Orleans.Serialization;
using global::Orleans.Serialization.Cloning;
using global::Orleans.Serialization.Serializers;
using global::Orleans.Serialization.TypeSystem;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using global::Orleans.Storage;
using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Orleans;

/// <summary>
/// Configures Orleans silos and clients for PersonalizedLearning's grains, in the Microsoft.Extensions style:
/// <code>
/// builder.Services.AddPersonalizedLearning(o => o.Catalog = catalog).AddPersonalizedLearningPostgreSql(connection);
/// builder.UseOrleans(silo => silo.AddPersonalizedLearningGrains().AddAdoNetGrainStorage(PersonalizedLearningGrains.StorageName, …));
/// // a client elsewhere: client.AddPersonalizedLearningClient(), with AddPersonalizedLearning(…) over the same catalog
/// </code>
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class PersonalizedLearningGrains
{
    /// <summary>The name of the grain storage provider that keeps class rosters and each learner's classes; the host
    /// registers one under it (a durable one: a roster in memory is lost with its silo). Evidence is not kept there but in
    /// the <see cref="IEvidenceStore"/>.</summary>
    public const string StorageName = "PersonalizedLearning";

    /// <summary>
    /// Adds the learner and class grains to a silo. The silo's services must hold the engine
    /// (<c>AddPersonalizedLearning</c>) and an <see cref="IEvidenceStore"/> (<c>AddPersonalizedLearningPostgreSql</c>, or
    /// another); this registers <see cref="LearnerRecords"/> over them with
    /// <see cref="LearnerRecordsOptions.AssumeSingleWriter"/> set (a grain activation is its learner's one writer), and the
    /// codec that carries the core's types across grain calls.
    /// </summary>
    /// <remarks>An exception of the store (Npgsql's, SQLite's) reaches a caller only if Orleans may serialize its type: add
    /// its namespace to <see cref="ExceptionSerializationOptions.SupportedNamespacePrefixes"/> on silos and clients
    /// (<c>"Npgsql"</c>; <c>Microsoft.Data.Sqlite</c> is under <c>"Microsoft"</c>, there by default), or the caller sees
    /// Orleans' <c>CodecNotFoundException</c> instead.</remarks>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets the grains' options, if given; checked when the silo starts, with the grain storage
    /// provider named <see cref="StorageName"/> (the silo does not start without one, and says so).</param>
    /// <param name="records">The records' options, replacing any given before (to <c>AddLearnerRecords</c> or a storage
    /// package); when null, those given before, or <see cref="LearnerRecordsOptions.Default"/>. Whichever they are,
    /// <see cref="LearnerRecordsOptions.AssumeSingleWriter"/> is switched on. Set
    /// <see cref="LearnerRecordsOptions.CachedLearners"/> to at least the learners a silo keeps active: it bounds how many
    /// keep their state in memory (the default, 10,000, is small for a silo), and a learner past it is loaded from its
    /// snapshot and log on each call. (They were checked as they were set.)</param>
    /// <returns><paramref name="builder"/>, to chain calls.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static ISiloBuilder AddPersonalizedLearningGrains(this ISiloBuilder builder, Action<PersonalizedLearningGrainOptions>? configure = null, LearnerRecordsOptions? records = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // The records' options are the host's (given here, to the storage package, or the defaults), with
        // AssumeSingleWriter switched on whatever they say.
        services.AddLearnerRecords(records);
        services.Replace(ServiceDescriptor.Singleton(sp => new LearnerRecords(
            sp.GetRequiredService<PersonalizedLearningEngine>(),
            sp.GetRequiredService<IEvidenceStore>(),
            sp.GetRequiredService<LearnerRecordsOptions>() with { AssumeSingleWriter = true })));
        var options = services.AddOptions<PersonalizedLearningGrainOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PersonalizedLearningGrainOptions>, OptionsValidator>());
        options.ValidateOnStart();
        AddCodec(services);
        return builder;
    }

    /// <summary>Lets an Orleans client call the learner and class grains: registers the codec that carries the core's types.
    /// To receive mastery snapshots, playlists or plans, the client's services must also hold the engine
    /// (<c>AddPersonalizedLearning</c> with the silos' catalog), against whose framework and catalog they are read.</summary>
    /// <param name="builder">The client builder.</param>
    /// <returns><paramref name="builder"/>, to chain calls.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IClientBuilder AddPersonalizedLearningClient(this IClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddCodec(builder.Services);
        return builder;
    }

    private static void AddCodec(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(PersonalizedLearningCodec)))
        {
            return;
        }

        services.AddSingleton<PersonalizedLearningCodec>();
        services.AddSingleton<IGeneralizedCodec>(sp => sp.GetRequiredService<PersonalizedLearningCodec>());
        services.AddSingleton<IGeneralizedCopier>(sp => sp.GetRequiredService<PersonalizedLearningCodec>());
        services.AddSingleton<ITypeFilter>(sp => sp.GetRequiredService<PersonalizedLearningCodec>());
        // The core's exceptions keep their type and message across calls; a conflict is carried whole by the codec.
        services.Configure<ExceptionSerializationOptions>(o =>
        {
            var earlier = o.SupportedExceptionTypeFilter;
            o.SupportedExceptionTypeFilter = type => earlier(type)
                || (type.Assembly == typeof(PersonalizedLearningEngine).Assembly && !PersonalizedLearningCodec.Supported.Contains(type));
        });
        services.AddSerializer(serializer => serializer.Configure(o => o.WellKnownTypeAliases[PersonalizedLearningCodec.WellKnownAlias] = typeof(PersonalizedLearningCodec)));
    }

    private sealed class OptionsValidator(IServiceProvider services) : IValidateOptions<PersonalizedLearningGrainOptions>
    {
        public ValidateOptionsResult Validate(string? name, PersonalizedLearningGrainOptions options)
        {
            var problems = new List<string>();
            if (services.GetService<PersonalizedLearningEngine>() is null)
            {
                problems.Add("No PersonalizedLearningEngine is registered: call services.AddPersonalizedLearning(o => o.Catalog = ...) on the silo.");
            }

            if (services.GetService<IEvidenceStore>() is null)
            {
                problems.Add("No IEvidenceStore is registered: call AddPersonalizedLearningPostgreSql or AddPersonalizedLearningSqlite on the silo's services, or register one.");
            }

            if (services.GetKeyedService<IGrainStorage>(StorageName) is null)
            {
                problems.Add($"No grain storage provider is named '{StorageName}' (PersonalizedLearningGrains.StorageName): register one for class rosters and learners' class lists, such as silo.AddAdoNetGrainStorage(PersonalizedLearningGrains.StorageName, ...) (or AddMemoryGrainStorage for a single silo that may lose them).");
            }

            if (options.WheelSpinningAttempts is < 1)
            {
                problems.Add($"WheelSpinningAttempts must be at least 1; got {options.WheelSpinningAttempts}.");
            }

            if (options.ClassActivationFanOut is < 1 or > 1000)
            {
                problems.Add($"ClassActivationFanOut must be in [1, 1000]; got {options.ClassActivationFanOut}.");
            }

            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}

/// <summary>Gets the learner and class grains by tenant and id.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class GrainFactoryExtensions
{
    /// <summary>A learner's grain.</summary>
    /// <param name="grains">The grain factory (an <see cref="IClusterClient"/>, or a grain's <c>GrainFactory</c>).</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="learner">The learner.</param>
    /// <returns>The grain reference.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grains"/> is null.</exception>
    /// <exception cref="ArgumentException">An id is empty.</exception>
    public static ILearnerGrain GetLearner(this IGrainFactory grains, TenantId tenant, LearnerId learner)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<ILearnerGrain>(GrainKeys.Learner(tenant, learner));
    }

    /// <summary>A class's grain.</summary>
    /// <param name="grains">The grain factory.</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="classId">The class (or section) id.</param>
    /// <returns>The grain reference.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grains"/> or <paramref name="classId"/> is null.</exception>
    /// <exception cref="ArgumentException">The tenant id is empty or the class id is not valid.</exception>
    public static IClassGrain GetClass(this IGrainFactory grains, TenantId tenant, string classId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IClassGrain>(GrainKeys.Class(tenant, classId));
    }
}
