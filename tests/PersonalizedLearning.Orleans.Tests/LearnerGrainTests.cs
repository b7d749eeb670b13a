using System.Collections.Immutable;
using Orleans.Runtime;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;
using PersonalizedLearning.Sequencing;
using PersonalizedLearning.Serialization;
using static PersonalizedLearning.Orleans.Tests.LearningCluster;

namespace PersonalizedLearning.Orleans.Tests;

public sealed class ClusterFixture : IAsyncLifetime
{
    internal LearningCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await StartAsync(3);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

public sealed class LearnerGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private LearningCluster Cluster => fixture.Cluster;

    private static TenantId NewTenant() => new($"district-{Guid.NewGuid():N}");

    [Fact]
    public async Task Every_answer_of_a_learner_grain_equals_the_engines_answer_on_the_state_folded_from_the_stored_log()
    {
        var tenant = NewTenant();
        var grain = Cluster.Client.GetLearner(tenant, "ana");
        await grain.RecordAsync(Piece("e1", "ana", "A", 0.9, 0));
        await grain.RecordBatchAsync([Piece("e2", "ana", "A", 0.95, 1), Piece("e3", "ana", "B", 0.4, 2), Piece("e4", "ana", "E", 0.7, 3)]);
        await grain.RetractAsync([new EvidenceId("e4")]);
        await grain.SupersedeAsync("e3", Piece("e3-regraded", "ana", "B", 0.85, 2));

        var expected = await Cluster.RebuildAsync(tenant, "ana");
        var engine = Cluster.Engine;
        var goals = ImmutableArray.Create(new LearningGoal("D"));

        expected.EvidenceCount.Should().Be(3, "e1, e2 and the regrade of e3; e4 retracted");
        (await Cluster.Store.ReadAsync(tenant, "ana")).Version.Should().Be(7, "four recorded (one alone, three in a batch), one retraction, then a retraction with its replacement");
        (await grain.GetStateAsync()).Should().Be(expected);
        (await grain.AssessAsync(Now)).GetAll().Should().Equal(engine.Assess(expected, Now).GetAll());
        (await grain.RecommendNextAsync(3, asOf: Now)).Should().Be(engine.RecommendNext(expected, 3, asOf: Now));
        (await grain.BuildPlaylistAsync(goals, asOf: Now)).Should().Be(PlaylistBuilder.Default.Build(engine.CreatePlaylistRequest(expected, goals, asOf: Now)));
        var plan = await grain.DraftPlanAsync(goals);
        PersonalizedLearningJson.Serialize(plan).Should().Be(PersonalizedLearningJson.Serialize(new Planning.LearningPlanner(clock: engine.TimeProvider).Draft(engine.CreatePlaylistRequest(expected, goals, asOf: Now))));

        await grain.RecordAsync(Piece("e5", "ana", "B", 1.0, 10));
        var updated = await grain.UpdatePlanAsync(plan);
        updated.History.Should().HaveCountGreaterThan(plan.History.Length, "the plan was re-planned after the new evidence");
    }

    [Fact]
    public async Task Refused_input_reaches_the_caller_with_its_exception_and_writes_nothing()
    {
        var tenant = NewTenant();
        var grain = Cluster.Client.GetLearner(tenant, "ana");
        await grain.RecordAsync(Piece("e1", "ana", "A", 0.9, 0));

        var otherLearner = () => grain.RecordAsync(Piece("e2", "ben", "A", 0.9, 1));
        var conflict = () => grain.RecordAsync(Piece("e1", "ana", "A", 0.1, 0));
        var unknown = () => grain.RecordAsync(Piece("e3", "ana", "Z", 0.5, 2));
        var future = () => grain.RecordAsync(Evidence.ForCompetency("e4", "ana", "A", EvidenceOutcome.FromScore(0.5), Now.AddDays(3)));

        (await otherLearner.Should().ThrowExactlyAsync<ArgumentException>()).WithMessage("*'e2' is about learner 'ben', not this grain's learner 'ana'*");
        var refused = (await conflict.Should().ThrowExactlyAsync<EvidenceConflictException>()).Which;
        refused.Message.Should().Contain("'e1'").And.Contain("outcome").And.NotContain("0.1");
        refused.Incoming.Outcome.Should().Be(EvidenceOutcome.FromScore(0.1));
        refused.Existing.Outcome.Should().Be(EvidenceOutcome.FromScore(0.9));
        await unknown.Should().ThrowAsync<ArgumentException>();
        await future.Should().ThrowExactlyAsync<ArgumentOutOfRangeException>();
        (await Cluster.Store.ReadAsync(tenant, "ana")).Version.Should().Be(1);
        (await grain.GetStateAsync()).EvidenceCount.Should().Be(1);
    }

