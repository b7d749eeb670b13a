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

    /// <summary>The options by name; the connection string only as its host and database, since it may hold a password.</summary>
    /// <returns>For example <c>PostgreSqlEvidenceStoreOptions { Host = db, Database = learning, Schema = personalized_learning }</c>.</returns>
    public override string ToString()
    {
        string where;
        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
            where = string.IsNullOrWhiteSpace(ConnectionString) ? "Host = (none)" : $"Host = {builder.Host}, Database = {builder.Database}";
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            where = "Host = (cannot be parsed)";
        }

        return $"PostgreSqlEvidenceStoreOptions {{ {where}, Schema = {Schema} }}";
    }
}
