using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Interop.Case;
using PersonalizedLearning.Interop.Xapi;
using PersonalizedLearning.Samples;

namespace PersonalizedLearning.Benchmarks.Interop;

/// <summary>
/// Standards in: importing the largest real CASE package of <c>../shared/data/case</c> (the Common Core clusters, 59 KB,
/// 16 items, 39 associations; the ACT package stands in when absent, or a generated one) and a generated package of
/// 5,000 items and 9,999 associations, and mapping 100,000 xAPI statements (about 30 MB) to evidence. The baselines parse
/// the same bytes with <see cref="JsonDocument"/> and do nothing else, the least any reader must do.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class InteropBenchmarks
{
    private byte[] _realCase = [];
    private byte[] _largeCase = [];
    private byte[] _statements = [];
    private XapiStatementMapper _mapper = null!;

    private static readonly string[] RealPackages = ["case/opensalt_what_standards_could_be_ccss.case.json", "case/opensalt_ACT_Holistic_Framework_Math.case.json"];

    [GlobalSetup]
    public void Setup()
    {
        var largest = RealPackages.Select(SharedDataFolder.Find).FirstOrDefault(p => p is not null);
        _largeCase = Encoding.UTF8.GetBytes(LargePackage(5_000));
        _realCase = largest is null ? Encoding.UTF8.GetBytes(LargePackage(16)) : File.ReadAllBytes(largest);

        var framework = GeneratedFramework.Layered(200, new Random(7));
        var catalog = new ActivityCatalogBuilder(framework);
        foreach (var c in framework.Competencies)
        {
            catalog.Add(new LearningActivity($"https://lms.example.org/a/{c.Id}", "practice", ActivityKind.Practice, 10, [new(c.Id)]));
        }

        _mapper = new XapiStatementMapper(catalog.Build());
        var random = new Random(11);
        var text = new StringBuilder("[");
        for (var i = 0; i < 100_000; i++)
        {
            var id = new Guid(i, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1).ToString("D");
            var score = (random.Next(101) / 100.0).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            text.Append(i == 0 ? "" : ",")
                .Append("{\"id\":\"").Append(id)
                .Append("\",\"actor\":{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"https://sis.example.org\",\"name\":\"learner-").Append(random.Next(1000))
                .Append("\"}},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\",\"display\":{\"en-US\":\"answered\"}},\"object\":{\"id\":\"https://lms.example.org/a/c").Append(random.Next(200))
                .Append("\",\"objectType\":\"Activity\"},\"result\":{\"score\":{\"scaled\":").Append(score)
                .Append("},\"success\":true,\"duration\":\"PT").Append(1 + random.Next(30))
                .Append("M\"},\"timestamp\":\"2026-10-01T09:").Append((i % 60).ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).Append(":00Z\"}");
        }

        _statements = Encoding.UTF8.GetBytes(text.Append(']').ToString());
        var check = _mapper.MapUtf8(_statements);
        Console.WriteLine($"// real CASE package: {_realCase.Length:N0} bytes; generated: {_largeCase.Length:N0} bytes; statements: {_statements.Length:N0} bytes, {check.Evidence.Length:N0} evidence, {check.Rejected.Length} rejected");
    }

    [Benchmark(Baseline = true, Description = "parse the real CASE package only (JsonDocument)")]
    public int ParseRealCase()
    {
        using var document = JsonDocument.Parse(_realCase);
        return document.RootElement.GetArrayLength2();
    }

    [Benchmark(Description = "import the real CASE package")]
    public CaseImportResult ImportRealCase() => CasePackageReader.ReadUtf8(_realCase);

    [Benchmark(Description = "import a 5,000-item CASE package")]
    public CaseImportResult ImportLargeCase() => CasePackageReader.ReadUtf8(_largeCase);

    [Benchmark(Description = "parse 100,000 xAPI statements only (JsonDocument)")]
    public int ParseStatements()
    {
        using var document = JsonDocument.Parse(_statements, new JsonDocumentOptions { MaxDepth = 64 });
        return document.RootElement.GetArrayLength();
    }

    [Benchmark(Description = "map 100,000 xAPI statements to evidence")]
    public XapiMappingResult MapStatements() => _mapper.MapUtf8(_statements);

    private static string LargePackage(int items)
    {
        var builder = new CompetencyFrameworkBuilder("generated");
        for (var i = 0; i < items; i++)
        {
            builder.AddCompetency($"c{i}", $"Competency {i}: a statement of what a learner can do", code: $"G.{i}");
        }

        for (var i = 1; i < items; i++)
        {
            builder.AddChild($"c{(i - 1) / 10}", $"c{i}");
            if (i > 1)
            {
                // Not c0 → c1: c0 is c1's parent, and a competency cannot be a prerequisite of its own descendant.
                builder.AddPrerequisite($"c{i - 1}", $"c{i}");
            }
        }

        var document = new CaseDocument("3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c", new Uri("https://case.example.org/uri/3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c"),
            "benchmarks", "generated", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), ImmutableSortedDictionary<string, string>.Empty);
        return CasePackageWriter.Write(CasePackageWriter.Describe(builder.Build(), document));
    }
}

internal static class JsonElementExtensions
{
    // Touches the root so the parse cannot be skipped.
    public static int GetArrayLength2(this JsonElement element) => element.ValueKind == JsonValueKind.Object ? element.EnumerateObject().Count() : 0;
}
