using PersonalizedLearning.Records;

namespace PersonalizedLearning.Tests.Records;

public class ErasureReportTests
{
    [Fact]
    public void Constructor_KeepsTheCounts_AndTotalIsTheirSum()
    {
        var report = new ErasureReport(6, 1, 1);

        var (log, snapshots, learners) = report;
        (log, snapshots, learners).Should().Be((6L, 1L, 1L));
        report.Total.Should().Be(8);
        new ErasureReport(0, 0, 0).Total.Should().Be(0, "a store that held nothing of the learner removes nothing");
        report.ToString().Should().Be("ErasureReport { LogEntries = 6, Snapshots = 1, Learners = 1 }");
    }

    [Theory]
    [InlineData(-1L, 0L, 0L, "LogEntries", "LogEntries: the log entries removed must be at least 0; got -1.")]
    [InlineData(0L, long.MinValue, 0L, "Snapshots", "Snapshots: the snapshots removed must be at least 0; got -9223372036854775808.")]
    [InlineData(3L, 1L, -1L, "Learners", "Learners: the learner records removed must be at least 0; got -1.")]
    public void Constructor_NegativeCount_ThrowsArgumentOutOfRange_NamingIt(long logEntries, long snapshots, long learners, string first, string problem)
    {
        var thrown = FluentActions.Invoking(() => new ErasureReport(logEntries, snapshots, learners)).Should().ThrowExactly<ArgumentOutOfRangeException>().Which;

        thrown.ParamName.Should().Be(first);
        thrown.Message.Should().Be($"The erasure counts are not valid: {problem} (Parameter '{first}')");
    }

    [Fact]
    public void Constructor_CountsWhoseSumOverflows_AreRefused_SoThatTotalNeverThrows()
    {
        new ErasureReport(long.MaxValue - 2, 1, 1).Total.Should().Be(long.MaxValue, "the largest sum a report holds");

        var thrown = FluentActions.Invoking(() => new ErasureReport(long.MaxValue, 1, 0)).Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        thrown.ParamName.Should().Be("LogEntries");
        thrown.Message.Should().Be("The erasure counts are not valid: LogEntries: the rows removed must add up to at most 9223372036854775807; got 9223372036854775808. (Parameter 'LogEntries')");
        FluentActions.Invoking(() => new ErasureReport(long.MaxValue, 0, 1)).Should().ThrowExactly<ArgumentOutOfRangeException>("the learners count adds to the sum too")
            .WithMessage("*; got 9223372036854775808. (Parameter 'LogEntries')");
    }
}
