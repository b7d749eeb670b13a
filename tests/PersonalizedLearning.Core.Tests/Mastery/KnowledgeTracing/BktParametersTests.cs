using CsCheck;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Mastery.KnowledgeTracing;

public sealed class BktParametersTests(ITestOutputHelper output)
{
    private static readonly BktParameters Truth = new(prior: 0.3, learn: 0.15, guess: 0.2, slip: 0.1);

    [Theory]
    [InlineData(0.5, 0.1, 0.25, 1e-6, 0, "P(L0) = 0.5, T = 0.1, F = 0, G = 0.25, S = 1E-06")]
    [InlineData(0.3, 0.15, 0.2, 0.1, 0.05, "P(L0) = 0.3, T = 0.15, F = 0.05, G = 0.2, S = 0.1")]
    [InlineData(1e-12, 0.12345678, 1 - 1e-9, 2.5e-10, 0.0001, "P(L0) = 1E-12, T = 0.1235, F = 0.0001, G = 1 − 1E-09, S = 2.5E-10")]
    [InlineData(1, 1 - 1e-6, 0, 0.5, 0, "P(L0) = 1, T = 1 − 1E-06, F = 0, G = 0, S = 0.5")]
    public void ToString_ShowsExtremeValuesInsteadOfRoundingThemTo0Or1(double prior, double learn, double guess, double slip, double forget, string expected)
        => new BktParameters(prior, learn, guess, slip, forget).ToString().Should().Be(expected);

    [Fact]
    public void PredictConditionTransition_WorkedByHand()
    {
        // P(correct) = 0.3·0.9 + 0.7·0.2 = 0.41.
        Truth.PredictCorrect(0.3).Should().BeApproximately(0.41, 1e-15);

        var prior = Truth.InitialBelief;
        Truth.PredictCorrect(prior).Should().BeApproximately(0.41, 1e-15);

        // P(incorrect) = 0.3·0.1 + 0.7·0.8 = 0.59, computed directly.
        Truth.PredictIncorrect(prior).Should().BeApproximately(0.59, 1e-15);

        // Correct: P(L | correct) = 0.27 / 0.41 = 27/41; then + (14/41)·0.15 → 29.1/41; P(¬L) = (14/41)·0.85 = 11.9/41.
        Truth.Condition(prior, correct: true).Known.Should().BeApproximately(27.0 / 41, 1e-15);
        Truth.Condition(prior, correct: true).Unknown.Should().BeApproximately(14.0 / 41, 1e-15);
        Truth.Next(prior, correct: true).Known.Should().BeApproximately(29.1 / 41, 1e-15);
        Truth.Next(prior, correct: true).Unknown.Should().BeApproximately(11.9 / 41, 1e-15);

        // Wrong: P(L | wrong) = 0.03 / 0.59 = 3/59; then + (56/59)·0.15 → 11.4/59.
        Truth.Condition(prior, correct: false).Known.Should().BeApproximately(3.0 / 59, 1e-15);
        Truth.Next(prior, correct: false).Known.Should().BeApproximately(11.4 / 59, 1e-15);
        Truth.Transition(Truth.Condition(prior, correct: false)).Should().Be(Truth.Next(prior, correct: false));

        // With forgetting 0.05: (27/41)·0.95 + (14/41)·0.15 = 27.75/41, and P(¬L) = (14/41)·0.85 + (27/41)·0.05 = 13.25/41.
        var forgetting = new BktParameters(0.3, 0.15, 0.2, 0.1, forget: 0.05);
        forgetting.Next(prior, correct: true).Known.Should().BeApproximately(27.75 / 41, 1e-15);
        forgetting.Next(prior, correct: true).Unknown.Should().BeApproximately(13.25 / 41, 1e-15);
    }

    [Fact]
    public void Condition_OnAnAnswerTheParametersCallImpossible_LeavesTheEstimate()
    {
        // Known for sure and no slips: a wrong answer has probability 0.
        var p = new BktParameters(1, 0, 0.2, 0);
        p.Condition(BktBelief.FromKnown(1), correct: false).Should().Be(BktBelief.FromKnown(1));
        p.Next(BktBelief.FromKnown(1), correct: false).Known.Should().Be(1);
    }

    [Theory]
    [InlineData(double.NaN, 0.1, 0.2, 0.1, 0.0, "prior", "prior: P(L0) must be a probability in [0, 1]; got NaN.")]
    [InlineData(1.5, 0.1, 0.2, 0.1, 0.0, "prior", "prior: P(L0) must be a probability in [0, 1]; got 1.5.")]
    [InlineData(0.3, -0.1, 0.2, 0.1, 0.0, "learn", "learn: the learn rate T must be a probability in [0, 1]; got -0.1.")]
    [InlineData(0.3, 0.1, double.PositiveInfinity, 0.1, 0.0, "guess", "guess: the guess rate G must be a probability in [0, 1]; got Infinity.")]
    [InlineData(0.3, 0.1, 0.2, 2.0, 0.0, "slip", "slip: the slip rate S must be a probability in [0, 1]; got 2.")]
    [InlineData(0.3, 0.1, 0.2, 0.1, -1.0, "forget", "forget: the forget rate F must be a probability in [0, 1]; got -1.")]
    [InlineData(0.3, 0.1, 0.6, 0.4, 0.0, "slip", "slip: guess + slip must be less than 1, so that knowing the competency makes a correct answer more likely; got G = 0.6, S = 0.4 (sum 1).")]
    public void Constructor_BadValue_ThrowsNamingTheRuleAndValue(double prior, double learn, double guess, double slip, double forget, string parameter, string message)
    {
        var act = () => new BktParameters(prior, learn, guess, slip, forget);
        act.Should().ThrowExactly<ArgumentOutOfRangeException>().Where(e => e.ParamName == parameter)
            .Which.Message.Should().Be($"The BKT parameters are not valid: {message} (Parameter '{parameter}')");
    }

