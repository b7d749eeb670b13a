namespace PersonalizedLearning.Samples;

/// <summary>Where a sample writes its files: <c>output/</c> beside its project by default, or a path given on the command
/// line. The repository's .gitignore covers <c>samples/*/output/</c>.</summary>
public static class SampleOutput
{
    /// <summary>The sample's output folder, created if missing: <c>output/</c> beside its project (found above the
    /// program's folder, bin/&lt;configuration&gt;/net10.0/), or in the current folder when the program runs away from it.</summary>
    /// <param name="projectFile">The sample's project file name, such as <c>MasteryLab.csproj</c>.</param>
    /// <returns>The folder's full path.</returns>
    public static string Folder(string projectFile)
    {
        var project = new DirectoryInfo(AppContext.BaseDirectory);
        while (project is not null && !File.Exists(Path.Combine(project.FullName, projectFile)))
        {
            project = project.Parent;
        }

        return Directory.CreateDirectory(Path.Combine(project?.FullName ?? Directory.GetCurrentDirectory(), "output")).FullName;
    }

    /// <summary>A file named on the command line: its full path, with its folder created if missing.</summary>
    /// <param name="path">The path as given.</param>
    /// <returns>The full path.</returns>
    public static string NamedFile(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return full;
    }
}
