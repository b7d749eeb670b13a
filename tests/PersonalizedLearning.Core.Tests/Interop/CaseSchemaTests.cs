using Json.Schema;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Interop.Case;

namespace PersonalizedLearning.Tests.Interop;

/// <summary>Every CASE export validates against 1EdTech's official CASE 1.1 CFPackage JSON Schema
/// (<c>Fixtures/case_v1p1_cfpackage-jsonschema1.json</c>, formats such as uuid and date-time checked too): here a
/// framework described in code; the real packages, CASE 1.0 ones included, in <see cref="CaseRealPackageTests"/>.</summary>
public sealed class CaseSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Interop", "Fixtures", "case_v1p1_cfpackage-jsonschema1.json")));

    internal static void ShouldBeValid(string json, string what)
    {
        var result = Schema.Evaluate(System.Text.Json.JsonDocument.Parse(json).RootElement, new EvaluationOptions { RequireFormatValidation = true, OutputFormat = OutputFormat.List });
        // (The list output also holds the failing branch of every oneOf that passed, such as associationType's.)
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")).Take(20);
        result.IsValid.Should().BeTrue($"{what} must be a valid CASE 1.1 package: {string.Join("; ", errors)}");
    }

    [Fact]
    public void ExportOfAFrameworkBuiltInCode_IsSchemaValid()
    {
        var framework = new CompetencyFrameworkBuilder("Fractions")
            .Add(new Competency("unit", "Unit fractions", code: "3.NF.1")).Add(new Competency("compare", "Compare fractions — ½ < ¾"))
            .Add(new Competency("add", "Add fractions")).AddChild("unit", "compare").AddPrerequisite("unit", "add").AddRelated("compare", "add").Build();
        var document = new CaseDocument("0f0f0f0f-0000-4000-8000-000000000001", new Uri("https://case.example.org/uri/0f0f0f0f-0000-4000-8000-000000000001"),
            "Tests", "Fractions", new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(1)), System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty);
        ShouldBeValid(CasePackageWriter.Write(CasePackageWriter.Describe(framework, document)), "a described framework");
    }

    [Fact]
    public void Schema_RefusesWhatCaseForbids_SoThatTheChecksAboveCanFail()
    {
        var result = Schema.Evaluate(System.Text.Json.JsonDocument.Parse("{\"CFDocument\":{\"identifier\":\"not-a-uuid\",\"uri\":\"u\",\"creator\":\"c\",\"title\":\"t\",\"lastChangeDateTime\":\"yesterday\"},\"unknown\":1}").RootElement,
            new EvaluationOptions { RequireFormatValidation = true });
        result.IsValid.Should().BeFalse();
    }
}
