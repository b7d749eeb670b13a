using PersonalizedLearning.Interop.Case;
using PersonalizedLearning.Mastery;

namespace DocsHowTo;

public sealed class ImportYourStandardsTests
{
    [Fact]
    public async Task Read_CommonCoreRatiosPackage_GivesSixteenCompetenciesAndTheTwoPrecedesLinksAsPrerequisites()
    {
        var imported = await ImportYourStandards.ReadAsync(TestFiles.Path("ccss-ratios.case.json"));

        var (title, competencies, prerequisites, associations) = ImportYourStandards.Inspect(imported);

        // Known from the file: 16 CFItems and 39 CFAssociations (16 isChildOf, 16 exactMatchOf, 3 precedes, 2 exemplar,
        // 2 isRelatedTo); two precedes link items of the package, the third points outside it.
        title.Should().Be("What Standards Could Be");
        competencies.Should().Be(16);
        prerequisites.Should().Equal("CCSS.Math.Content.6.RP.A.1 -> CCSS.Math.Content.6.RP.A.2", "CCSS.Math.Content.6.RP.A.3 -> CCSS.Math.Content.7.RP.A.3");
        associations.Should().Be(39);
    }

    [Fact]
    public void ReadBroken_ItemWithoutFullStatement_AllOrNothingGivesNoFrameworkAndImportValidKeepsTheOtherTwo()
    {
        var (strict, lenient) = ImportYourStandards.ReadBroken(File.ReadAllText(TestFiles.Path("broken.case.json")));

        strict.Framework.Should().BeNull();
        strict.Problems.Should().NotBeEmpty();
        lenient.Framework.Should().NotBeNull();
        lenient.Framework!.Framework.Competencies.Select(c => c.Code).Should().Equal("3.NF.A.1", "3.NF.A.2");
        lenient.Problems.Should().BeEquivalentTo(strict.Problems);
        // As the article quotes them.
        lenient.Problems.Select(p => p.Message).Should().Equal(
            "fullStatement is required.",
            "Association '0a1b2c3d-0000-4000-8000-000000000102' links an item that has problems; it is left out with it.");
        lenient.Problems.Select(p => (p.Path, p.Rule)).Should().Equal(("$.CFItems[2].fullStatement", "required"), ("$.CFAssociations[1]", "reference"));
    }

    [Fact]
    public async Task UseIt_TwoCorrectAnswersOnRatioLanguage_MasteredAndUnitRatesBecomesReady()
    {
        var imported = await ImportYourStandards.ReadAsync(TestFiles.Path("ccss-ratios.case.json"));

        var (level, readyBefore, readyAfter, next) = ImportYourStandards.UseIt(imported, new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));

        // Decaying average of 1.0 and 1.0 is 1.0 ≥ 0.85 with 2 pieces of evidence (the default policy's minimum).
        level.Should().Be(MasteryLevel.Mastered);
        readyBefore.Should().BeFalse();
        readyAfter.Should().BeTrue();
        next.Should().HaveCount(3).And.NotContain("practice:CCSS.Math.Content.6.RP.A.1");
    }
}
