using System.Diagnostics;

namespace PersonalizedLearning.Samples.Cluster;

/// <summary>The PostgreSQL server the sample uses: the one PL_POSTGRES_CONNECTION names, or a throwaway one that
/// eng/postgres.sh starts (and stops when the sample ends).</summary>
internal sealed class Postgres : IAsyncDisposable
{
    private readonly string? _script;
    private readonly string? _folder;

    private Postgres(string connection, string? script, string? folder) => (Connection, _script, _folder) = (connection, script, folder);

    public string Connection { get; }

    public static async Task<Postgres> OpenAsync()
    {
        if (Environment.GetEnvironmentVariable("PL_POSTGRES_CONNECTION") is { Length: > 0 } given)
        {
            return new Postgres(given, null, null);
        }

        var script = FindScript() ?? throw new InvalidOperationException("Set PL_POSTGRES_CONNECTION to a PostgreSQL database, or run the sample from the repository (it starts one with eng/postgres.sh).");
        var folder = Path.Combine(Path.GetTempPath(), $"pl-cluster-{Guid.NewGuid():N}");
        Console.WriteLine("  no PL_POSTGRES_CONNECTION: starting a throwaway PostgreSQL server with eng/postgres.sh");
        var connection = (await BashAsync(script, "start", folder)).Trim();
        return new Postgres(connection, script, folder);
    }

    public async ValueTask DisposeAsync()
    {
        if (_script is not null && _folder is not null)
        {
            await BashAsync(_script, "stop", _folder);
        }
    }

    private static string? FindScript()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var script = Path.Combine(folder.FullName, "eng", "postgres.sh");
            if (File.Exists(script))
            {
                return script;
            }
        }

        return null;
    }

    private static async Task<string> BashAsync(string script, string action, string folder)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(action);
        start.ArgumentList.Add(folder);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"eng/postgres.sh {action} failed with exit code {process.ExitCode}.");
    }
}
