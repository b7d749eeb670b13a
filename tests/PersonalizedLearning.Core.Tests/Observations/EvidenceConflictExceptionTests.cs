using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Observations;

public sealed class EvidenceConflictExceptionTests
{
    private static readonly DateTimeOffset When = TestData.Start;
    private static readonly Evidence Existing = new("e1", "ana", EvidenceOutcome.Correct, When, competency: "F1");

    [Theory]
    [InlineData(false, "Already folded")]
    [InlineData(true, "Earlier in the batch")]
    public void Constructor_NamesTheIdBothPiecesAndWhereTheFirstWasSeen(bool inBatch, string where)
    {
        var incoming = new Evidence("e1", "ana", EvidenceOutcome.Incorrect, When, competency: "F1");
        var parameter = "evidence"; // the caller's parameter the pieces came in
        var thrown = new EvidenceConflictException(Existing, incoming, parameter, inBatch);

        thrown.Message.Should().Be(
            "Evidence 'e1' arrived twice with different content; an id names one piece of evidence. "
            + $"{where}: Evidence {{ Id = e1, Learner = ana, Competency = F1, Outcome = correct, Timestamp = 2026-09-07T09:00:00.0000000+00:00 }}. "
            + "Arrived: Evidence { Id = e1, Learner = ana, Competency = F1, Outcome = incorrect, Timestamp = 2026-09-07T09:00:00.0000000+00:00 }. "
            + "For a regrade give the new result its own id and supersede the old one. (Parameter 'evidence')");
        thrown.ParamName.Should().Be("evidence");
        thrown.Existing.Should().BeSameAs(Existing);
        thrown.Incoming.Should().BeSameAs(incoming);
    }

    [Fact]
    public void Constructor_NullPiece_ThrowsArgumentNullException()
    {
        FluentActions.Invoking(() => new EvidenceConflictException(null!, Existing)).Should().Throw<ArgumentNullException>().And.ParamName.Should().Be("existing");
        FluentActions.Invoking(() => new EvidenceConflictException(Existing, null!)).Should().Throw<ArgumentNullException>().And.ParamName.Should().Be("incoming");
        FluentActions.Invoking(() => EvidenceConflictException.WithoutContent(null!, Existing)).Should().Throw<ArgumentNullException>().And.ParamName.Should().Be("existing");
        FluentActions.Invoking(() => EvidenceConflictException.WithoutContent(Existing, null!)).Should().Throw<ArgumentNullException>().And.ParamName.Should().Be("incoming");
    }

    public static TheoryData<Evidence, string> OneFieldChanged => new()
    {
        { new Evidence("e1", "bo", EvidenceOutcome.Correct, When, competency: "F1"), "learner" },
        { new Evidence("e1", "ana", EvidenceOutcome.Correct, When, competency: "F2"), "competency or activity" },
        { new Evidence("e1", "ana", EvidenceOutcome.Correct, When, competency: "F1", activity: "a1"), "competency or activity" },
        { new Evidence("e1", "ana", EvidenceOutcome.FromScore(1), When, competency: "F1"), "outcome" },
        { new Evidence("e1", "ana", EvidenceOutcome.Correct, When.AddTicks(1), competency: "F1"), "timestamp" },
        { new Evidence("e1", "ana", EvidenceOutcome.Correct, When, competency: "F1", kind: EvidenceKind.Summative), "kind" },
        { new Evidence("e1", "ana", EvidenceOutcome.Correct, When, competency: "F1", weight: 2), "weight" },
        { new Evidence("e1", "ana", EvidenceOutcome.Correct, When, competency: "F1", duration: TimeSpan.Zero), "duration" },
    };

    [Theory]
    [MemberData(nameof(OneFieldChanged))]
    public void WithoutContent_NamesTheOneFieldThatDiffers(Evidence incoming, string field)
    {
        var thrown = EvidenceConflictException.WithoutContent(Existing, incoming, "batch");
        thrown.Message.Should().Be(
            $"Evidence 'e1' arrived twice with different content ({field} differ); an id names one piece of evidence. "
            + "For a regrade give the new result its own id and supersede the old one. (Parameter 'batch')");
        thrown.Existing.Should().BeSameAs(Existing);
        thrown.Incoming.Should().BeSameAs(incoming);
    }

    [Fact]
    public void WithoutContent_ListsEveryDifferingFieldInOrder_OrTheContentWhenNoneDiffers()
    {
        var changed = new Evidence("e1", "bo", EvidenceOutcome.Incorrect, When.AddDays(1), activity: "a1", kind: EvidenceKind.SelfAssessment, weight: 0.5, duration: TimeSpan.FromMinutes(3));
        EvidenceConflictException.WithoutContent(Existing, changed).Message.Should().StartWith(
            "Evidence 'e1' arrived twice with different content (learner, competency or activity, outcome, timestamp, kind, weight, duration differ);");

        // Equal content (a piece compared with its twin) still makes a message that says what was compared.
        var twin = new Evidence("e1", "ana", EvidenceOutcome.Correct, When, competency: "F1");
        EvidenceConflictException.WithoutContent(Existing, twin).Message.Should().StartWith("Evidence 'e1' arrived twice with different content (its content differ);");
        EvidenceConflictException.WithoutContent(Existing, twin).ParamName.Should().BeNull();
    }
}
