using CsCheck;
using PersonalizedLearning.Mastery.Elo;

namespace PersonalizedLearning.Tests.Mastery.Elo;

/// <summary>EloRating's predictions at the extremes: P(incorrect) computed directly, and σ below −709.</summary>
public sealed class EloRatingTests
{
    // Guess floors from 0 to the largest double below 1, with both ends often.
    private static readonly Gen<double> GuessFloors = Gen.Frequency(
        (6, Gen.Double[0, 0.99999]),
        (1, Gen.Const(0.0)),
        (1, Gen.Const(Math.BitDecrement(1.0))),
        (1, Gen.Const(0.999999)));

    // Expected values from Python's decimal module at 50 digits, with g the exact value of the double literal:
    //   from decimal import Decimal as D, getcontext; getcontext().prec = 50
    //   (1 - D(g)) / (1 + D(x).exp())      for x = θ − d
    // then float(...) for the nearest double.
    [Theory]
    [InlineData(50, 0, 0, 1.9287498479639178e-22)] // 1.92874984796391778301697…e-22
    [InlineData(0, -40, 0.25, 3.1862656914686917e-18)] // 3.18626569146869173296054…e-18
    [InlineData(0, 0, 0.999999, 5.000000000143778e-07)] // (1 − g)/2 = 5.00000000014377832258105…e-7: 1 − g is exact for g ≥ 0.5
    [InlineData(720, 0, 0, 2.0322308024e-313)] // 2.03223080242429315286663…e-313, subnormal
    [InlineData(1000, 0, 0.25, 0.0)] // 0.75·5.07595889754945676…e-435 is below the smallest double
    public void PredictIncorrect_ExtremeGap_MatchesFiftyDigitReference(double skill, double difficulty, double guessFloor, double expected)
    {
        var incorrect = EloRating.PredictIncorrect(skill, difficulty, guessFloor);

        incorrect.Should().BeApproximately(expected, (4e-16 * expected) + double.Epsilon);
        EloRating.PredictCorrect(skill, difficulty, guessFloor).Should().BeApproximately(1 - expected, 1e-15);
    }

    [Fact]
    public void PredictCorrect_GapBelowMinus709_KeepsTheSubnormalValue()
    {
        // σ(−720) = e^−720/(1 + e^−720) = 2.03223080242429315…e-313 (the decimal computation above); 1/(1 + e^720) was 0
        // because e^720 overflows.
        EloRating.PredictCorrect(0, 720).Should().BeApproximately(2.0322308024e-313, double.Epsilon);
        EloRating.PredictCorrect(0, 720, 0.25).Should().Be(0.25);
    }

    [Fact]
    public void PredictIncorrect_ForGapsPast37_IsTheTailOfTheLogistic()
    {
        // For x = θ − d ≥ 37, e^−x < 8.6e-17 is below half an ulp of 1, so (1 − g)/(1 + e^x) = (1 − g)·e^−x·(1 − e^−x + …)
        // equals (1 − g)·e^−x in double precision: an independent reference where 1 − P(correct) gives 0.
        Gen.Select(Gen.Double[37, 745], Gen.Double[-1e6, 1e6], GuessFloors).Sample((x, difficulty, g) =>
        {
            var skill = difficulty + x;
            var gap = skill - difficulty; // the gap as the model sees it, after rounding
            var reference = (1 - g) * Math.Exp(-gap);
            EloRating.PredictIncorrect(skill, difficulty, g).Should().BeApproximately(reference, (1e-15 * reference) + (2 * double.Epsilon));
        });
    }

    [Fact]
    public void Property_AtAnyGap_ProbabilitiesAreInRangeAndSumToOne()
    {
        Gen.Select(Gen.Double[-1e4, 1e4], Gen.Double[-1e4, 1e4], GuessFloors).Sample((skill, difficulty, g) =>
        {
            var correct = EloRating.PredictCorrect(skill, difficulty, g);
            var incorrect = EloRating.PredictIncorrect(skill, difficulty, g);
            correct.Should().BeInRange(g, 1);
            incorrect.Should().BeInRange(0, 1 - g);
            (correct + incorrect).Should().BeApproximately(1, 1e-15);
        });
    }

    [Fact]
    public void Property_AsTheGapGrows_CorrectRisesAndIncorrectFalls()
    {
        Gen.Select(Gen.Double[-1000, 1000], Gen.Double[-1000, 1000], GuessFloors).Sample((a, b, g) =>
        {
            var (low, high) = a <= b ? (a, b) : (b, a);
            EloRating.PredictCorrect(low, 0, g).Should().BeLessThanOrEqualTo(EloRating.PredictCorrect(high, 0, g));
            EloRating.PredictIncorrect(low, 0, g).Should().BeGreaterThanOrEqualTo(EloRating.PredictIncorrect(high, 0, g));
        });
    }

    [Theory]
    [InlineData(709.0)]
    [InlineData(709.782712893384)] // e^x overflows past here
    [InlineData(745.1332191019412)] // e^−x underflows to 0 past here
    public void PredictIncorrect_AcrossEachSwitchAndOverflowPoint_IsMonotone(double edge)
    {
        // Adjacent doubles around the point where the formula switches to e^−x and where exp over- and underflows
        // (P(correct) at gap −x is the same computation).
        var x = edge;
        for (var i = 0; i < 2000; i++)
        {
            x = Math.BitDecrement(x);
        }

        var previous = EloRating.PredictIncorrect(x, 0);
        for (var i = 0; i < 4000; i++)
        {
            x = Math.BitIncrement(x);
            var incorrect = EloRating.PredictIncorrect(x, 0);
            incorrect.Should().BeLessThanOrEqualTo(previous, $"P(incorrect) at gap {x:R}");
            previous = incorrect;
        }

        EloRating.PredictIncorrect(edge - 1, 0).Should().BeGreaterThan(EloRating.PredictIncorrect(edge + 0.5, 0), "the tail keeps falling");
    }

    [Fact]
    public void PredictIncorrect_AtInfiniteGap_IsZeroNotNaN()
    {
        // θ − d overflows to ±∞ for the largest finite ratings.
        EloRating.PredictIncorrect(double.MaxValue, -double.MaxValue, 0.25).Should().Be(0);
        EloRating.PredictCorrect(double.MaxValue, -double.MaxValue, 0.25).Should().Be(1);
        EloRating.PredictIncorrect(-double.MaxValue, double.MaxValue, 0.25).Should().Be(0.75);
        EloRating.PredictCorrect(-double.MaxValue, double.MaxValue, 0.25).Should().Be(0.25);
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    [InlineData(-0.01)]
    public void Constructor_BetaNotFiniteOrNegative_Throws(double beta)
        => FluentActions.Invoking(() => new EloRating(beta: beta)).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .WithMessage("β must be finite and at least 0; got *").Which.ParamName.Should().Be("beta");

    [Fact]
    public void Constructor_BetaZero_IsAConstantStep()
    {
        // β = 0: K(n) = α / (1 + 0·n) = α whatever the count.
        var rating = new EloRating(alpha: 0.5, beta: 0);
        rating.Beta.Should().Be(0);
        rating.K(0).Should().Be(0.5);
        rating.K(100).Should().Be(0.5);
    }
}
