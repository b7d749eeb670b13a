using System.Collections.Immutable;
using CsCheck;
using PersonalizedLearning.Mastery.Retention;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Mastery.Retention;

public sealed class FsrsSchedulerTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly FsrsScheduler Scheduler = FsrsScheduler.Default;

    [Fact]
    public void ForgettingCurve_IsNinetyPercentAtOneStability_WorkedByHand()
    {
        // F = 0.9^(−1/0.1542) − 1 = 0.98040…; R(S, S) = (1 + F)^(−0.1542) = 0.9.
        Scheduler.Factor.Should().BeApproximately(Math.Pow(0.9, -1 / 0.1542) - 1, 1e-8);
        Scheduler.Retrievability(7, 7).Should().BeApproximately(0.9, 1e-8);
        Scheduler.Retrievability(0, 7).Should().Be(1);
        Scheduler.IntervalModifier.Should().BeApproximately(1, 1e-8, "at the default retention of 0.9 the interval is the stability");
        Scheduler.NextInterval(2.3065).Should().Be(2);
        Scheduler.NextInterval(0.2).Should().Be(1, "an interval is at least a day");
    }

    [Fact]
    public void FirstReview_Good_WorkedByHand()
    {
        // S0(Good) = w2 = 2.3065; D0(Good) = w4 − e^(2·w5) + 1 = 6.4133 − e^1.6668 + 1 = 2.11810397.
        var review = Scheduler.Review(FsrsCard.New(T0), FsrsRating.Good, T0);
        review.Card.Stability.Should().Be(2.3065);
        review.Card.Difficulty.Should().BeApproximately(6.4133 - Math.Exp(1.6668) + 1, 1e-8);
        review.Card.State.Should().Be(FsrsState.Learning);
        review.Interval.Should().Be(TimeSpan.FromMinutes(10), "Good moves to the second learning step");
        review.RetrievabilityBefore.Should().BeNull();
    }

    [Theory]
    // The four cases of issue 14, each from a new card at 2024-01-01 with default options, and what ts-fsrs 5.4.2
    // gives: a learning card reviewed on a later calendar day takes the long-term formula; the step index stays where
    // Again put it; a Review card seen again the same day takes the same-day formula; the same-day increase is floored
    // at 1 for Hard as for Good and Easy.
    [InlineData(3, 11, 0, 3, 24 * 60 + 9 * 60, "Review", 7.31530068, 0, 7)]
    [InlineData(1, 9, 0, 3, 9 * 60 + 1, "Learning", double.NaN, 1, 0)]
    [InlineData(4, 9, 0, 4, 10 * 60, "Review", 13.04606469, 0, 13)]
    [InlineData(2, 9, 0, 2, 9 * 60 + 6, "Learning", 1.2931, 0, 0)]
    public void SecondReview_AsTsFsrs542(int first, int hour, int minute, int second, int minutesAfterMidnight, string state, double stability, int step, int days)
    {
        var day = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var at = day.AddHours(hour).AddMinutes(minute);
        var card = Scheduler.Review(FsrsCard.New(at), (FsrsRating)first, at).Card;
        var review = Scheduler.Review(card, (FsrsRating)second, day.AddMinutes(minutesAfterMidnight));
        review.Card.State.ToString().Should().Be(state);
        if (!double.IsNaN(stability))
        {
            review.Card.Stability.Should().BeApproximately(stability, 1e-8);
        }

        review.Card.LearningStep.Should().Be(step);
        review.Card.ScheduledDays.Should().Be(days);
        if (first == 1)
        {
            review.Card.Due.Should().Be(day.AddHours(9).AddMinutes(11), "the second learning step (10 minutes) from 09:01");
        }
    }

    [Fact]
    public void Property_RetrievabilityFallsWithTime_AndASuccessfulReviewRaisesIt()
    {
        Gen.Select(Gen.Double[0.1, 500], Gen.Double[0, 400], Gen.Double[0, 400]).Sample((s, t1, t2) =>
        {
            var (a, b) = (Math.Min(t1, t2), Math.Max(t1, t2));
            var ra = Scheduler.Retrievability(a, s);
            var rb = Scheduler.Retrievability(b, s);
            ra.Should().BeInRange(0, 1);
            rb.Should().BeLessThanOrEqualTo(ra);
        });

        Gen.Select(Gen.Int[1, 60], Gen.Int[2, 4], Gen.Int[1, 200]).Sample((days, rating, later) =>
        {
            var card = Scheduler.Review(Scheduler.Review(FsrsCard.New(T0), FsrsRating.Easy, T0).Card, FsrsRating.Good, T0.AddDays(8)).Card;
            var reviewAt = T0.AddDays(8 + days);
            var after = Scheduler.Review(card, (FsrsRating)rating, reviewAt).Card;
            after.Stability.Should().BeGreaterThanOrEqualTo(card.Stability, "recalling after a delay strengthens memory");
            Scheduler.Retrievability(after, reviewAt.AddDays(later))!.Value
                .Should().BeGreaterThanOrEqualTo(Scheduler.Retrievability(card, reviewAt.AddDays(later))!.Value);
            after.Difficulty.Should().BeInRange(1, 10);
        });
    }

    [Fact]
    public void BadInput_IsRejected()
    {
        var card = Scheduler.Review(FsrsCard.New(T0), FsrsRating.Good, T0).Card;
        FluentActions.Invoking(() => Scheduler.Review(card, (FsrsRating)5, T0)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("A rating must be Again (1), Hard (2), Good (3) or Easy (4); got 5.*");
        FluentActions.Invoking(() => Scheduler.Review(card, FsrsRating.Good, T0.AddMinutes(-1))).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*cannot come before*");
        FluentActions.Invoking(() => Scheduler.Retrievability(-1, 3)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("Elapsed time must be a finite number of days, at least 0; got -1.*");
        FluentActions.Invoking(() => Scheduler.Retrievability(1, 0)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("stability");
        // Each parameter is checked as it is set: the first bad one throws.
        FluentActions.Invoking(() => new FsrsScheduler(FsrsParameters.Default with { Weights = [1, 2, 3], DesiredRetention = 1.2, MaximumInterval = 0 }))
            .Should().ThrowExactly<ArgumentOutOfRangeException>().WithMessage(
                "The FSRS parameters are not valid: Weights: FSRS-6 needs 21 weights; got 3. (Parameter 'Weights')");
    }

    [Theory]
    [InlineData(0.0, false, FsrsRating.Again)]
    [InlineData(1.0, false, FsrsRating.Good)]
    [InlineData(1.0, true, FsrsRating.Easy)]
    public void RatingRule_RightOrWrong(double score, bool correctIsEasy, FsrsRating expected)
        => new FsrsRatingRule(correctIsEasy: correctIsEasy).Rate(EvidenceOutcome.FromCorrect(score == 1)).Should().Be(expected);

    [Theory]
    [InlineData(0.49, FsrsRating.Again)]
    [InlineData(0.55, FsrsRating.Again)] // fails at the library's passing score, 0.6
    [InlineData(0.6, FsrsRating.Hard)]
    [InlineData(0.7, FsrsRating.Good)]
    [InlineData(0.9, FsrsRating.Easy)]
    [InlineData(1.0, FsrsRating.Easy)]
    public void RatingRule_Scores(double score, FsrsRating expected)
        => FsrsRatingRule.Default.Rate(EvidenceOutcome.FromScore(score)).Should().Be(expected);

    [Fact]
    public void RatingRule_ThresholdsOutOfOrder_Throws()
        => FluentActions.Invoking(() => new FsrsRatingRule(0.8, 0.7)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("The rating thresholds must satisfy 0 < passing ≤ good ≤ easy ≤ 1; got passing 0.8, good 0.7, easy 0.9.*");

    [Fact]
    public void Retrievability_NonPositiveStability_IsRefusedNamingTheRule()
    {
        var thrown = FluentActions.Invoking(() => Scheduler.Retrievability(1, 0)).Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        thrown.ParamName.Should().Be("stability");
        thrown.Message.Should().StartWith("Stability must be a finite number of days greater than 0; got 0. (Parameter 'stability')");
        thrown.ActualValue.Should().Be(0.0);
    }

    [Fact]
    public void Retrievability_OfACard_AtItsLastReviewIsOne_AndBeforeItIsRefused()
    {
        var card = Scheduler.Review(FsrsCard.New(T0), FsrsRating.Easy, T0).Card;
        Scheduler.Retrievability(card, T0).Should().Be(1, "no time has passed since the last review");

        var thrown = FluentActions.Invoking(() => Scheduler.Retrievability(card, T0.AddMinutes(-1))).Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        thrown.ParamName.Should().Be("asOf");
        thrown.Message.Should().StartWith("The moment cannot come before the card's last review (2024-01-01T09:00:00.0000000+00:00); got 2024-01-01T08:59:00.0000000+00:00. (Parameter 'asOf')");
        card.LastReview.Should().Be(T0, "nothing is changed");
    }

    [Fact]
    public void Retrievability_OfACard_CountsWhole24HourPeriodsExactly_EvenDecadesLater()
    {
        // 21,915 days less one tick are 21,914 whole periods. As a double, those 1.89e16 ticks round up to a whole
        // 21,915 days (doubles are 4 ticks apart there), which TimeSpan.TotalDays used to report; ts-fsrs counts
        // Math.floor of the milliseconds. R(21914, 100) = (1 + 0.98034649·21914/100)^−0.1542 = 0.43659523, where
        // R(21915, 100) = 0.43659217.
        var last = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var card = new FsrsCard(FsrsState.Review, 100, 5, last.AddDays(100), last, 3, 0, 0, 100);
        var asOf = last.AddDays(21_915).AddTicks(-1);
        Scheduler.Retrievability(card, asOf).Should().Be(0.43659523);
        Scheduler.Retrievability(card, last.AddDays(21_915)).Should().Be(0.43659217);
        Scheduler.Review(card, FsrsRating.Good, asOf).RetrievabilityBefore.Should().Be(0.43659523, "the review reports the same R");
    }

    [Fact]
    public void DaysBetween_InTheLearnersDay_ABackwardSpanIsRefusedNamingBothMoments()
    {
        var learner = new FsrsScheduler(FsrsParameters.Default with { DayStart = TimeSpan.FromHours(4) });
        var thrown = FluentActions.Invoking(() => learner.DaysBetween(T0, T0.AddTicks(-1))).Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        thrown.ParamName.Should().Be("to");
        thrown.Message.Should().StartWith("A review cannot come before the previous one (2024-01-01T09:00:00.0000000+00:00); got 2024-01-01T08:59:59.9999999+00:00. (Parameter 'to')");
    }

    [Fact]
    public void Review_DueAtTheLastMomentADateTimeOffsetHolds_IsTaken_AndOneTickLaterIsRefused()
    {
        // Again on a new card: the first learning step, 1 minute.
        var lastMinute = DateTimeOffset.MaxValue.AddMinutes(-1);
        Scheduler.Review(FsrsCard.New(lastMinute), FsrsRating.Again, lastMinute).Card.Due.Should().Be(DateTimeOffset.MaxValue);
        var later = lastMinute.AddTicks(1);
        FluentActions.Invoking(() => Scheduler.Review(FsrsCard.New(later), FsrsRating.Again, later)).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .WithParameterName("now").WithMessage("The next review would fall after 9999-12-31, the last date a DateTimeOffset holds; reviewed at 9999-12-31T23:59:00.0000000+00:00.*");
    }

    [Fact]
    public void Review_InTheLearnersDay_DueAtTheLastLocalDayKept_IsTaken_AndOneTickLaterIsRefused()
    {
        // With the learner's own day (here a day start of 04:00), days are added to the local clock, which keeps a day
        // in hand below DateTime.MaxValue for the zone's offset: the last due time is 9999-12-30T23:59:59.9999999 local,
        // as Review documents.
        // Again on a new card without learning steps: w0 = 0.212 days, an interval of 1 day.
        var learner = new FsrsScheduler(FsrsParameters.Default with { DayStart = TimeSpan.FromHours(4), LearningSteps = [] });
        var now = new DateTimeOffset(9999, 12, 29, 23, 59, 59, TimeSpan.Zero).AddTicks(TimeSpan.TicksPerSecond - 1);
        learner.Review(FsrsCard.New(now), FsrsRating.Again, now).Card.Due.Should().Be(now.AddDays(1));
        var later = now.AddTicks(1);
        FluentActions.Invoking(() => learner.Review(FsrsCard.New(later), FsrsRating.Again, later)).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .WithParameterName("now").WithMessage("The next review would fall after 9999-12-30 in the learner's time, the last day a learner's own day can schedule; reviewed at 9999-12-30T00:00:00.0000000+00:00.*");
    }

    [Fact]
    public void Review_ALearningCardPastTheLastStep_Graduates_EvenOnAgain()
    {
        // A card left on step 1 by the default steps (1 min, 10 min), reviewed under a single step: no step is left for
        // it (ts-fsrs's learning-steps strategy gives none once the step index reaches the number of steps), so it
        // graduates to days. Same day, Again: S = 2.3065·2.3065^−0.0658·e^(0.5425·(1 − 3 + 0.0912)) = 0.77508398, 1 day.
        var onStepOne = Scheduler.Review(FsrsCard.New(T0), FsrsRating.Good, T0).Card;
        onStepOne.LearningStep.Should().Be(1);
        var oneStep = new FsrsScheduler(FsrsParameters.Default with { LearningSteps = [TimeSpan.FromMinutes(1)] });
        var review = oneStep.Review(onStepOne, FsrsRating.Again, T0.AddMinutes(10));
        review.Card.State.Should().Be(FsrsState.Review);
        review.Card.LearningStep.Should().Be(0);
        review.Card.Stability.Should().Be(0.77508398);
        review.Card.ScheduledDays.Should().Be(1);
        review.Card.Due.Should().Be(T0.AddMinutes(10).AddDays(1));
    }

    [Fact]
    public void Review_ALapseLongOverdue_IsCappedAtStabilityOverEToTheW17W18()
    {
        // Short-term memory caps a lapse at S / e^(w17·w18). S = 0.1, D = 5, 100 days overdue: R = 0.34566944, the
        // forget stability 1.4835·5^−0.0614·(1.1^0.2629 − 1)·e^(1.6483·(1 − R)) = 0.10026608, above the cap
        // 0.1 / e^(0.5425·0.0912) = 0.0951728, which is taken.
        var card = new FsrsCard(FsrsState.Review, 0.1, 5, T0.AddDays(1), T0, 3, 0, 0, 1);
        var review = Scheduler.Review(card, FsrsRating.Again, T0.AddDays(100));
        review.RetrievabilityBefore.Should().Be(0.34566944);
        review.Card.Stability.Should().Be(0.0951728);
        review.Card.State.Should().Be(FsrsState.Relearning);
        review.Card.Lapses.Should().Be(1);
    }

    internal static ImmutableSortedDictionary<PersonalizedLearning.Competencies.CompetencyId, FsrsCard> Empty => ImmutableSortedDictionary<PersonalizedLearning.Competencies.CompetencyId, FsrsCard>.Empty;
}
