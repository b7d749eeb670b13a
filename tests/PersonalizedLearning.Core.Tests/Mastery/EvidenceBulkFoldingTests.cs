using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Mastery;

/// <summary><see cref="EvidenceBulkFolding"/>: a rebuild's conflicts and its per-thread working arrays (issue 21,
/// section 1: the survivors of the first mutation run of the files directly in Mastery).</summary>
public sealed class EvidenceBulkFoldingTests
{
    private static readonly CompetencyFramework Framework = TestData.Diamond();
    private static readonly ActivityCatalog Catalog = TestData.CatalogFor(Framework);
    private static readonly RollupMasteryModel Latest = RollupMasteryModel.Latest();

    private static Evidence On(string id, string competency, double score, int minute)
        => Evidence.ForCompetency(id, "ana", competency, EvidenceOutcome.FromScore(score), TestData.Start.AddMinutes(minute));

    private static LearnerState Build(params Evidence[] log) => Build(log, []);

    private static LearnerState Build(Evidence[] log, EvidenceId[] retracted)
        => EvidenceBulkFolding.Build(LearnerState.Create("ana", Latest.Name), [.. log], retracted, Catalog, Latest, "log", "retracted");

    [Fact]
    public void Build_ARetractedIdArrivingTwiceWithOtherContent_IsAConflictMetEarlierInTheLog()
    {
        var first = On("r", "A", 1, 0);
        var second = On("r", "A", 0.5, 0);

        var thrown = FluentActions.Invoking(() => Build([first, second], ["r"])).Should().ThrowExactly<EvidenceConflictException>().Which;
        thrown.Existing.Should().BeSameAs(first);
        thrown.Incoming.Should().BeSameAs(second);
        thrown.ParamName.Should().Be("log");
        thrown.Message.Should().StartWith($"Evidence 'r' arrived twice with different content; an id names one piece of evidence. Earlier in the batch: {first}. Arrived: {second}. ");
        Build([first, first], ["r"]).EvidenceCount.Should().Be(0, "the same retracted piece twice stays out");
    }

    [Fact]
    public void Build_WhenTheWorkingArraysGenerationWrapsAround_ClearsTheStamps_AndStaysRight()
    {
        // The per-thread arrays are stamped with a generation per call; at int.MaxValue the stamps are cleared and the
        // generation starts again at 1. Reaching it takes 2^31 rebuilds on one thread, so the generation is set near it
        // here, on fresh arrays: C and D are stamped 1 by a first call, and the next call wraps and touches C again (with its
        // stamp left at 1, C would pass for counted already in that call).
        EvidenceBulkFolding.DropThreadScratch();
        Build(On("c0", "C", 1, 0), On("d0", "D", 1, 1)).Competencies.Keys.Select(k => k.Value).Should().Equal("C", "D");
        EvidenceBulkFolding.ThreadGeneration.Should().Be(1, "fresh arrays, one call");
        EvidenceBulkFolding.ThreadGeneration = int.MaxValue - 1;

        var expected = new[] { (A: 0.25, C: 0.75), (A: 0.5, C: 0.5), (A: 1.0, C: 0.0), (A: 0.75, C: 0.25) };
        for (var call = 0; call < expected.Length; call++)
        {
            var (a, c) = expected[call];
            var state = Build(On($"a{call}", "A", a, 0), On($"c{call}", "C", c, 1), On($"a{call}x", "A", 1 - a, 2), On($"b{call}", "B", 0.5, 3));
            state.Competencies.Keys.Select(k => k.Value).Should().Equal(["A", "B", "C"], $"call {call}");
            state.Get("A").Should().Be(new CompetencyState(2, 1 - a, TestData.Start, TestData.Start.AddMinutes(2), new MasteryMemory(1 - a)), $"call {call}");
            state.Get("B").Should().Be(new CompetencyState(1, 0.5, TestData.Start.AddMinutes(3), TestData.Start.AddMinutes(3), new MasteryMemory(0.5)), $"call {call}");
            state.Get("C").Should().Be(new CompetencyState(1, c, TestData.Start.AddMinutes(1), TestData.Start.AddMinutes(1), new MasteryMemory(c)), $"call {call}");
        }

        EvidenceBulkFolding.ThreadGeneration.Should().Be(4, "the first of the four calls reached MaxValue, cleared the stamps and was stamped 1; then 2, 3 and 4");
    }
}
