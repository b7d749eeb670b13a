using System.Collections.Immutable;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
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
        (await room.FormSmallGroupsAsync(4)).Should().Be(new SmallGroupPlan([], []));
        await room.Invoking(r => r.FormSmallGroupsAsync(0)).Should().ThrowExactlyAsync<ArgumentOutOfRangeException>();
        await room.Invoking(r => r.FormSmallGroupsAsync(2, 3)).Should().ThrowExactlyAsync<ArgumentOutOfRangeException>();
        await room.Invoking(r => r.EnrollAsync([default])).Should().ThrowExactlyAsync<ArgumentException>();
        (await room.GetRosterAsync()).Should().BeEmpty();
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
