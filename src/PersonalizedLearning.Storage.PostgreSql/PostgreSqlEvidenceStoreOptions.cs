namespace PersonalizedLearning.Storage.PostgreSql;

/// <summary>Options of <see cref="PostgreSqlEvidenceStore"/>.</summary>
/// <remarks>Mutable for the options pattern; not thread-safe while being configured.</remarks>
public sealed class PostgreSqlEvidenceStoreOptions
{
    /// <summary>The Npgsql connection string, such as <c>Host=db;Database=learning;Username=app;Password=…</c>; required.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The PostgreSQL schema that holds the store's tables, created if missing; <c>personalized_learning</c> by
    /// default. Letters, digits and underscores, starting with a letter or underscore, at most 63 characters.</summary>
    public string Schema { get; set; } = "personalized_learning";
}
