namespace DocsHowTo;

/// <summary>The committed inputs under Data/ (copied beside the tests); see Data/SOURCES.md.</summary>
internal static class TestFiles
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Data", name);
}
