using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;
using PersonalizedLearning.Storage.Contract;

namespace PersonalizedLearning.Tests.Records;

/// <summary>The in-memory store beyond the contract every store passes: each call's argument and cancellation checks, and
/// what a learner with no log (a refused snapshot, an append of nothing) leaves behind: nothing.</summary>
public class InMemoryEvidenceStoreDetailsTests
{
    private static readonly TenantId Tenant = "district-a";

    private static EvidenceLogEntry Rec(string id, string learner = "ana") =>
        EvidenceLogEntry.Recorded(Evidence.ForCompetency(id, learner, "A", EvidenceOutcome.Correct, new DateTimeOffset(2026, 9, 7, 9, 0, 0, TimeSpan.Zero)));

    [Fact]
    public async Task EveryCall_RefusesADefaultTenantOrLearner_NamingIt_AndChangesNothing()
    {
        var store = new InMemoryEvidenceStore();
        var log = (await store.AppendAsync(Tenant, "ana", 0, [Rec("e1")])).Incarnation;
        var snapshot = new StateSnapshot(1, "f", "{}", log);
        var calls = new (string Name, Func<TenantId, LearnerId, Task> Call)[]
        {
            ("ReadAsync", async (t, l) => await store.ReadAsync(t, l)),
            ("SaveSnapshotAsync", async (t, l) => await store.SaveSnapshotAsync(t, l, snapshot)),
            ("LoadSnapshotAsync", async (t, l) => await store.LoadSnapshotAsync(t, l)),
            ("EraseAsync", async (t, l) => await store.EraseAsync(t, l)),
        };

        foreach (var (name, call) in calls)
        {
            (await FluentActions.Awaiting(() => call(default, "ana")).Should().ThrowExactlyAsync<ArgumentException>(name)).WithParameterName("tenant");
            (await FluentActions.Awaiting(() => call(Tenant, default)).Should().ThrowExactlyAsync<ArgumentException>(name)).WithParameterName("learner");
        }

        (await store.ReadAsync(Tenant, "ana")).Version.Should().Be(1);
        (await store.LoadSnapshotAsync(Tenant, "ana")).Should().BeNull("no refused call saved the snapshot");
    }

    [Fact]
    public async Task EveryCall_WithACancelledToken_Throws_AndChangesNothing()
    {
        var store = new InMemoryEvidenceStore();
        var log = (await store.AppendAsync(Tenant, "ana", 0, [Rec("e1")])).Incarnation;
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var token = cancelled.Token;

        await FluentActions.Awaiting(() => store.ReadAsync(Tenant, "ana", 0, token).AsTask()).Should().ThrowExactlyAsync<OperationCanceledException>();
        await FluentActions.Awaiting(() => store.SaveSnapshotAsync(Tenant, "ana", new StateSnapshot(1, "f", "{}", log), token).AsTask()).Should().ThrowExactlyAsync<OperationCanceledException>();
        await FluentActions.Awaiting(() => store.LoadSnapshotAsync(Tenant, "ana", token).AsTask()).Should().ThrowExactlyAsync<OperationCanceledException>();
        await FluentActions.Awaiting(() => store.EraseAsync(Tenant, "ana", token).AsTask()).Should().ThrowExactlyAsync<OperationCanceledException>();
        await FluentActions.Awaiting(() => store.ListLearnersAsync(Tenant, token).ToListAsync()).Should().ThrowExactlyAsync<OperationCanceledException>();

        (await store.ReadAsync(Tenant, "ana")).Version.Should().Be(1, "the cancelled erasure removed nothing");
        (await store.LoadSnapshotAsync(Tenant, "ana")).Should().BeNull("the cancelled save saved nothing");
    }

    [Fact]
    public async Task ASnapshot_WithANegativeVersion_OrPastTheLog_IsRefused_NamingTheVersions()
    {
        var store = new InMemoryEvidenceStore();
        var log = (await store.AppendAsync(Tenant, "ana", 0, [Rec("e1"), Rec("e2")])).Incarnation;

        var negative = await FluentActions.Awaiting(() => store.SaveSnapshotAsync(Tenant, "ana", new StateSnapshot(-1, "f", "{}", log)).AsTask()).Should().ThrowExactlyAsync<ArgumentOutOfRangeException>();
        var past = await FluentActions.Awaiting(() => store.SaveSnapshotAsync(Tenant, "ana", new StateSnapshot(3, "f", "{}", log)).AsTask()).Should().ThrowExactlyAsync<ArgumentOutOfRangeException>();

        negative.Which.ParamName.Should().Be("snapshot");
        past.Which.Message.Should().Be("The snapshot of learner 'ana' is of version 3, past the log's 2. (Parameter 'snapshot')\nActual value was 3.".ReplaceLineEndings());
        (await store.LoadSnapshotAsync(Tenant, "ana")).Should().BeNull();
        (await store.SaveSnapshotAsync(Tenant, "ana", new StateSnapshot(2, "f", "{}", log))).Should().BeTrue("at the log's own version");
    }

    [Fact]
    public async Task ALearnerWithNoLog_AfterARefusedSnapshotAndAnAppendOfNothing_IsNotListed_HasNoIncarnation_AndErasesNothing()
    {
        var store = new InMemoryEvidenceStore();
        await store.AppendAsync(Tenant, "ana", 0, [Rec("e1")]);

        (await store.SaveSnapshotAsync(Tenant, "bob", new StateSnapshot(0, "f", "{}", 0))).Should().BeFalse();
        var nothing = await store.AppendAsync(Tenant, "cy", 0, []);

        nothing.Should().Be(new EvidenceLogAppend(0, 0, 0), "a log begins with its first entry; an append of nothing begins none");
        (await store.ReadAsync(Tenant, "cy")).Should().Match<EvidenceLogRead>(r => r.Version == 0 && r.Incarnation == 0 && r.Entries.IsEmpty);
        (await store.ListLearnersAsync(Tenant).ToListAsync()).Select(l => l.Learner.Value).Should().Equal("ana");
        (await store.EraseAsync(Tenant, "bob")).Should().Be(new ErasureReport(0, 0, 0));
        (await store.EraseAsync(Tenant, "cy")).Should().Be(new ErasureReport(0, 0, 0));
        (await store.EraseAsync(Tenant, "ana")).Should().Be(new ErasureReport(1, 0, 1));
    }

    [Fact]
    public async Task ToString_CountsTheLogsItHolds()
    {
        var store = new InMemoryEvidenceStore();
        store.ToString().Should().Be("InMemoryEvidenceStore { Logs = 0 }");

        await store.AppendAsync(Tenant, "ana", 0, [Rec("e1")]);
        await store.AppendAsync("district-b", "ana", 0, [Rec("e1")]);

        store.ToString().Should().Be("InMemoryEvidenceStore { Logs = 2 }");
    }
}
