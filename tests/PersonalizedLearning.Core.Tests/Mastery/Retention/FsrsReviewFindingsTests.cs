using System.Collections.Immutable;
using PersonalizedLearning.Mastery.Retention;

namespace PersonalizedLearning.Tests.Mastery.Retention;

/// <summary>What an independent review of issue 14's FSRS work found (746,482 random reviews against ts-fsrs 5.4.2):
/// each kind of fault with the review's case, golden values from ts-fsrs 5.4.2 (npm, fuzz off) run on it.</summary>
public sealed class FsrsReviewFindingsTests
{
    [Fact]
    public void Difficulty_RoundsHalvesUp_AsJavaScriptsMathRound()
    {
        // Each review at its due time: Hard, Again, Good, Easy, Again, Again, Again, Hard, Easy, Easy, Easy. Before the
        // last, D = 9.822025; Easy's damped change is a negative exact half at the ninth decimal.
        var at = new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var card = FsrsCard.New(at);
        FsrsReview review = default;
        foreach (var rating in new[] { 2, 1, 3, 4, 1, 1, 1, 2, 4, 4, 4 })
        {
            review = FsrsScheduler.Default.Review(card, (FsrsRating)rating, card.State == FsrsState.New ? at : card.Due);
            card = review.Card;
        }

        review.StateBefore.Should().Be(FsrsState.Review);
        card.Difficulty.Should().Be(9.74778242);
        card.Stability.Should().Be(2.71737121);
        card.Due.Should().Be(new DateTimeOffset(2024, 1, 9, 10, 2, 0, TimeSpan.Zero));
    }

