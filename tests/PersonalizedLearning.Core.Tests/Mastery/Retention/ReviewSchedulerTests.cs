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
}
