using Microsoft.Data.Sqlite;
using PersonalizedLearning.Records;
using PersonalizedLearning.Storage.PostgreSql;
using PersonalizedLearning.Storage.Sqlite;

namespace PersonalizedLearning.Benchmarks.Storage;

/// <summary>The stores the storage benchmarks run against: SQLite always (a temporary file), PostgreSQL when
/// <c>PL_POSTGRES_CONNECTION</c> names a server (eng/postgres.sh starts a throwaway one), each in a schema of its own.</summary>
internal static class Stores
{
    public const string Sqlite = "SQLite";
    public const string PostgreSql = "PostgreSQL";

    public static IEnumerable<string> Available()
    {
        yield return Sqlite;
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("PL_POSTGRES_CONNECTION")))
        {
            yield return PostgreSql;
        }
    }

    /// <summary>A fresh, empty store of the kind, and what removes it.</summary>
    public static (IEvidenceStore Store, Action Remove) Create(string kind)
    {
        if (kind == Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), $"pl-bench-{Guid.NewGuid():N}.db");
            return (new SqliteEvidenceStore($"Data Source={path}"), () =>
            {
                SqliteConnection.ClearAllPools();
                foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(file);
                }
            });
        }

        var schema = $"pl_bench_{Guid.NewGuid():N}";
        var connection = Environment.GetEnvironmentVariable("PL_POSTGRES_CONNECTION")!;
        var store = new PostgreSqlEvidenceStore(new PostgreSqlEvidenceStoreOptions { ConnectionString = connection, Schema = schema });
        return (store, () =>
        {
            using var dataSource = Npgsql.NpgsqlDataSource.Create(connection);
            using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE;");
            drop.ExecuteNonQuery();
            store.Dispose();
        });
    }
}
