using Microsoft.Extensions.Logging;
using PersonalizedLearning.Diagnostics;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Storage.PostgreSql;

/// <summary>The PostgreSQL store's log messages (source-generated; ids in <see cref="PersonalizedLearningTelemetry.EventIds"/>).
/// They name the schema and tenants, never learners or evidence.</summary>
internal static partial class PostgreSqlLog
{
    [LoggerMessage(EventId = PersonalizedLearningTelemetry.EventIds.PostgreSqlSchemaCreated, Level = LogLevel.Information,
        Message = "Created the PostgreSQL evidence store's schema {Schema} (version {Version}).")]
    public static partial void SchemaCreated(ILogger logger, int version, string schema);

    [LoggerMessage(EventId = PersonalizedLearningTelemetry.EventIds.PostgreSqlSchemaTooNew, Level = LogLevel.Error,
        Message = "The PostgreSQL schema {Schema} is at version {Found}, newer than the {Supported} this package reads; nothing was read or written. Upgrade PersonalizedLearning.Storage.PostgreSql.")]
    public static partial void SchemaTooNew(ILogger logger, string schema, long found, int supported);

    [LoggerMessage(EventId = PersonalizedLearningTelemetry.EventIds.PostgreSqlAppendConflict, Level = LogLevel.Debug,
        Message = "Refused an append for a learner of tenant {Tenant}: the log is at version {Actual}, not the expected {Expected} (another writer appended first).")]
    public static partial void AppendConflict(ILogger logger, TenantId tenant, long actual, long expected);
}
