using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Storage.PostgreSql;

/// <summary>Registers the PostgreSQL evidence store and the learner records over it.</summary>
public static class PostgreSqlServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PostgreSqlEvidenceStore"/> as the <see cref="IEvidenceStore"/>, <see cref="LearnerRecords"/> over it
    /// (see <see cref="PersonalizedLearningServiceCollectionExtensions.AddLearnerRecords"/>), and a hosted service that
    /// creates or migrates the schema when the host starts (a database of a newer schema stops the start with
    /// <see cref="EvidenceStoreSchemaException"/>). Call after <c>AddPersonalizedLearning</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">The PostgreSQL connection string, such as <c>Host=db;Database=learning;Username=app</c>.</param>
    /// <param name="configure">Sets further store options, if given.</param>
    /// <param name="records">The records' options; <see cref="LearnerRecordsOptions.Default"/> when null.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty.</exception>
    public static IServiceCollection AddPersonalizedLearningPostgreSql(this IServiceCollection services, string connectionString, Action<PostgreSqlEvidenceStoreOptions>? configure = null, LearnerRecordsOptions? records = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new PostgreSqlEvidenceStoreOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        services.TryAddSingleton(sp => new PostgreSqlEvidenceStore(options, sp.GetService<ILogger<PostgreSqlEvidenceStore>>()));
        services.TryAddSingleton<IEvidenceStore>(sp => sp.GetRequiredService<PostgreSqlEvidenceStore>());
        services.AddHostedService<SchemaAtStart>();
        return services.AddLearnerRecords(records);
    }

    private sealed class SchemaAtStart(PostgreSqlEvidenceStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => store.EnsureSchemaAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
