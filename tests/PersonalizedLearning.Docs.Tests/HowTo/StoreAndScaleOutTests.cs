using PersonalizedLearning;
using PersonalizedLearning.Mastery;

namespace DocsHowTo;

public sealed class StoreAndScaleOutTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly string folder = Directory.CreateTempSubdirectory("pl-docs-").FullName;

    [Fact]
    public async Task SqliteHost_RecordTwiceRetractRestartRefitErase_CountsOnceAndSurvivesTheRestart()
    {
        var catalog = MapYourLrs.Catalog();
        var database = Path.Combine(folder, "learners.db");

        using (var host = StoreAndScaleOut.SqliteHost(catalog, database, RollupMasteryModel.DecayingAverage(0.65)))
        {
            await host.StartAsync();
            var (afterTwice, afterRetract, next) = await StoreAndScaleOut.RecordAsync(host, Now);

            afterTwice.EvidenceCount.Should().Be(2);
            afterRetract.RetractedEvidence.Select(e => e.Value).Should().Equal("e1");
            // Only e2 (1.0) is left: a decaying average of 1.0, but one piece is less than the two Mastered needs.
            var engine = (PersonalizedLearningEngine)host.Services.GetService(typeof(PersonalizedLearningEngine))!;
            var f1 = engine.Assess(afterRetract, Now).Get("F1");
            f1.Estimate.Should().Be(1.0);
            f1.Level.Should().Be(MasteryLevel.Proficient);
            afterRetract.EvidenceCount.Should().Be(1);
            // F2 waits for F1: the first step is F1's checkpoint.
            next.Steps[0].Activity.Id.Value.Should().Be("f1-check");
            await host.StopAsync();
        }

        StoreAndScaleOut.ReleaseFiles();
        using (var host = StoreAndScaleOut.SqliteHost(catalog, database, RollupMasteryModel.Highest()))
        {
            await host.StartAsync();
            var (evidenceCount, rebuild, erased) = await StoreAndScaleOut.RestartRebuildEraseAsync(host);

            evidenceCount.Should().Be(1, "e2, read back from the file; e1 stays retracted");
            rebuild.Learners.Should().Be(1);
            rebuild.Rebuilt.Should().Be(1, "the stored state was folded by the decaying average, the host now runs Highest");
            rebuild.Entries.Should().Be(3, "e1, e2 and the retraction of e1; e2 sent twice is one entry");
            rebuild.Failures.Should().BeEmpty();
            (erased.Learners, erased.LogEntries, erased.Snapshots).Should().Be((1, 3, 1));
            await host.StopAsync();
        }

        StoreAndScaleOut.ReleaseFiles();
    }

    public void Dispose()
    {
        StoreAndScaleOut.ReleaseFiles();
        Directory.Delete(folder, recursive: true);
    }
}
