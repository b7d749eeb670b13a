namespace PersonalizedLearning.Storage.Sqlite;

/// <summary>How often SQLite makes sure a commit reached the disk (its <c>synchronous</c> setting in WAL mode).</summary>
public enum SqliteSynchronous
{
    /// <summary>Every commit is on disk before the append returns: survives a killed process and a power loss. The default.</summary>
    Full = 0,

    /// <summary>Commits reach the operating system before the append returns and the disk at checkpoints: survives a
    /// killed process, and a power loss may roll back the last commits. Faster for single appends.</summary>
    Normal = 1,
}

/// <summary>Options of <see cref="SqliteEvidenceStore"/>.</summary>
/// <remarks>Mutable for the options pattern; not thread-safe while being configured.</remarks>
public sealed class SqliteEvidenceStoreOptions
{
    /// <summary>The SQLite connection string, such as <c>Data Source=learners.db</c>; required.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Durability of a commit; <see cref="SqliteSynchronous.Full"/> by default.</summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>The options by name; the connection string only as its data source, since it may hold a password.</summary>
    /// <returns>For example <c>SqliteEvidenceStoreOptions { DataSource = learners.db, Synchronous = Full }</c>.</returns>
    public override string ToString()
    {
        string source;
        try
        {
            source = string.IsNullOrWhiteSpace(ConnectionString) ? "(none)" : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or OverflowException)
        {
            source = "(cannot be parsed)";
        }

        return $"SqliteEvidenceStoreOptions {{ DataSource = {source}, Synchronous = {Synchronous} }}";
    }
}
