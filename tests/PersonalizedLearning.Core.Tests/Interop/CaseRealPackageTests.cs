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
}
