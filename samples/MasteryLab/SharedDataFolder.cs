namespace PersonalizedLearning.Samples;

/// <summary>
/// Finds the real public data in <c>../shared/data</c>, beside the repository root (the folder holding
/// <c>PersonalizedLearning.Core.sln</c>), from the current directory or the program's own folder. A checkout that does
/// not sit beside <c>shared</c> (a git worktree elsewhere, for instance) names the data folder in the environment
/// variable <c>PERSONALIZEDLEARNING_SHARED_DATA</c>, which is tried first.
/// </summary>
public static class SharedDataFolder
{
    /// <summary>The full path of a file under <c>../shared/data</c>, or null when it is absent.</summary>
    /// <param name="relativePath">The file's path under <c>../shared/data</c>, such as <c>kt/glops_pardos2010.csv</c>.</param>
    /// <returns>The path, or null.</returns>
    public static string? Find(string relativePath)
    {
        if (Environment.GetEnvironmentVariable("PERSONALIZEDLEARNING_SHARED_DATA") is { Length: > 0 } named)
        {
            var path = Path.GetFullPath(Path.Combine(named, relativePath));
            if (File.Exists(path))
            {
                return path;
            }
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PersonalizedLearning.Core.sln")))
                {
                    var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", relativePath));
                    return File.Exists(path) ? path : null;
                }
            }
        }

        return null;
    }
}
