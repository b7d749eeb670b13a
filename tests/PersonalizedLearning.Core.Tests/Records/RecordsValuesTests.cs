using System.Collections.Immutable;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Tests.Records;

/// <summary>The Records namespace's values (log entries, reads, snapshots, rebuild reports, exceptions) and the store rules
/// every store applies: equality, printing, messages and argument checks.</summary>
public class RecordsValuesTests
{
    private static readonly DateTimeOffset At = new(2026, 9, 7, 9, 0, 0, TimeSpan.Zero);

    private static Evidence Piece(string id, double score = 0.8, string learner = "ana") =>
        Evidence.ForCompetency(id, learner, "A", EvidenceOutcome.FromScore(score), At);

    [Fact]
    public void LogEntries_AreEqual_OnlyWithTheSameKindIdAndEvidence_AndNeverToNull()
    {
        var recorded = EvidenceLogEntry.Recorded(Piece("e1"));

        recorded.Equals(EvidenceLogEntry.Recorded(Piece("e1"))).Should().BeTrue();
        recorded.GetHashCode().Should().Be(EvidenceLogEntry.Recorded(Piece("e1")).GetHashCode());
        recorded.Equals(EvidenceLogEntry.Recorded(Piece("e1", score: 0.2))).Should().BeFalse("the same id with other content");
        recorded.Equals(EvidenceLogEntry.Retracted("e1")).Should().BeFalse("a recording and a retraction of one id");
        EvidenceLogEntry.Retracted("e1").Equals(EvidenceLogEntry.Retracted("e1")).Should().BeTrue();
        EvidenceLogEntry.Retracted("e1").Equals(EvidenceLogEntry.Retracted("e2")).Should().BeFalse("two retractions, of different ids, both without evidence");
        recorded.Equals((EvidenceLogEntry?)null).Should().BeFalse();
        EvidenceLogEntry.Retracted("e1").Equals(null as object).Should().BeFalse();
        EvidenceLogEntry.Recorded(Piece("e1")).Equals((object)EvidenceLogEntry.Recorded(Piece("e1"))).Should().BeTrue();
    }

    [Fact]
    public void LogEntries_PrintWhatTheyDo()
    {
        var piece = Piece("e1");

        EvidenceLogEntry.Recorded(piece).ToString().Should().Be($"Recorded {piece}");
        EvidenceLogEntry.Retracted("e1").ToString().Should().Be("Retracted e1");
    }

    [Fact]
    public void LogEntries_RefuseNoEvidence_AndADefaultId()
    {
        FluentActions.Invoking(() => EvidenceLogEntry.Recorded(null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("evidence");
        FluentActions.Invoking(() => EvidenceLogEntry.Retracted(default)).Should().ThrowExactly<ArgumentException>()
            .WithMessage("A retraction needs the id of the evidence retracted; got the default (empty) id. (Parameter 'id')");
    }

    [Fact]
    public void ReadsAndSnapshots_PrintTheirCounts_NotTheirContent()
    {
        new EvidenceLogRead(2, [EvidenceLogEntry.Retracted("e1")], 3, 77).ToString().Should().Be("EvidenceLogRead { After = 2, Entries = 1, Version = 3, Incarnation = 77 }");
        new StateSnapshot(5, "model-a", "{\"state\":1}", 9).ToString().Should().Be("StateSnapshot { Version = 5, Fingerprint = model-a, State = 11 characters, Incarnation = 9 }");
    }

    [Fact]
    public void RebuildReports_DeconstructInDeclarationOrder_AndPrintTheirCounts()
    {
        var (learners, rebuilt, failed, entries) = new RecordsRebuildProgress(4, 3, 1, 7);
        var (learner, reason) = new RecordsRebuildFailure("dee", "Evidence 'dee-1' names activity 'cd-project'.");
        var report = new RecordsRebuildReport(4, 3, 0, 7, [new RecordsRebuildFailure("dee", "why")]);
        var (all, refolded, upToDate, read, failures) = report;

        (learners, rebuilt, failed, entries).Should().Be((4, 3, 1, 7L));
        (learner, reason).Should().Be(((LearnerId)"dee", "Evidence 'dee-1' names activity 'cd-project'."));
        (all, refolded, upToDate, read).Should().Be((4, 3, 0, 7L));
        failures.Should().Equal(new RecordsRebuildFailure("dee", "why"));
        report.ToString().Should().Be("RecordsRebuildReport { Learners = 4, Rebuilt = 3, UpToDate = 0, Entries = 7, Failures = 1 }");
    }

    [Fact]
    public void TheStoreExceptions_SayWhatHappenedAndWhatToDo()
    {
        var conflict = new EvidenceLogConcurrencyException("district-a", "ana", 3, 5);
        var schema = new EvidenceStoreSchemaException("SQLite evidence store", 4, 2);

        conflict.Message.Should().Be("Learner 'ana' of tenant 'district-a': the evidence log is at version 5, not the 3 this append expected; another writer appended first. Nothing was written: read the entries after version 3, fold them, and append again.");
        schema.Message.Should().Be("The SQLite evidence store's database has schema version 4, newer than the 2 this package knows: it was written by a newer version of the package. Nothing was changed; update the package, or use another database.");
        (schema.Found, schema.Supported).Should().Be((4, 2));
    }

    [Fact]
    public void TheStoreRules_NameTheMissingIdOrTheOtherLearner_AndRefuseNullEvidence()
    {
        FluentActions.Invoking(() => EvidenceStoreRules.RequireIds("t", default)).Should().ThrowExactly<ArgumentException>()
            .WithMessage("A learner id is required; got the default (empty) id. (Parameter 'learner')");
        FluentActions.Invoking(() => EvidenceStoreRules.RequireIds(default, "ana")).Should().ThrowExactly<ArgumentException>()
            .WithMessage("A tenant id is required; got the default (empty) id. (Parameter 'tenant')");
        FluentActions.Invoking(() => EvidenceStoreRules.PrepareAppend("t", "bob", 0, [EvidenceLogEntry.Recorded(Piece("e1"))])).Should().ThrowExactly<ArgumentException>()
            .WithMessage("Evidence 'e1' is about another learner than 'bob', whose log it was appended to. (Parameter 'entries')");
        FluentActions.Invoking(() => EvidenceStoreRules.RequireSame(null!, Piece("e1"))).Should().ThrowExactly<ArgumentNullException>().WithParameterName("stored");
        FluentActions.Invoking(() => EvidenceStoreRules.RequireSame(Piece("e1"), null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("incoming");
    }

    [Fact]
    public void TheLoggedLearner_IsItsIdOnlyWhenTheHostOptedIn()
    {
        new RecordsLog.LoggedLearner("ana", shown: true).ToString().Should().Be("ana");
        new RecordsLog.LoggedLearner("ana", shown: false).ToString().Should().Be("(hidden)");
    }
}
