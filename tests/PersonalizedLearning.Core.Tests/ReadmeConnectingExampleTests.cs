using System.Collections.Immutable;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Interop.Case;
using PersonalizedLearning.Interop.OneRoster;
using PersonalizedLearning.Interop.Xapi;

namespace PersonalizedLearning.Tests;

/// <summary>The README's "Connecting your systems" snippet, kept honest: the same calls on a package and an LRS
/// response made here.</summary>
public class ReadmeConnectingExampleTests
{
    [Fact]
    public async Task ConnectingYourSystems_RunsAsTheReadmeShows()
    {
        var written = new CompetencyFrameworkBuilder("Fractions").AddCompetency("F1", "Unit fractions", code: "3.NF.A.1").Build();
        var package = CasePackageWriter.Write(CasePackageWriter.Describe(written, new CaseDocument("d0000000-0000-4000-8000-000000000000",
            new Uri("https://case.example.org/uri/d0000000-0000-4000-8000-000000000000"), "me", "Fractions", TestData.Start, ImmutableSortedDictionary<string, string>.Empty)));

        var imported = await CasePackageReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(package)), CaseImportMode.ImportValid);
        var framework = imported.Framework!.Framework;
        var catalog = new ActivityCatalogBuilder(framework).Add(new LearningActivity("https://lms.example.org/f1-check", "Checkpoint", ActivityKind.Assessment, 10, [new("F1")])).Build();
        var services = new ServiceCollection().AddPersonalizedLearning(options => options.Catalog = catalog);
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<PersonalizedLearningEngine>();
        var mapper = provider.GetRequiredService<XapiStatementMapper>();
        var ana = engine.CreateLearner("mailto:ana@example.org");
        var lrsResponse = new MemoryStream(Encoding.UTF8.GetBytes(
            """[{"id":"6f1d2c3b-0000-4000-8000-000000000001","actor":{"mbox":"mailto:ana@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/passed"},"object":{"id":"https://lms.example.org/f1-check"},"result":{"score":{"scaled":0.9}},"timestamp":"2026-09-07T09:00:00Z"}]"""));

        var voided = new HashSet<PersonalizedLearning.Observations.EvidenceId>();
        var batch = await mapper.MapAsync(lrsResponse);
        voided.UnionWith(batch.Voided);
        ana = engine.Record(ana, batch.Evidence.Where(e => e.Learner == ana.Learner && !voided.Contains(e.Id)));
        ana = engine.Retract(ana, batch.Voided.Where(ana.HasApplied));
        var result = OneRosterResultWriter.Write(engine.Assess(ana, TestData.Start), new OneRosterResultTarget("result-1", "unit-mastery", "student-42",
            OneRosterResultTarget.CaseItemIdentifiers(imported.Framework)));

        imported.IsClean.Should().BeTrue();
        ana.EvidenceCount.Should().Be(1);
        result.Should().Contain($"\"source\":\"case\",\"learningObjectiveResults\":[{{\"learningObjectiveId\":\"{imported.Framework.Items[0].Identifier}\",\"score\":0.9,\"textScore\":");

        // A voiding statement that comes first keeps its statement out when that arrives, and no other learner's state
        // collects the id.
        var voiding = await mapper.MapAsync(new MemoryStream(Encoding.UTF8.GetBytes(
            """[{"id":"6f1d2c3b-0000-4000-8000-000000000009","actor":{"mbox":"mailto:teacher@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/voided"},"object":{"objectType":"StatementRef","id":"6f1d2c3b-0000-4000-8000-000000000002"},"timestamp":"2026-09-07T10:00:00Z"}]""")));
        voided.UnionWith(voiding.Voided);
        ana = engine.Retract(ana, voiding.Voided.Where(ana.HasApplied));
        ana.RetractedEvidence.Should().BeEmpty();
        var late = await mapper.MapAsync(new MemoryStream(Encoding.UTF8.GetBytes(
            """[{"id":"6f1d2c3b-0000-4000-8000-000000000002","actor":{"mbox":"mailto:ana@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/failed"},"object":{"id":"https://lms.example.org/f1-check"},"result":{"score":{"scaled":0.1}},"timestamp":"2026-09-07T09:30:00Z"}]""")));
        late.Evidence.Should().ContainSingle();
        ana = engine.Record(ana, late.Evidence.Where(e => e.Learner == ana.Learner && !voided.Contains(e.Id)));
        ana.EvidenceCount.Should().Be(1);
    }
}