    [Fact]
    public async Task Evidence_sent_again_is_not_counted_twice()
    {
        var tenant = NewTenant();
        var grain = Cluster.Client.GetLearner(tenant, "ana");
        var pieces = Enumerable.Range(0, 5).Select(i => Piece($"e{i}", "ana", "A", 0.2 * i, i)).ToArray();
        foreach (var piece in pieces)
        {
            await grain.RecordAsync(piece);
        }

        await grain.RecordBatchAsync([.. pieces]);
        await grain.RecordAsync(pieces[2]);

        (await Cluster.Store.ReadAsync(tenant, "ana")).Version.Should().Be(5);
        (await grain.GetStateAsync()).Should().Be(await Cluster.RebuildAsync(tenant, "ana"));
    }

    [Fact]
    public async Task A_learner_moved_to_another_silo_mid_stream_loses_nothing_and_counts_nothing_twice()
    {
        var tenant = NewTenant();
        var grain = Cluster.Client.GetLearner(tenant, "ana");
        var visited = new HashSet<SiloAddress>();
        for (var i = 0; i < 30; i++)
        {
            await grain.RecordAsync(Piece($"e{i}", "ana", "ABCDE"[i % 5].ToString(), (i % 7) / 6.0, i));
            if (i % 10 == 9)
            {
                visited.Add(SiloOf(grain));
                var target = Cluster.Cluster.GetActiveSilos().Select(s => s.SiloAddress).First(s => s != SiloOf(grain));
                await Cluster.Cluster.MigrateAsync(grain, target);
                await grain.GetStateAsync();
                SiloOf(grain).Should().Be(target, "the grain was moved");
            }
        }

        visited.Add(SiloOf(grain));
        visited.Should().HaveCountGreaterThan(1);
        var log = await Cluster.Store.ReadAsync(tenant, "ana");
        log.Version.Should().Be(30);
        log.Entries.Select(e => e.Id).Should().OnlyHaveUniqueItems();
        (await grain.GetStateAsync()).Should().Be(await Cluster.RebuildAsync(tenant, "ana"));
    }

    [Fact]
    public async Task A_deactivated_learner_comes_back_from_its_snapshot_and_log()
    {
        var tenant = NewTenant();
        var grain = Cluster.Client.GetLearner(tenant, "ana");
        for (var i = 0; i < 250; i++)
        {
            await grain.RecordAsync(Piece($"e{i}", "ana", "ABCDE"[i % 5].ToString(), (i % 3) / 2.0, i));
        }

        await Cluster.Cluster.DeactivateAsync(grain);

        (await Cluster.Store.LoadSnapshotAsync(tenant, "ana"))!.Version.Should().Be(200, "a snapshot every 100 entries");
        (await grain.GetStateAsync()).Should().Be(await Cluster.RebuildAsync(tenant, "ana"));
    }

    private SiloAddress SiloOf(ILearnerGrain grain) =>
        Cluster.Cluster.TryGetGrainContext(grain.GetGrainId(), out var context) ? context.Address.SiloAddress! : throw new InvalidOperationException("not active");
}
