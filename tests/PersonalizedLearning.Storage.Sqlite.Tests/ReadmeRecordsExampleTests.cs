using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Storage.Sqlite.Tests;

/// <summary>The README's "Keeping learners' records" snippet, kept honest: the same calls, with what they claim asserted.</summary>
public sealed class ReadmeRecordsExampleTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 9, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly string _path = TemporaryDatabase.NewPath("pl-readme");

    public void Dispose() => TemporaryDatabase.Delete(_path);

    [Fact]
    public async Task KeepingLearnersRecords_RunsAsTheReadmeShows()
    {
        var framework = new CompetencyFrameworkBuilder("Fractions").AddCompetency("F1", "Unit fractions").AddCompetency("F2", "Equivalent fractions").AddPrerequisite("F1", "F2").Build();
        var catalog = new ActivityCatalogBuilder(framework)
            .Add(new LearningActivity("f1-check", "Checkpoint F1", ActivityKind.Assessment, 10, [new("F1")]))
            .Add(new LearningActivity("f2-practice", "Practice F2", ActivityKind.Practice, 10, [new("F2")]))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start.AddDays(1)));
        services.AddPersonalizedLearning(options => options.Catalog = catalog)
                .AddPersonalizedLearningSqlite($"Data Source={_path}");
        using var provider = services.BuildServiceProvider();
        var records = provider.GetRequiredService<LearnerRecords>();
        var tenant = new TenantId("district-7");
        var learner = "ana";
        var evidence = Evidence.ForActivity("s1", learner, "f1-check", EvidenceOutcome.FromScore(0.95), Start);
        var voidedIds = new[] { (EvidenceId)"s2" };
        var regradedId = (EvidenceId)"s3";
        var regrade = Evidence.ForActivity("s3-regrade", learner, "f1-check", EvidenceOutcome.FromScore(1.0), Start.AddMinutes(2));
        await records.RecordBatchAsync(tenant, learner, [Evidence.ForActivity("s2", learner, "f1-check", EvidenceOutcome.FromScore(0.1), Start.AddMinutes(1)), Evidence.ForActivity("s3", learner, "f1-check", EvidenceOutcome.FromScore(0.2), Start.AddMinutes(2))]);
        var progress = new Progress<RecordsRebuildProgress>();

        await records.RecordAsync(tenant, evidence);
        var again = await records.RecordAsync(tenant, evidence);
        await records.RetractAsync(tenant, learner, voidedIds);
        var regraded = await records.SupersedeAsync(tenant, regradedId, regrade);
        var next = await records.RecommendNextAsync(tenant, learner, 3);
        var report = await records.RebuildAsync(tenant, progress);
        var erased = await records.EraseAsync(tenant, learner);

        again.EvidenceCount.Should().Be(3, "sent again, counted once");
        regraded.EvidenceCount.Should().Be(2);
        regraded.RetractedEvidence.Select(id => id.Value).Should().Equal("s2", "s3");
        next.Steps.Select(s => s.Activity.Id.Value).Should().Contain("f2-practice", "F1 is mastered, so F2 is ready");
        report.Should().Match<RecordsRebuildReport>(r => r.Learners == 1 && r.Rebuilt + r.UpToDate == 1);
        erased.Should().Be(new ErasureReport(6, 1, 1), "three recorded, a retraction, a regrade's retraction and replacement; its snapshot and row");
    }
}
