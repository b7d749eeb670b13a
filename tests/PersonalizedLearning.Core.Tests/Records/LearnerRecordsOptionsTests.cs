using PersonalizedLearning.Records;

namespace PersonalizedLearning.Tests.Records;

public sealed class LearnerRecordsOptionsTests
{
    private const string What = "learner-records options";
    private static readonly LearnerRecordsOptions Original = new() { SnapshotInterval = 50, RebuildParallelism = 2, CachedLearners = 10 };

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public void SnapshotInterval_OutsideItsRange_IsRefusedAsSet(int value)
        => OptionChecks.RefusedAsSet(Original, () => new LearnerRecordsOptions { SnapshotInterval = value }, o => o with { SnapshotInterval = value }, "SnapshotInterval", What,
            $"the snapshot interval must be in [0, 1,000,000]; got {value}");

    [Theory]
    [InlineData(0)]
    [InlineData(257)]
    public void RebuildParallelism_OutsideItsRange_IsRefusedAsSet(int value)
        => OptionChecks.RefusedAsSet(Original, () => new LearnerRecordsOptions { RebuildParallelism = value }, o => o with { RebuildParallelism = value }, "RebuildParallelism", What,
            $"the rebuild parallelism must be in [1, 256]; got {value}");

    [Theory]
    [InlineData(-1)]
    [InlineData(100_000_001)]
    public void CachedLearners_OutsideItsRange_IsRefusedAsSet(int value)
        => OptionChecks.RefusedAsSet(Original, () => new LearnerRecordsOptions { CachedLearners = value }, o => o with { CachedLearners = value }, "CachedLearners", What,
            $"the cached learners must be in [0, 100,000,000]; got {value}");

    [Fact]
    public void Ends_AreAccepted()
    {
        var low = new LearnerRecordsOptions { SnapshotInterval = 0, RebuildParallelism = 1, CachedLearners = 0 };
        var high = new LearnerRecordsOptions { SnapshotInterval = 1_000_000, RebuildParallelism = 256, CachedLearners = 100_000_000 };
        (low.SnapshotInterval, low.RebuildParallelism, low.CachedLearners, high.SnapshotInterval, high.RebuildParallelism, high.CachedLearners)
            .Should().Be((0, 1, 0, 1_000_000, 256, 100_000_000));
    }
}
