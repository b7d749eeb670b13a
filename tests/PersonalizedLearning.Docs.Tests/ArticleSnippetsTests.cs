using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DocsHowTo;

/// <summary>What a reader pastes: each article's code snippets, in the order the article includes them, pasted into one
/// top-level Program.cs of a new console project (its implicit usings on) must compile. The inputs an article introduces
/// in its text rather than in code (a file's path, the time, a service provider...) are the declared preamble below.</summary>
public sealed partial class ArticleSnippetsTests
{
    // The implicit usings of `dotnet new console` (Microsoft.NET.Sdk with ImplicitUsings enabled).
    private const string ConsoleImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>Per article, what its text introduces before the snippet that uses it (never a value the snippets
    /// declare themselves).</summary>
    public static TheoryData<string, string> Articles => new()
    {
        { "how-to/import-your-standards.md", """
            string path = "ccss-ratios.case.json";
            string json = File.ReadAllText("broken.case.json");
            DateTimeOffset now = DateTimeOffset.UtcNow;
            """ },
        { "how-to/map-your-lrs.md", """
            string path = "statements.json";
            PersonalizedLearningEngine engine = null!;
            HashSet<EvidenceId> voided = [];
            Dictionary<LearnerId, LearnerState> states = [];
            """ },
        { "how-to/calibrate-bkt.md", """
            string path = "responses.csv";
            DateTimeOffset now = DateTimeOffset.UtcNow;
            """ },
        { "how-to/store-and-scale-out.md", """
            ActivityCatalog catalog = null!;
            IMasteryModel model = RollupMasteryModel.DecayingAverage(0.65);
            string databasePath = "learners.db";
            string connectionString = "Host=localhost;Database=learning";
            DateTimeOffset now = DateTimeOffset.UtcNow;
            """ },
        { "how-to/school-view.md", """
            MasterySnapshot[] learners = [];
            MasterySnapshot mastery = null!;
            """ },
        { "hosting.md", """
            ActivityCatalog catalogA = null!, catalogB = null!, termTwoCatalog = null!;
            Evidence evidence = null!;
            List<string> log = [];
            """ },
    };

    [Theory]
    [MemberData(nameof(Articles))]
    public void Snippets_PastedInOrderIntoOneProgram_Compile(string article, string preamble)
    {
        var program = Program(article, preamble);

        var errors = Compile(program).Select(d => d.ToString()).ToArray();

        errors.Should().BeEmpty($"the snippets of {article}, pasted in order, are:\n{program}");
    }

    [Fact]
    public void Compile_ASnippetThatRedeclaresAVariable_ReportsTheError()
    {
        // The check itself can fail: two snippets that declare the same name do not compile as one program.
        var errors = Compile("using PersonalizedLearning;\nvar framework = 1;\nvar framework = 2;\n");

        errors.Select(e => e.Id).Should().Equal("CS0128");
    }

    /// <summary>The usings regions first (they are the file's usings), then the preamble, then the other regions.</summary>
    internal static string Program(string article, string preamble)
    {
        var articlePath = Path.Combine(Repository(), "docs", "articles", article);
        var usings = new StringBuilder();
        var statements = new StringBuilder(preamble).AppendLine();
        foreach (Match include in Include().Matches(File.ReadAllText(articlePath)))
        {
            var source = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(articlePath)!, include.Groups["path"].Value));
            var region = Region(source, include.Groups["region"].Value);
            (include.Groups["region"].Value == "usings" ? usings : statements).AppendLine(region);
        }

        return usings.ToString() + statements;
    }

    private static Diagnostic[] Compile(string program)
    {
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(ConsoleImplicitUsings, path: "GlobalUsings.cs"),
            CSharpSyntaxTree.ParseText(program, path: "Program.cs"),
        };
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("Program", trees, references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        return [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
    }

    private static string Region(string file, string name)
    {
        var lines = File.ReadAllLines(file);
        var start = Array.FindIndex(lines, l => l.Trim() == $"#region {name}");
        var end = Array.FindIndex(lines, start + 1, l => l.Trim() == "#endregion");
        start.Should().BeGreaterThanOrEqualTo(0, $"{file} has the region {name}");
        return string.Join('\n', lines[(start + 1)..end]);
    }

    private static string Repository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!Directory.Exists(Path.Combine(directory.FullName, "docs", "articles")))
        {
            directory = directory.Parent ?? throw new DirectoryNotFoundException("No docs/articles above the test's folder.");
        }

        return directory.FullName;
    }

    [GeneratedRegex(@"\[!code-csharp\[[^\]]*\]\((?<path>[^)#]+)#(?<region>[^)]+)\)\]")]
    private static partial Regex Include();
}
