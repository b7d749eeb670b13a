using Microsoft.Extensions.Logging;
using PersonalizedLearning.Diagnostics;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Storage.Sqlite;

/// <summary>The SQLite store's log messages (source-generated; ids in <see cref="PersonalizedLearningTelemetry.EventIds"/>).
/// They name the database file and tenants, never learners or evidence.</summary>
internal static partial class SqliteLog
{
    [LoggerMessage(EventId = PersonalizedLearningTelemetry.EventIds.SqliteSchemaCreated, Level = LogLevel.Information,
        Message = "Created the SQLite evidence store's schema (version {Version}) in {DataSource}.")]
    public static partial void SchemaCreated(ILogger logger, int version, string dataSource);

    [LoggerMessage(EventId = PersonalizedLearningTelemetry.EventIds.SqliteSchemaTooNew, Level = LogLevel.Error,
        Message = "The SQLite database {DataSource} holds schema version {Found}, newer than the {Supported} this package reads; nothing was read or written. Upgrade PersonalizedLearning.Storage.Sqlite.")]
    public static partial void SchemaTooNew(ILogger logger, string dataSource, long found, int supported);

    [LoggerMessage(EventId = PersonalizedLearningTelemetry.EventIds.SqliteAppendConflict, Level = LogLevel.Debug,
        Message = "Refused an append for a learner of tenant {Tenant}: the log is at version {Actual}, not the expected {Expected} (another writer appended first).")]
    public static partial void AppendConflict(ILogger logger, TenantId tenant, long actual, long expected);
}