    [Fact]
    public void Constructor_SeveralBadValues_AreReportedTogether_FirstParameterNamed()
    {
        var act = () => new BktParameters(0.3, 1.5, 0.7, 0.5, double.NaN);
        var thrown = act.Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        thrown.ParamName.Should().Be("learn");
        thrown.Message.Should().Be("The BKT parameters are not valid: learn: the learn rate T must be a probability in [0, 1]; got 1.5. "
            + "forget: the forget rate F must be a probability in [0, 1]; got NaN. "
            + "slip: guess + slip must be less than 1, so that knowing the competency makes a correct answer more likely; got G = 0.7, S = 0.5 (sum 1.2). (Parameter 'learn')");
        FluentActions.Invoking(() => BktParameters.FromEstimates(-1, 0.1, 0.7, 2)).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .WithMessage("The BKT parameters are not valid: prior: P(L0) must be a probability in [0, 1]; got -1. slip: the slip rate S must be a probability in [0, 1]; got 2. (Parameter 'prior')");
    }

    [Fact]
    public void FromEstimates_AcceptsDegenerateButNotOutOfRange()
    {
        var degenerate = BktParameters.FromEstimates(0.003, 0.48, 0.17, 1.0);
        degenerate.IsDegenerate.Should().BeTrue();
        Truth.IsDegenerate.Should().BeFalse();
        FluentActions.Invoking(() => BktParameters.FromEstimates(0.3, 0.1, 0.2, 1.01)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("slip");
    }

    [Fact]
    public void Property_ProbabilitiesStayIn01_AndACorrectAnswerNeverLowersPKnown()
    {
        var probability = Gen.Double[0, 1];
        var reach = new BranchReach(output).Floor(NearBound, 0.3).Floor("G = 0", 0.1).Floor("S = 0", 0.1).Floor("G ≥ 0.5", 0.1).Floor("S ≥ 0.5", 0.1);
        Gen.Select(probability, probability, GuessSlip, Gen.Double[0, 1], probability)
            .Sample((prior, learn, gs, known, forget) =>
            {
                var (guess, slip) = gs;
                using var scope = reach.Case();
                Count(scope, guess, slip);
                var p = new BktParameters(prior, learn, guess, slip, forget);
                var belief = BktBelief.FromKnown(known);
                var pc = p.PredictCorrect(belief);
                pc.Should().BeInRange(0, 1);
                (pc + p.PredictIncorrect(belief)).Should().BeApproximately(1, 1e-15);
                pc.Should().BeApproximately(p.PredictCorrect(known), 1e-15);
                var right = p.Condition(belief, true);
                var wrong = p.Condition(belief, false);
                right.Known.Should().BeInRange(0, 1);
                wrong.Known.Should().BeInRange(0, 1);
                (right.Known + right.Unknown).Should().BeApproximately(1, 1e-15);
                right.Known.Should().BeGreaterThanOrEqualTo(known - 1e-12, "G + S < 1 makes a correct answer evidence of knowing");
                wrong.Known.Should().BeLessThanOrEqualTo(known + 1e-12);
                var next = p.Next(belief, true);
                next.Known.Should().BeInRange(0, 1);
                (next.Known + next.Unknown).Should().BeApproximately(1, 1e-15);
            }, iter: PropertyRuns.Iter(1000));
        reach.Check();
    }

    private const string NearBound = "G + S within 1e-4 of 1";

    /// <summary>
    /// Guess and slip anywhere the constructor allows (G + S &lt; 1): two pairs in five within 1e-4 of that bound (one in
    /// six at the last double below 1), and one share in six all guess (S = 0) or all slip (G = 0).
    /// </summary>
    internal static readonly Gen<(double Guess, double Slip)> GuessSlip =
        from sum in Gen.Frequency((3, Gen.Double[0, 1]), (2, Gen.Double[1e-12, 1e-4].Select(e => 1 - e)), (1, Gen.Const(Math.BitDecrement(1.0))))
        from share in Gen.Frequency((4, Gen.Double[0, 1]), (1, Gen.Const(0.0)), (1, Gen.Const(1.0)))
        select Split(sum, share);

    private static (double Guess, double Slip) Split(double sum, double share)
    {
        var guess = Math.Min(sum * share, Math.BitDecrement(1.0));
        var slip = Math.Max(0, sum - guess);
        while (guess + slip >= 1 && slip > 0)
        {
            // Rounding can make the sum 1: step down by the spacing of doubles just below 1 (one ulp of a small slip
            // would take billions of steps).
            slip = Math.Max(0, Math.Min(slip, 1 - guess) - Math.ScaleB(1, -53));
        }

        return (guess, slip);
    }

    private static void Count(BranchReach.CaseScope scope, double guess, double slip)
    {
        scope.Hit(NearBound, guess + slip > 1 - 1e-4);
        scope.Hit("G = 0", guess == 0);
        scope.Hit("S = 0", slip == 0);
        scope.Hit("G ≥ 0.5", guess >= 0.5);
        scope.Hit("S ≥ 0.5", slip >= 0.5);
    }
}
