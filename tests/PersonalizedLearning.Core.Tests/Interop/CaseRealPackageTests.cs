using System.Text.Json.Nodes;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Interop.Case;

namespace PersonalizedLearning.Tests.Interop;

/// <summary>The real CASE packages in ../shared/data/case (from OpenSALT): import, export, import again.</summary>
public class CaseRealPackageTests
{
    private static CaseImportResult Import(string file) => CasePackageReader.Read(File.ReadAllText(SharedData.Require($"case/{file}")));

    [SkippableFact]
    public void ActHolisticFramework_ImportsCleanly_AsAHierarchyOf28Items()
    {
        var result = Import("opensalt_ACT_Holistic_Framework_Math.case.json");

        result.Problems.Should().BeEmpty();
        var framework = result.Framework!.Framework;
        framework.Count.Should().Be(28);
        framework.Relations.Should().OnlyContain(r => r.Kind == CompetencyRelationKind.ParentOf);
        result.Framework.Associations.Should().HaveCount(28, "every isChildOf is kept, those to the document too");
        framework.Competencies.Should().AllSatisfy(c => (c.Uri != null && Guid.TryParse(c.Id.Value, out _)).Should().BeTrue());
    }

    [SkippableFact]
    public void CommonCoreClusters_ImportPrerequisitesAndRelatedLinks_AndKeepEveryOtherAssociation()
    {
        var result = Import("opensalt_what_standards_could_be_ccss.case.json");

        result.Problems.Should().BeEmpty();
        var framework = result.Framework!;
        framework.Framework.Count.Should().Be(16);
        framework.Associations.Should().HaveCount(39);
        framework.Associations.Select(a => a.AssociationType).Distinct().Should().BeEquivalentTo("isChildOf", "precedes", "exactMatchOf", "exemplar", "isRelatedTo");
        framework.Framework.Relations.Should().Contain(r => r.Kind == CompetencyRelationKind.PrerequisiteOf);
        var ratios = framework.Framework.Competencies.Single(c => c.Code == "CCSS.Math.Content.6.RP.A");
        ratios.Title.Should().Be("Understand ratio concepts and use ratio reasoning to solve problems.");
        framework.Framework.TryFindByUri(ratios.Uri!, out var found).Should().BeTrue();
        found.Should().Be(ratios);
    }

    [SkippableTheory]
    [InlineData("opensalt_ACT_Holistic_Framework_Math.case.json")]
    [InlineData("opensalt_what_standards_could_be_ccss.case.json")]
    public void ImportExportImport_GivesAnEqualFramework(string file)
    {
        var first = Import(file).Framework!;

        var json = CasePackageWriter.Write(first);
        var again = CasePackageReader.Read(json);

        again.Problems.Should().BeEmpty();
        again.Framework.Should().Be(first);
        CasePackageWriter.Write(again.Framework!).Should().Be(json, "writing is deterministic");
    }

    [SkippableTheory]
    [InlineData("opensalt_ACT_Holistic_Framework_Math.case.json")]
    [InlineData("opensalt_what_standards_could_be_ccss.case.json")]
    public void ImportThenExport_IsLosslessMemberByMember(string file)
    {
        // Issue 14: every member of a real package comes back out (date-times compared as moments).
        var original = JsonNode.Parse(File.ReadAllText(SharedData.Require($"case/{file}")))!;
        var written = JsonNode.Parse(CasePackageWriter.Write(Import(file).Framework!))!;
        var (a, b) = (CasePackageTests.Normalized(original), CasePackageTests.Normalized(written));
        JsonNode.DeepEquals(a, b).Should().BeTrue(FirstDifference(a, b, "$"));
    }

    private static string FirstDifference(JsonNode? a, JsonNode? b, string path)
    {
        switch (a, b)
        {
            case (JsonObject x, JsonObject y):
                foreach (var key in x.Select(p => p.Key).Union(y.Select(p => p.Key)))
                {
                    if (!x.ContainsKey(key) || !y.ContainsKey(key))
                    {
                        return $"{path}.{key} is only in the {(x.ContainsKey(key) ? "package" : "export")}";
                    }

                    if (!JsonNode.DeepEquals(x[key], y[key]))
                    {
                        return FirstDifference(x[key], y[key], $"{path}.{key}");
                    }
                }

                return "no difference";
            case (JsonArray x, JsonArray y) when x.Count == y.Count:
                for (var i = 0; i < x.Count; i++)
                {
                    if (!JsonNode.DeepEquals(x[i], y[i]))
                    {
                        return FirstDifference(x[i], y[i], $"{path}[{i}]");
                    }
                }

                return "no difference";
            default:
                return $"{path}: {a?.ToJsonString()} in the package, {b?.ToJsonString()} in the export";
        }
    }
}
