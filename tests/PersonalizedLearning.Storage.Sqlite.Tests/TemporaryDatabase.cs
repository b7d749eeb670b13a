using Microsoft.Data.Sqlite;

namespace PersonalizedLearning.Storage.Sqlite.Tests;

/// <summary>A SQLite file of a test's own under the temporary folder, and what removes it with its WAL files.</summary>
internal static class TemporaryDatabase
{
    public static string NewPath(string prefix) => Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.db");

    /// <summary>Closes the pooled connections (which hold the file open) and deletes the file, its WAL and shared memory.</summary>
    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
