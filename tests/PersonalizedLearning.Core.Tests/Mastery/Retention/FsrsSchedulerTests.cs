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

    internal static ImmutableSortedDictionary<PersonalizedLearning.Competencies.CompetencyId, FsrsCard> Empty => ImmutableSortedDictionary<PersonalizedLearning.Competencies.CompetencyId, FsrsCard>.Empty;
}
