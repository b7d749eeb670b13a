using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Storage.Sqlite;

/// <summary>Registers the SQLite evidence store and the learner records over it.</summary>
public static class SqliteServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SqliteEvidenceStore"/> as the <see cref="IEvidenceStore"/>, <see cref="LearnerRecords"/> over it
    /// (see <see cref="PersonalizedLearningServiceCollectionExtensions.AddLearnerRecords"/>), and a hosted service that
    /// creates or migrates the schema when the host starts (a database of a newer schema stops the start with
    /// <see cref="EvidenceStoreSchemaException"/>). Call after <c>AddPersonalizedLearning</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">The SQLite connection string, such as <c>Data Source=learners.db</c>.</param>
    /// <param name="configure">Sets further store options, if given.</param>
    /// <param name="records">The records' options; <see cref="LearnerRecordsOptions.Default"/> when null.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty.</exception>
    public static IServiceCollection AddPersonalizedLearningSqlite(this IServiceCollection services, string connectionString, Action<SqliteEvidenceStoreOptions>? configure = null, LearnerRecordsOptions? records = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new SqliteEvidenceStoreOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        services.TryAddSingleton(sp => new SqliteEvidenceStore(options, sp.GetService<ILogger<SqliteEvidenceStore>>()));
        services.TryAddSingleton<IEvidenceStore>(sp => sp.GetRequiredService<SqliteEvidenceStore>());
        services.AddHostedService<SchemaAtStart>();
        return services.AddLearnerRecords(records);
    }

    private sealed class SchemaAtStart(SqliteEvidenceStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => store.EnsureSchemaAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
