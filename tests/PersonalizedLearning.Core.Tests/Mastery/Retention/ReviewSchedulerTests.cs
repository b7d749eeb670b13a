using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery.Retention;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Mastery.Retention;

public sealed class ReviewSchedulerTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);

    // A → B → C (prerequisite → dependent).
    private static readonly CompetencyFramework Chain = new CompetencyFrameworkBuilder()
        .AddCompetency("A", "A").AddCompetency("B", "B").AddCompetency("C", "C")
        .AddPrerequisite("A", "B").AddPrerequisite("B", "C").Build();

    private static readonly ReviewScheduler Reviews = new(Chain, new FsrsScheduler(FsrsParameters.Default with { EnableShortTerm = false }));

    [Fact]
    public void Record_ASuccessfulReview_CreditsDirectPrerequisitesOnly()
    {
        var memory = FsrsSchedulerTests.Empty;
        memory = Reviews.Record(memory, "A", EvidenceOutcome.Correct, T0).Memory;
        memory = Reviews.Record(memory, "B", EvidenceOutcome.Correct, T0.AddDays(1)).Memory;
        var (afterC, reviews) = Reviews.Record(memory, "C", EvidenceOutcome.Correct, T0.AddDays(5));

        reviews.Select(r => r.Competency.Value).Should().Equal("C", "B");
        reviews[1].Review.Rating.Should().Be(FsrsRating.Hard);
        afterC["B"].Reps.Should().Be(2);
        afterC["B"].Stability.Should().BeGreaterThan(memory["B"].Stability);
        afterC["A"].Should().Be(memory["A"], "credit does not chain two steps down");
    }

    [Fact]
    public void Record_AFailedReviewOrASameDayPrerequisite_GivesNoCredit()
    {
        var memory = Reviews.Record(FsrsSchedulerTests.Empty, "A", EvidenceOutcome.Correct, T0).Memory;
        memory = Reviews.Record(memory, "B", EvidenceOutcome.Correct, T0.AddDays(3)).Memory;
        Reviews.Record(memory, "B", EvidenceOutcome.Incorrect, T0.AddDays(9)).Reviews.Should().ContainSingle();
        var sameDay = Reviews.Record(Reviews.Record(FsrsSchedulerTests.Empty, "A", EvidenceOutcome.Correct, T0).Memory, "B", EvidenceOutcome.Correct, T0.AddHours(2));
        sameDay.Reviews.Should().ContainSingle("A was reviewed that same day");
        new ReviewScheduler(Chain, prerequisiteRating: null).Record(memory, "B", EvidenceOutcome.Correct, T0.AddDays(20)).Reviews.Should().ContainSingle();
    }

    [Fact]
    public void DueReviews_AreTheFadedOnes_MostForgottenFirst()
    {
        var memory = Reviews.Record(FsrsSchedulerTests.Empty, "A", EvidenceOutcome.Correct, T0).Memory;   // S = 2.3065 → due after 3 days
        memory = Reviews.Record(memory, "B", EvidenceOutcome.FromScore(1.0), T0.AddDays(1)).Memory;       // Easy: S = 8.2956
        Reviews.DueReviews(memory, T0.AddDays(2)).Should().BeEmpty();
        var due = Reviews.DueReviews(memory, T0.AddDays(30));
        due.Select(d => d.Competency.Value).Should().Equal("A", "B");
        due[0].Retrievability.Should().BeLessThan(due[1].Retrievability);
        Reviews.DueReviews(memory, T0.AddDays(30), only: ["B"]).Select(d => d.Competency.Value).Should().Equal("B");
    }

    [Fact]
    public void DueReviews_MemoryOrFilterNamingACompetencyTheFrameworkLacks_Throws()
    {
        var memory = Reviews.Record(FsrsSchedulerTests.Empty, "A", EvidenceOutcome.Correct, T0).Memory;
        var foreign = memory.Add("Z", memory["A"]);

        var fromMemory = FluentActions.Invoking(() => Reviews.DueReviews(foreign, T0.AddDays(30))).Should().ThrowExactly<UnknownCompetencyException>().Which;
        fromMemory.Competency.Should().Be(new CompetencyId("Z"));
        fromMemory.ParamName.Should().Be("memory");
        fromMemory.Message.Should().StartWith($"The memory holds competency 'Z', which is not in framework '{Chain.Title}'.");

        var fromFilter = FluentActions.Invoking(() => Reviews.DueReviews(memory, T0.AddDays(30), only: ["A", "Q"])).Should().ThrowExactly<UnknownCompetencyException>().Which;
        fromFilter.Competency.Should().Be(new CompetencyId("Q"));
        fromFilter.ParamName.Should().Be("only");
        Reviews.DueReviews(memory, T0.AddDays(30), only: ["A"]).Select(d => d.Competency.Value).Should().Equal("A");
    }

    [Fact]
    public void Record_UnknownCompetency_ThrowsAndChangesNothing()
    {
        var memory = Reviews.Record(FsrsSchedulerTests.Empty, "A", EvidenceOutcome.Correct, T0).Memory;
        FluentActions.Invoking(() => Reviews.Record(memory, "Z", EvidenceOutcome.Correct, T0)).Should().Throw<ArgumentException>()
            .WithMessage("Competency 'Z' is not in the framework.*");
        memory.Keys.Select(k => k.Value).Should().Equal("A");
    }

    [Fact]
    public void Constructor_KeepsTheGivenScheduler_OrTakesTheDefault()
    {
        var longTerm = new FsrsScheduler(FsrsParameters.Default with { EnableShortTerm = false });
        var reviews = new ReviewScheduler(Chain, longTerm);
        reviews.Scheduler.Should().BeSameAs(longTerm);
        // Without short-term memory a first Good is scheduled in days (3, kept above Hard's 2), not in a learning step.
        reviews.Record(FsrsSchedulerTests.Empty, "A", EvidenceOutcome.Correct, T0).Reviews[0].Review.Card.ScheduledDays.Should().Be(3);
        new ReviewScheduler(Chain).Scheduler.Should().BeSameAs(FsrsScheduler.Default);
    }

    [Fact]
    public void Record_NullMemory_ThrowsArgumentNullNamingIt()
        => FluentActions.Invoking(() => new ReviewScheduler(Chain).Record(null!, "A", EvidenceOutcome.Correct, T0)).Should().ThrowExactly<ArgumentNullException>()
            .Which.ParamName.Should().Be("memory");

    [Fact]
    public void Record_APrerequisiteResetToNew_GetsNoCredit_ThoughItKeepsALastReview()
    {
        // A memory reset to New (forgotten on purpose) that still carries when it was last reviewed: it is not "reviewed
        // before", so a review of its dependent leaves it new.
        var reset = FsrsCard.New(T0) with { LastReview = T0 };
        var memory = FsrsSchedulerTests.Empty.Add("A", reset);
        var (after, reviews) = Reviews.Record(memory, "B", EvidenceOutcome.Correct, T0.AddDays(5));
        reviews.Select(r => r.Competency.Value).Should().Equal("B");
        after["A"].Should().Be(reset);
    }

    // A → B → C, with an activity on B and one on A and C.
    private static readonly ActivityCatalog Catalog = new ActivityCatalogBuilder(Chain)
        .Add(new LearningActivity("b-practice", "Practice B", ActivityKind.Practice, 15, [new("B")]))
        .Add(new LearningActivity("a-and-c", "A and C", ActivityKind.Project, 30, [new("C"), new("A")]))
        .Build();

    [Fact]
    public void Replay_FoldsInTimeOrderWhateverTheOrderGiven_ADuplicateOnce_AnActivityThroughItsAlignments()
    {
        var a = new Evidence("1", "ana", EvidenceOutcome.Correct, T0, competency: "A");
        var b = new Evidence("2", "ana", EvidenceOutcome.Correct, T0.AddDays(3), activity: "b-practice");
        var ac = new Evidence("3", "ana", EvidenceOutcome.FromScore(0.95), T0.AddDays(10), activity: "a-and-c");
        var (memory, reviews) = Reviews.Replay([ac, b, a, b], Catalog);

        // By hand, in time order: A; then B, crediting A (reviewed on another day); then C and A, in the catalog's
        // alignment order (C first), C crediting B.
        var byHand = Reviews.Record(FsrsSchedulerTests.Empty, "A", EvidenceOutcome.Correct, T0);
        var second = Reviews.Record(byHand.Memory, "B", EvidenceOutcome.Correct, T0.AddDays(3));
        var third = Reviews.Record(second.Memory, "C", EvidenceOutcome.FromScore(0.95), T0.AddDays(10));
        var fourth = Reviews.Record(third.Memory, "A", EvidenceOutcome.FromScore(0.95), T0.AddDays(10));
        memory.Should().Equal(fourth.Memory);
        reviews.Should().Equal(byHand.Reviews.Concat(second.Reviews).Concat(third.Reviews).Concat(fourth.Reviews));
        reviews.Select(r => r.Competency.Value).Should().Equal("A", "B", "A", "C", "B", "A");
        memory["A"].Reps.Should().Be(3, "A was reviewed, credited once by B, and reviewed through the activity");
    }

    [Fact]
    public void Replay_NullEvidenceOrPiece_ThrowsArgumentNullNamingTheEvidence()
    {
        FluentActions.Invoking(() => Reviews.Replay(null!)).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("evidence");
        var a = new Evidence("1", "ana", EvidenceOutcome.Correct, T0, competency: "A");
        FluentActions.Invoking(() => Reviews.Replay([a, null!])).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("evidence");
    }

    [Fact]
    public void Replay_TwoLearners_IsRefusedNamingBoth()
    {
        Evidence[] log = [new("1", "ana", EvidenceOutcome.Correct, T0, competency: "A"), new("2", "bo", EvidenceOutcome.Correct, T0, competency: "B")];
        var thrown = FluentActions.Invoking(() => Reviews.Replay(log)).Should().ThrowExactly<ArgumentException>().Which;
        thrown.ParamName.Should().Be("evidence");
        thrown.Message.Should().StartWith("Evidence '2' is about learner 'bo', but the replay is of learner 'ana'; replay one learner's evidence at a time.");
    }

    [Fact]
    public void Replay_OneIdWithTwoContents_IsAConflict()
    {
        var first = new Evidence("1", "ana", EvidenceOutcome.Correct, T0, competency: "A");
        var second = new Evidence("1", "ana", EvidenceOutcome.Incorrect, T0, competency: "A");
        var thrown = FluentActions.Invoking(() => Reviews.Replay([first, second])).Should().ThrowExactly<EvidenceConflictException>().Which;
        thrown.Existing.Should().Be(first);
        thrown.Incoming.Should().Be(second);
        thrown.ParamName.Should().Be("evidence");
    }

    [Fact]
    public void Replay_AnUnknownCompetencyOrActivity_OrAnActivityWithoutCatalog_IsRefusedWithItsOwnException()
    {
        var good = new Evidence("1", "ana", EvidenceOutcome.Correct, T0, competency: "A");

        var competency = FluentActions.Invoking(() => Reviews.Replay([good, new Evidence("x", "ana", EvidenceOutcome.Correct, T0, competency: "Z")], Catalog))
            .Should().ThrowExactly<UnknownCompetencyException>().Which;
        competency.Competency.Should().Be(new CompetencyId("Z"));
        competency.ParamName.Should().Be("evidence");
        competency.Message.Should().StartWith("Evidence 'x' names competency 'Z', which is not in the framework.");

        var noCatalog = FluentActions.Invoking(() => Reviews.Replay([good, new Evidence("x", "ana", EvidenceOutcome.Correct, T0, activity: "b-practice")]))
            .Should().ThrowExactly<ArgumentException>().Which;
        noCatalog.ParamName.Should().Be("evidence");
        noCatalog.Message.Should().StartWith("Evidence 'x' is about activity 'b-practice' alone; pass the catalog that aligns it.");

        var activity = FluentActions.Invoking(() => Reviews.Replay([good, new Evidence("x", "ana", EvidenceOutcome.Correct, T0, activity: "nowhere")], Catalog))
            .Should().ThrowExactly<UnknownActivityException>().Which;
        activity.Activity.Should().Be(new ActivityId("nowhere"));
        activity.ParamName.Should().Be("evidence");
        activity.Message.Should().StartWith("Evidence 'x' is about activity 'nowhere' alone; it is not in the catalog.");

        Reviews.Replay([good]).Memory.Keys.Select(k => k.Value).Should().Equal(new[] { "A" }, "evidence naming a competency needs no catalog");
    }

    [Fact]
    public void DueReviews_AtTheDueTimeItself_IsDue_ThoughRecallIsStillAboveTheDesiredRetention()
    {
        // Easy on a new card, long-term, with a maximum interval of 4 days: S = w3 = 8.2956, due after 4 days, where
        // R(4, 8.2956) = (1 + 0.98034649·4/8.2956)^−0.1542 = 0.94205546, above 0.9.
        var capped = new ReviewScheduler(Chain, new FsrsScheduler(FsrsParameters.Default with { EnableShortTerm = false, MaximumInterval = 4 }));
        var memory = capped.Record(FsrsSchedulerTests.Empty, "A", EvidenceOutcome.FromScore(1.0), T0).Memory;
        memory["A"].Due.Should().Be(T0.AddDays(4));
        capped.DueReviews(memory, T0.AddDays(4).AddTicks(-1)).Should().BeEmpty();
        var due = capped.DueReviews(memory, T0.AddDays(4)).Should().ContainSingle().Which;
        due.Competency.Should().Be(new CompetencyId("A"));
        due.Retrievability.Should().Be(0.94205546);
        due.Due.Should().Be(T0.AddDays(4));
    }

    [Fact]
    public void DueReviews_EquallyForgotten_AreInIdOrder_AndDeconstruct()
    {
        // C and A reviewed alike at the same moment (C first; A gets no credit, being reviewed the same day): the same
        // memory, the same recall, so the id decides.
        var memory = Reviews.Record(FsrsSchedulerTests.Empty, "C", EvidenceOutcome.Correct, T0).Memory;
        memory = Reviews.Record(memory, "A", EvidenceOutcome.Correct, T0).Memory;
        var due = Reviews.DueReviews(memory, T0.AddDays(30));
        due.Select(d => d.Competency.Value).Should().Equal("A", "C");
        due[0].Retrievability.Should().Be(due[1].Retrievability);

        var (competency, retrievability, dueAt) = due[1];
        (competency, retrievability, dueAt).Should().Be((new CompetencyId("C"), due[1].Retrievability, T0.AddDays(3)));
    }
}
