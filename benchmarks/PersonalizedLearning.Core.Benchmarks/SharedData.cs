namespace PersonalizedLearning.Benchmarks;

/// <summary>The real public data in <c>../shared/data</c> beside the repository, when it is there.</summary>
internal static class SharedData
{
    /// <summary>The full path of a file under <c>../shared/data</c>, or null when it is absent.</summary>
    public static string? Find(string relativePath)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
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
