using System.Collections.Immutable;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;
using static PersonalizedLearning.Orleans.Tests.LearningCluster;

namespace PersonalizedLearning.Orleans.Tests;

public sealed class ClassGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private LearningCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task A_class_view_equals_the_overview_and_groups_of_its_learners_rebuilt_from_their_logs_and_reads_no_learner_per_call()
    {
        var tenant = new TenantId($"district-{Guid.NewGuid():N}");
        var learners = Enumerable.Range(0, 12).Select(i => new LearnerId($"learner-{i:00}")).ToImmutableArray();
        var room = Cluster.Client.GetClass(tenant, "grade-4-room-12");
        (await room.EnrollAsync(learners)).Should().Be(12);
        (await room.EnrollAsync([learners[0], learners[0]])).Should().Be(0, "enrolling again changes nothing");

        // Learners at different places: some master A and move on, some spin on A (stuck at 4 attempts), some do nothing.
        for (var i = 0; i < learners.Length; i++)
        {
            var grain = Cluster.Client.GetLearner(tenant, learners[i]);
            var score = i % 3 == 0 ? 0.95 : i % 3 == 1 ? 0.2 : -1;
            for (var k = 0; score >= 0 && k < 5; k++)
            {
                await grain.RecordAsync(Piece($"{learners[i]}-a{k}", learners[i].Value, "A", score, k));
            }

            if (i % 6 == 0)
            {
                await grain.RecordAsync(Piece($"{learners[i]}-e", learners[i].Value, "E", 0.9, 10));
            }
        }

        var callsBefore = Cluster.ClassViewCalls.Count;
        var expected = await ExpectedAsync(tenant, learners);
        await Eventually(async () => (await room.GetOverviewAsync()).Should().Be(expected.Overview));
        for (var n = 0; n < 5; n++)
        {
            (await room.GetOverviewAsync()).Should().Be(expected.Overview);
            (await room.FormSmallGroupsAsync(3)).Should().Be(expected.Groups);
        }

        Cluster.ClassViewCalls.Count.Should().Be(callsBefore, "the class answers from what its learners reported");
        expected.Overview.Stuck.Should().HaveCount(4, "learners 1, 4, 7 and 10 spun on A");
        expected.Groups.Groups.Should().NotBeEmpty();

        // A class grain that goes away asks each learner once when it comes back, and shows the same.
        await Cluster.Cluster.DeactivateAsync(room);
        (await room.GetOverviewAsync()).Should().Be(expected.Overview);
        Cluster.ClassViewCalls.Count.Should().Be(callsBefore + learners.Length);

        // Withdrawn learners leave the view and forget the class.
        (await room.WithdrawAsync([learners[0], learners[1], new LearnerId("never-enrolled")])).Should().Be(2);
        (await room.GetRosterAsync()).Should().Equal(learners.Skip(2));
        (await Cluster.Client.GetLearner(tenant, learners[0]).GetClassesAsync()).Should().BeEmpty();
        (await Cluster.Client.GetLearner(tenant, learners[2]).GetClassesAsync()).Should().Equal(GrainKeys.Class(tenant, "grade-4-room-12"));
        (await room.GetOverviewAsync()).Should().Be((await ExpectedAsync(tenant, learners.Skip(2))).Overview);
    }

    [Fact]
    public async Task An_empty_class_has_a_zero_row_per_competency_and_bad_sizes_are_refused()
    {
        var room = Cluster.Client.GetClass(new TenantId($"district-{Guid.NewGuid():N}"), "empty");

        var overview = await room.GetOverviewAsync();

        overview.Learners.Should().Be(0);
        overview.Rows.Select(r => r.Competency.Value).Should().Equal("A", "B", "C", "D", "E");
        overview.Rows.Should().OnlyContain(r => r.NotStarted + r.Attempted + r.Familiar + r.Proficient + r.Mastered == 0);
        var plan = await room.FormSmallGroupsAsync(4);
        plan.Groups.Should().BeEmpty();
        plan.Ungrouped.Should().BeEmpty();
        await room.Invoking(r => r.FormSmallGroupsAsync(0)).Should().ThrowExactlyAsync<ArgumentOutOfRangeException>();
        await room.Invoking(r => r.FormSmallGroupsAsync(2, 3)).Should().ThrowExactlyAsync<ArgumentOutOfRangeException>();
        await room.Invoking(r => r.EnrollAsync([default])).Should().ThrowExactlyAsync<ArgumentException>();
        (await room.GetRosterAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_learner_whose_log_cannot_be_folded_shows_as_empty_in_its_class_and_can_still_be_erased_and_withdrawn()
    {
        var tenant = new TenantId($"district-{Guid.NewGuid():N}");
        var room = Cluster.Client.GetClass(tenant, "room");
        var ok = Cluster.Client.GetLearner(tenant, "ok");
        var poison = Cluster.Client.GetLearner(tenant, "poison");
        await room.EnrollAsync([new LearnerId("ok"), new LearnerId("poison")]);
        await ok.RecordAsync(Piece("o1", "ok", "A", 0.95, 0));
        await poison.RecordAsync(Piece("p1", "poison", "A", 0.95, 0));
        // Reports are one-way: let both land before the class goes, so that none arrives at its next activation.
        var reported = ClassOverview.Create([Cluster.Engine.Assess(await Cluster.RebuildAsync(tenant, "ok")), Cluster.Engine.Assess(await Cluster.RebuildAsync(tenant, "poison"))], 4);
        await Eventually(async () => (await room.GetOverviewAsync()).Should().Be(reported));
        // Stored evidence of an activity the catalog no longer has (retired by a catalog change): the log cannot be folded.
        await Cluster.Store.AppendAsync(tenant, "poison", null, [EvidenceLogEntry.Recorded(Evidence.ForActivity("p2", "poison", "retired-activity", EvidenceOutcome.FromScore(0.5), Start))]);
        await Cluster.Cluster.DeactivateAsync(poison);
        await Cluster.Cluster.DeactivateAsync(room);

        var overview = await room.GetOverviewAsync();

        var expected = ClassOverview.Create([Cluster.Engine.Assess(await Cluster.RebuildAsync(tenant, "ok")), Cluster.Engine.Assess(Cluster.Engine.CreateLearner("poison"))], 4);
        overview.Should().Be(expected, "the learner that cannot answer is shown as empty");
        await poison.Invoking(p => p.GetStateAsync()).Should().ThrowAsync<ArgumentException>();
        (await poison.EraseAsync()).LogEntries.Should().Be(2);
        (await room.WithdrawAsync([new LearnerId("poison")])).Should().Be(1);
        (await room.GetOverviewAsync()).Learners.Should().Be(1);
    }

    [Fact]
    public async Task A_report_from_another_activation_with_any_sequence_is_overtaken_by_the_learners_next_change()
    {
        var tenant = new TenantId($"district-{Guid.NewGuid():N}");
        var room = Cluster.Client.GetClass(tenant, "room");
        var ana = Cluster.Client.GetLearner(tenant, "ana");
        await room.EnrollAsync([new LearnerId("ana")]);
        await ana.RecordAsync(Piece("a1", "ana", "A", 0.95, 0));
        var first = ClassOverview.Create([Cluster.Engine.Assess(await Cluster.RebuildAsync(tenant, "ana"))], 4);
        await Eventually(async () => (await room.GetOverviewAsync()).Should().Be(first));

        // A stray report (a host calling what it should not, or a straggler of a dead activation) with the largest sequence.
        // It is one-way: wait until the class shows it before the learner's next change.
        var stray = ClassOverview.Create([Cluster.Engine.Assess(Cluster.Engine.CreateLearner("ana"))], 4);
        await room.ReportAsync(Cluster.Engine.Assess(Cluster.Engine.CreateLearner("ana")), Guid.NewGuid(), long.MaxValue);
        await Eventually(async () => (await room.GetOverviewAsync()).Should().Be(stray));
        await ana.RecordAsync(Piece("a2", "ana", "E", 0.95, 1));

        var expected = ClassOverview.Create([Cluster.Engine.Assess(await Cluster.RebuildAsync(tenant, "ana"))], 4);
        await Eventually(async () => (await room.GetOverviewAsync()).Should().Be(expected));
        expected.Rows.Single(r => r.Competency == new CompetencyId("E")).NotStarted.Should().Be(0);
    }

    [Fact]
    public async Task A_learner_that_could_not_store_its_enrolment_is_named_and_repaired_when_the_class_next_activates()
    {
        var tenant = new TenantId($"district-{Guid.NewGuid():N}");
        var room = Cluster.Client.GetClass(tenant, "room");
        var flaky = Cluster.Client.GetLearner(tenant, "flaky");
        Cluster.GrainStorage.FailWritesOf = $"{tenant}/flaky";
        try
        {
            var enroll = () => room.EnrollAsync([new LearnerId("ok"), new LearnerId("flaky")]);
            (await enroll.Should().ThrowExactlyAsync<InvalidOperationException>()).Which.Message.Should().Contain("1 of 2 learners").And.Contain("'flaky'");
        }
        finally
        {
            Cluster.GrainStorage.FailWritesOf = null;
        }

        (await room.GetRosterAsync()).Should().Equal(new LearnerId("flaky"), new LearnerId("ok"));
        (await flaky.GetClassesAsync()).Should().BeEmpty("its write failed");

        await Cluster.Cluster.DeactivateAsync(room);
        await room.GetOverviewAsync();
        (await flaky.GetClassesAsync()).Should().Equal(GrainKeys.Class(tenant, "room"));
        await flaky.RecordAsync(Piece("f1", "flaky", "A", 0.95, 0));
        var expected = ClassOverview.Create([Cluster.Engine.Assess(await Cluster.RebuildAsync(tenant, "flaky")), Cluster.Engine.Assess(Cluster.Engine.CreateLearner("ok"))], 4);
        await Eventually(async () => (await room.GetOverviewAsync()).Should().Be(expected));
    }

    [Fact]
    public async Task Activating_a_class_reads_its_own_learners_once_and_wakes_no_other_class()
    {
        var tenant = new TenantId($"district-{Guid.NewGuid():N}");
        var rooms = new[] { "r1", "r2", "r3" }.Select(r => Cluster.Client.GetClass(tenant, r)).ToArray();
        await rooms[0].EnrollAsync([new LearnerId("x")]);
        await rooms[1].EnrollAsync([new LearnerId("x"), new LearnerId("y")]);
        await rooms[2].EnrollAsync([new LearnerId("y"), new LearnerId("z")]);
        foreach (var grain in rooms.Cast<global::Orleans.Runtime.IAddressable>().Concat(new[] { "x", "y", "z" }.Select(l => (global::Orleans.Runtime.IAddressable)Cluster.Client.GetLearner(tenant, l))))
        {
            await Cluster.Cluster.DeactivateAsync(grain);
        }

        var before = Cluster.ClassViewCalls.Count;
        await rooms[0].GetOverviewAsync();
        await Task.Delay(300);

        Cluster.ClassViewCalls.Count.Should().Be(before + 1, "r1 asks x; x's activation does not wake r2, which would ask x and y, and so on");
    }

    private async Task<(ClassOverview Overview, SmallGroupPlan Groups)> ExpectedAsync(TenantId tenant, IEnumerable<LearnerId> learners)
    {
        var snapshots = new List<MasterySnapshot>();
        foreach (var learner in learners)
        {
            snapshots.Add(Cluster.Engine.Assess(await Cluster.RebuildAsync(tenant, learner)));
        }

        return (ClassOverview.Create(snapshots, 4), SmallGroups.FormByFrontier(snapshots, 3));
    }

    // Learners report one-way: a view catches up a moment after the last write.
    internal static async Task Eventually(Func<Task> assertion)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (attempt < 100)
            {
                await Task.Delay(50);
            }
        }
    }
}
