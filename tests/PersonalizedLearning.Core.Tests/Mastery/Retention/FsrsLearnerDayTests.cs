using System.Collections.Immutable;
using CsCheck;
using PersonalizedLearning.Mastery.Retention;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Mastery.Retention;

/// <summary>The two options of issue 14 that ts-fsrs lacks: the learner's day (time zone and day start) and a maximum
/// interval that caps every interval. Their defaults keep ts-fsrs parity (the replay fixture runs with them).</summary>
public sealed class FsrsLearnerDayTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Jan1 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TimeZoneInfo Fixed(TimeSpan offset) => TimeZoneInfo.CreateCustomTimeZone($"fixed {offset}", offset, $"fixed {offset}", $"fixed {offset}");

    [Fact]
    public void LearnerInNewYorkTime_TwoEveningReviews_AreTheSameDay()
    {
        // 18:00 and 20:00 at UTC−5 are 23:00 on 1 January and 01:00 on 2 January in UTC: ts-fsrs (UTC days) sees a day
        // pass and takes the long-term update; the learner's day sees none and takes the same-day one, exactly as two
        // reviews two hours apart within one UTC day do.
        var learner = new FsrsScheduler(FsrsParameters.Default with { TimeZone = Fixed(TimeSpan.FromHours(-5)) });
        var first = learner.Review(FsrsCard.New(Jan1.AddHours(23)), FsrsRating.Good, Jan1.AddHours(23)).Card;
        var second = learner.Review(first, FsrsRating.Good, Jan1.AddHours(25));
        FsrsScheduler.Default.Review(first, FsrsRating.Good, Jan1.AddHours(25)).ElapsedDays.Should().Be(1);

        var utcFirst = FsrsScheduler.Default.Review(FsrsCard.New(Jan1.AddHours(10)), FsrsRating.Good, Jan1.AddHours(10)).Card;
        var sameDay = FsrsScheduler.Default.Review(utcFirst, FsrsRating.Good, Jan1.AddHours(12));
        second.ElapsedDays.Should().Be(0);
        second.Card.Stability.Should().Be(sameDay.Card.Stability);
        second.Card.Difficulty.Should().Be(sameDay.Card.Difficulty);
        second.Card.State.Should().Be(sameDay.Card.State);
        second.Interval.Should().Be(sameDay.Interval);
    }

    [Theory]
    [InlineData(27.5, 0)] // 03:30 on 2 January belongs to 1 January when the day starts at 04:00
    [InlineData(28.5, 1)]
    [InlineData(51.9, 1)]
    [InlineData(52.0, 2)]
    public void DayStart_CountsDaysFromIt(double hoursLater, int days)
    {
        var scheduler = new FsrsScheduler(FsrsParameters.Default with { DayStart = TimeSpan.FromHours(4) });
        scheduler.DaysBetween(Jan1.AddHours(23), Jan1.AddHours(hoursLater)).Should().Be(days);
    }

    [Fact]
    public void LearnerDay_AMomentExactlyAtADayStart_BelongsToTheDayItStarts_BeforeYearOneToo()
    {
        // 0001-01-01T00:00Z is 0000-12-31T19:00 at UTC−5, before year 1 (counted without a DateTime). With the day
        // starting at 19:00 it is the first moment of a learner day: one tick later is the same day, and the moment a
        // whole day later, the next one.
        var learner = new FsrsScheduler(FsrsParameters.Default with { TimeZone = Fixed(TimeSpan.FromHours(-5)), DayStart = TimeSpan.FromHours(19) });
        var dayStart = DateTimeOffset.MinValue;
        learner.DaysBetween(dayStart, dayStart.AddTicks(1)).Should().Be(0);
        learner.DaysBetween(dayStart, dayStart.AddDays(1).AddTicks(-1)).Should().Be(0);
        learner.DaysBetween(dayStart, dayStart.AddDays(1)).Should().Be(1);

        // In year 1 (local clock past 0001-01-01T00:00) the same: 0001-01-02T00:00Z is 0001-01-01T19:00 local.
        var second = dayStart.AddDays(1);
        learner.DaysBetween(second, second.AddTicks(1)).Should().Be(0);
        learner.DaysBetween(second.AddTicks(-1), second).Should().Be(1);
    }

    [Fact]
    public void Property_LearnerDay_IsUtcDayOfTheShiftedClock()
    {
        // In a zone of fixed offset o with days starting at h, every review comes out as the ts-fsrs review of the same
        // history shifted by o − h: the same memory, step, state and interval, the due time shifted back.
        var gaps = Gen.OneOf(Gen.Int[0, 59], Gen.Int[1, 600].Select(m => m * 60), Gen.Int[1, 3000].Select(m => m * 600));
        var reach = FsrsReach.New(output);
        Gen.Select(Gen.Int[-48, 56], Gen.Int[0, 95], TestData.FsrsHistory(gaps, 21), Gen.Int[0, 1439]).Sample((quarters, dayStartQuarters, history, startMinute) =>
        {
            using var scope = reach.Case();
            FsrsReach.CountHistory(scope, history);
            var offset = TimeSpan.FromMinutes(15 * quarters);
            var dayStart = TimeSpan.FromMinutes(15 * dayStartQuarters);
            var learner = new FsrsScheduler(FsrsParameters.Default with { TimeZone = Fixed(offset), DayStart = dayStart });
            var shift = offset - dayStart;
            var at = Jan1.AddMinutes(startMinute);
            FsrsCard ours = FsrsCard.New(at), reference = FsrsCard.New(at + shift);
            foreach (var (rating, gapSeconds) in history)
            {
                at = at.AddSeconds(gapSeconds);
                FsrsReach.CountReview(scope, ours, rating);
                var a = learner.Review(ours, (FsrsRating)rating, at);
                var b = FsrsScheduler.Default.Review(reference, (FsrsRating)rating, at + shift);
                a.ElapsedDays.Should().Be(b.ElapsedDays);
                a.Card.Should().Be(b.Card with { Due = b.Card.Due - shift, LastReview = b.Card.LastReview - shift });
                (ours, reference) = (a.Card, b.Card);
            }
        }, iter: PropertyRuns.Iter(300));
        reach.Check();
    }

    [Fact]
    public void MaximumInterval_ByDefault_OrderingPassesIt_AndCapEveryInterval_HoldsEveryRatingToIt()
    {
        // A memory of 100 days reviewed after 5: each rating's own interval is capped at 5, then Good and Easy are
        // pushed past Hard (ts-fsrs: 5, 6, 7 days). With CapEveryInterval none passes 5.
        var parameters = FsrsParameters.Default with { MaximumInterval = 5 };
        var card = new FsrsCard(FsrsState.Review, 100, 5, Jan1.AddDays(100), Jan1, 3, 0, 0, 100);
        int[] Intervals(FsrsParameters p) => [.. new[] { FsrsRating.Hard, FsrsRating.Good, FsrsRating.Easy }
            .Select(r => new FsrsScheduler(p).Review(card, r, Jan1.AddDays(5)).Card.ScheduledDays)];

        Intervals(parameters).Should().Equal(5, 6, 7);
        Intervals(parameters with { EnableShortTerm = false }).Should().Equal(5, 6, 7);
        Intervals(parameters with { CapEveryInterval = true }).Should().Equal(5, 5, 5);
        Intervals(parameters with { CapEveryInterval = true, EnableShortTerm = false }).Should().Equal(5, 5, 5);
        new FsrsScheduler(parameters with { CapEveryInterval = true }).Review(card, FsrsRating.Easy, Jan1.AddDays(5)).Card.Due.Should().Be(Jan1.AddDays(10));
    }

    [Fact]
    public void CapEveryInterval_CutsADayStepToTheMaximum()
    {
        var parameters = FsrsParameters.Default with { MaximumInterval = 1, LearningSteps = [TimeSpan.FromMinutes(10), TimeSpan.FromDays(3)] };
        var capped = new FsrsScheduler(parameters with { CapEveryInterval = true }).Review(FsrsCard.New(Jan1), FsrsRating.Good, Jan1);
        capped.Card.ScheduledDays.Should().Be(1);
        capped.Interval.Should().Be(TimeSpan.FromDays(1));
        new FsrsScheduler(parameters).Review(FsrsCard.New(Jan1), FsrsRating.Good, Jan1).Card.ScheduledDays.Should().Be(3, "ts-fsrs does not cap steps");
    }

    [Theory]
    [InlineData(-1.0, "the day start must be a time of day in [0, 24 h); got -01:00:00")]
    [InlineData(24.0, "the day start must be a time of day in [0, 24 h); got 1.00:00:00")]
    public void DayStart_OutsideADay_IsRefused(double hours, string problem)
    {
        var original = FsrsParameters.Default with { DayStart = TimeSpan.FromHours(4) };
        FluentActions.Invoking(() => original with { DayStart = TimeSpan.FromHours(hours) }).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .WithMessage($"The FSRS parameters are not valid: DayStart: {problem}. (Parameter 'DayStart')").Which.ParamName.Should().Be("DayStart");
        original.DayStart.Should().Be(TimeSpan.FromHours(4), "a refused with expression leaves the original as it was");
    }

    [Fact]
    public void TimeZone_Null_IsRefused()
    {
        FluentActions.Invoking(() => FsrsParameters.Default with { TimeZone = null! })
            .Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("TimeZone");
        FsrsParameters.Default.TimeZone.Should().Be(TimeZoneInfo.Utc);
    }

    [Fact]
    public void DaysBetween_Backwards_IsRefused()
    {
        var scheduler = new FsrsScheduler(FsrsParameters.Default with { DayStart = TimeSpan.FromHours(4) });
        FluentActions.Invoking(() => scheduler.DaysBetween(Jan1.AddDays(1), Jan1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("to");
    }
}