    [Fact]
    public void RecallStability_OfALargeMemory_MatchesToTheEighthDecimal()
    {
        string[] days = ["2024-01-01", "2024-01-04", "2024-02-24", "2024-12-01", "2030-05-14", "2033-05-19", "2038-02-05", "2057-07-14"];
        double[] expected = [8.2956, 22.34796465, 144.43929748, 671.01022645, 3073.55975128, 5001.25667625, 7798.0728591, 16618.96898732];
        var card = FsrsCard.New(DateTimeOffset.Parse("2024-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        for (var i = 0; i < days.Length; i++)
        {
            var at = DateTimeOffset.Parse(days[i] + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
            card = FsrsScheduler.Default.Review(card, i == 0 ? FsrsRating.Easy : FsrsRating.Good, at).Card;
            card.Stability.Should().Be(expected[i], days[i]);
        }

        card.Due.Should().Be(DateTimeOffset.Parse("2103-01-14T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    }

    // A zone with US-style daylight saving (UTC−5, UTC−4 from the second Sunday of March to the first Sunday of
    // November, changes at 02:00), made here so that the test needs no time-zone database.
    private static readonly TimeZoneInfo Eastern = TimeZoneInfo.CreateCustomTimeZone("test-eastern", TimeSpan.FromHours(-5), "test-eastern", "EST", "EDT",
    [
        TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 2, DayOfWeek.Sunday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 11, 1, DayOfWeek.Sunday)),
    ]);

    [Fact]
    public void LearnerDay_InTheRepeatedHour_NeverCountsBackwards()
    {
        // Day start 01:30 on 3 November 2024: 01:31 EDT, then 01:29 EST 58 minutes later (the clock went back at 02:00).
        var scheduler = new FsrsScheduler(FsrsParameters.Default with { TimeZone = Eastern, DayStart = TimeSpan.FromMinutes(90) });
        var first = new DateTimeOffset(2024, 11, 3, 1, 31, 0, TimeSpan.FromHours(-4));
        var second = new DateTimeOffset(2024, 11, 3, 1, 29, 0, TimeSpan.FromHours(-5));
        scheduler.DaysBetween(first, second).Should().Be(0);
        var card = scheduler.Review(FsrsCard.New(first), FsrsRating.Good, first).Card;
        scheduler.Review(card, FsrsRating.Good, second).ElapsedDays.Should().Be(0);
    }

    [Theory]
    [InlineData("2024-11-03T00:30:00-04:00", "2024-11-04T00:30:00-05:00")] // a 25-hour day: the next day, same clock time
    [InlineData("2024-03-10T00:30:00-05:00", "2024-03-11T00:30:00-04:00")] // a 23-hour day
    [InlineData("2024-03-09T02:30:00-05:00", "2024-03-10T03:30:00-04:00")] // 02:30 does not exist on 10 March: 03:30
    [InlineData("2024-11-02T01:30:00-04:00", "2024-11-03T01:30:00-04:00")] // 01:30 happens twice on 3 November: the first
    public void DayIntervals_InTheLearnersZone_FallDueOnTheLearnersNextDay(string reviewed, string due)
    {
        var scheduler = new FsrsScheduler(FsrsParameters.Default with { TimeZone = Eastern, LearningSteps = [] });
        var at = DateTimeOffset.Parse(reviewed, System.Globalization.CultureInfo.InvariantCulture);
        var review = scheduler.Review(FsrsCard.New(at), FsrsRating.Again, at);
        review.Card.ScheduledDays.Should().Be(1);
        review.Card.Due.Should().Be(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture));
        review.Card.Due.Offset.Should().Be(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture).Offset);
        scheduler.DaysBetween(at, review.Card.Due).Should().Be(1);
    }

    public static TheoryData<FsrsCard, string> BadCards()
    {
        var at = new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var review = new FsrsCard(FsrsState.Review, 10, 5, at.AddDays(10), at, 3, 0, 0, 10);
        return new()
        {
            { review with { Difficulty = 0 }, "a reviewed card needs a finite stability of at least 0.001 days and a difficulty of at least 1 (ts-fsrs's \"Invalid memory state\"); got S = 10, D = 0" },
            { review with { Difficulty = double.NaN }, "a reviewed card needs a finite stability of at least 0.001 days and a difficulty of at least 1 (ts-fsrs's \"Invalid memory state\"); got S = 10, D = NaN" },
            { review with { Stability = double.PositiveInfinity }, "a reviewed card needs a finite stability of at least 0.001 days and a difficulty of at least 1 (ts-fsrs's \"Invalid memory state\"); got S = Infinity, D = 5" },
            { review with { Stability = 0.0009 }, "a reviewed card needs a finite stability of at least 0.001 days and a difficulty of at least 1 (ts-fsrs's \"Invalid memory state\"); got S = 0.0009, D = 5" },
            { review with { State = (FsrsState)7 }, "its state 7 is not New, Learning, Review or Relearning" },
            { review with { State = FsrsState.Learning, LearningStep = -1 }, "its learning step is -1, below 0" },
            // New and Relearning are defined states: the first and last, a card in them is refused for its other fault.
            { FsrsCard.New(at) with { LearningStep = -1 }, "its learning step is -1, below 0" },
            { review with { State = FsrsState.Relearning, LearningStep = -1 }, "its learning step is -1, below 0" },
            { review with { State = FsrsState.Relearning, Reps = int.MaxValue }, "its review or lapse count is at int.MaxValue" },
            { review with { Reps = int.MaxValue }, "its review or lapse count is at int.MaxValue" },
            { review with { Lapses = int.MaxValue }, "its review or lapse count is at int.MaxValue" },
        };
    }

    [Theory]
    [MemberData(nameof(BadCards))]
    public void Review_OfACardNoSchedulerMakes_IsRefusedWithItsReason(FsrsCard card, string problem)
    {
        var copy = card;
        FluentActions.Invoking(() => FsrsScheduler.Default.Review(card, FsrsRating.Good, card.Due)).Should().Throw<ArgumentException>()
            .WithParameterName(nameof(card)).WithMessage($"The card cannot be reviewed: {problem}.*");
        card.Should().Be(copy, "nothing is changed");
    }

    [Theory]
    [InlineData(0, 0, 20)] // 20 seconds: rounded to 0 minutes, due at once, still learning
    [InlineData(0, 1439, 30)] // 1,439.5 minutes: a learning step due the next day
    [InlineData(36_501, 0, 0)]
    public void Steps_NotWholeMinutesFromOneMinuteTo36500Days_AreRefused(int days, int minutes, int seconds)
    {
        var step = new TimeSpan(days, 0, minutes, seconds);
        FluentActions.Invoking(() => new FsrsScheduler(FsrsParameters.Default with { LearningSteps = [TimeSpan.FromMinutes(1), step] })).Should().Throw<ArgumentException>()
            .WithMessage($"*every learning step must be a whole number of minutes from 1 minute to 36,500 days; got {step}*");
        FluentActions.Invoking(() => new FsrsScheduler(FsrsParameters.Default with { RelearningSteps = [step] })).Should().Throw<ArgumentException>()
            .WithMessage("*every relearning step must be*");
    }

    [Fact]
    public void Review_WhoseNextDueDateIsPast9999_IsRefusedClearly()
    {
        var at = new DateTimeOffset(9999, 12, 30, 0, 0, 0, TimeSpan.Zero);
        var card = new FsrsCard(FsrsState.Review, 100, 5, at, at.AddDays(-100), 3, 0, 0, 100);
        FluentActions.Invoking(() => FsrsScheduler.Default.Review(card, FsrsRating.Easy, at)).Should().Throw<ArgumentOutOfRangeException>()
            .WithParameterName("now").WithMessage("The next review would fall after 9999-12-31*");
        var zoned = new FsrsScheduler(FsrsParameters.Default with { TimeZone = Eastern });
        FluentActions.Invoking(() => zoned.Review(card, FsrsRating.Easy, at)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("now");
        new FsrsScheduler(FsrsParameters.Default with { DayStart = TimeSpan.FromHours(4) }).DaysBetween(DateTimeOffset.MinValue, DateTimeOffset.MinValue.AddHours(5)).Should().Be(1);
    }
}
