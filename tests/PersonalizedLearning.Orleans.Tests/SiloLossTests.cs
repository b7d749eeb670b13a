using System.Collections.Concurrent;
using System.Collections.Immutable;
using Orleans.Runtime;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;
using Xunit.Abstractions;
using static PersonalizedLearning.Orleans.Tests.LearningCluster;

namespace PersonalizedLearning.Orleans.Tests;

public sealed class SiloLossTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_silo_killed_mid_stream_loses_no_acknowledged_evidence_counts_none_twice_and_class_views_recover()
    {
        await using var cluster = await StartAsync(3);
        var tenant = new TenantId("district-loss");
        const int Learners = 90, Pieces = 24;
        var learners = Enumerable.Range(0, Learners).Select(i => new LearnerId($"learner-{i:000}")).ToArray();
        var classes = Enumerable.Range(0, 3).Select(c => cluster.Client.GetClass(tenant, $"room-{c}")).ToArray();
        for (var c = 0; c < classes.Length; c++)
        {
            await classes[c].EnrollAsync([.. learners.Where((_, i) => i % 3 == c)]);
        }

        var acknowledged = new ConcurrentDictionary<EvidenceId, bool>();
        var retries = 0;
        var victim = cluster.Cluster.Silos[^1];
        var onVictim = new ConcurrentDictionary<LearnerId, bool>();

        async Task SendAsync(LearnerId learner)
        {
            var grain = cluster.Client.GetLearner(tenant, learner);
            for (var k = 0; k < Pieces; k++)
            {
                var piece = Piece($"{learner}-{k:00}", learner.Value, "ABCDE"[k % 5].ToString(), (k * 7 % 10) / 9.0, k);
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        // A host sends again what it has no acknowledgement for; the log keeps each id once.
                        await grain.RecordAsync(piece);
                        acknowledged[piece.Id] = true;
                        break;
                    }
                    catch (Exception e) when (attempt < 60 && e is not ArgumentException)
                    {
                        Interlocked.Increment(ref retries);
                        await Task.Delay(250);
                    }
                }

                if (k == 0 && cluster.Cluster.TryGetGrainContext(grain.GetGrainId(), out var context) && context.Address.SiloAddress == victim.SiloAddress)
                {
                    onVictim[learner] = true;
                }
            }
        }

        var senders = learners.Select(l => Task.Run(() => SendAsync(l))).ToArray();
        // The silo goes while evidence is in flight to the grains it holds.
        while (acknowledged.Count < Learners * Pieces * 2 / 5)
        {
            await Task.Delay(5);
        }

        var atKill = acknowledged.Count;
        await cluster.Cluster.KillSiloAsync(victim);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(senders);
        output.WriteLine($"{atKill} of {Learners * Pieces} acknowledged at the kill; {retries} calls sent again; the stream finished {stopwatch.Elapsed.TotalSeconds:F1} s after the kill; {onVictim.Count} learners were on the killed silo");
        atKill.Should().BeLessThan(Learners * Pieces, "the silo went mid-stream");

        onVictim.Should().NotBeEmpty("the killed silo held learners mid-stream");
        acknowledged.Should().HaveCount(Learners * Pieces);
        foreach (var learner in learners)
        {
            var log = await cluster.Store.ReadAsync(tenant, learner);
            log.Entries.Select(e => e.Id).Should().OnlyHaveUniqueItems().And.HaveCount(Pieces, $"{learner} sent {Pieces} pieces, each stored once");
            var state = await cluster.Client.GetLearner(tenant, learner).GetStateAsync();
            state.Should().Be(await cluster.RebuildAsync(tenant, learner));
            state.EvidenceCount.Should().Be(Pieces);
        }

        for (var c = 0; c < classes.Length; c++)
        {
            var members = learners.Where((_, i) => i % 3 == c).ToList();
            var snapshots = new List<MasterySnapshot>();
            foreach (var learner in members)
            {
                snapshots.Add(cluster.Engine.Assess(await cluster.RebuildAsync(tenant, learner)));
            }

            var expected = ClassOverview.Create(snapshots, 4);
            await ClassGrainTests.Eventually(async () => (await classes[c].GetOverviewAsync()).Should().Be(expected));
        }
    }
}
