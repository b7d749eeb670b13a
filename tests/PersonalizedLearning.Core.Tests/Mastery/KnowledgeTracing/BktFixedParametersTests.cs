using PersonalizedLearning.Mastery.KnowledgeTracing;

namespace PersonalizedLearning.Tests.Mastery.KnowledgeTracing;

public sealed class BktFixedParametersTests
{
    private const string What = "fixed BKT parameters";
    private const string Rule = "a fixed value must be null or a probability in [0, 1]; got ";
    private static readonly BktFixedParameters Original = new() { Prior = 0.4, Guess = 0.25 };

    [Theory]
    [InlineData(-0.1, "-0.1")]
    [InlineData(1.5, "1.5")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void EveryValue_NotAProbability_IsRefusedAsSet(double value, string shown)
    {
        OptionChecks.RefusedAsSet(Original, () => new BktFixedParameters { Prior = value }, o => o with { Prior = value }, "Prior", What, Rule + shown);
        OptionChecks.RefusedAsSet(Original, () => new BktFixedParameters { Learn = value }, o => o with { Learn = value }, "Learn", What, Rule + shown);
        OptionChecks.RefusedAsSet(Original, () => new BktFixedParameters { Forget = value }, o => o with { Forget = value }, "Forget", What, Rule + shown);
        OptionChecks.RefusedAsSet(Original, () => new BktFixedParameters { Guess = value }, o => o with { Guess = value }, "Guess", What, Rule + shown);
        OptionChecks.RefusedAsSet(Original, () => new BktFixedParameters { Slip = value }, o => o with { Slip = value }, "Slip", What, Rule + shown);
    }

    [Fact]
    public void EndsAndNull_AreAccepted()
    {
        var values = new BktFixedParameters { Prior = 0, Learn = 1, Forget = null, Guess = 0, Slip = 0.999 };
        (values.Prior, values.Learn, values.Forget, values.Guess, values.Slip).Should().Be((0.0, 1.0, (double?)null, 0.0, 0.999));
        new BktFixedParameters { Slip = 1 }.Slip.Should().Be(1, "a slip alone may be 1: the guess is estimated");
        new BktFixedParameters { Guess = 1 }.Guess.Should().Be(1);
        (Original with { Guess = null }).Guess.Should().BeNull();
        (new BktFixedParameters { Guess = 0.9, Slip = 0.05 } with { Guess = null, Slip = 0.9 }).Should().Be(new BktFixedParameters { Slip = 0.9 },
            "a with expression that clears the guess first may then set a large slip");
    }

    [Theory]
    [InlineData(0.9, 0.9)]
    [InlineData(0.5, 0.5)]
    [InlineData(1, 0)]
    public void GuessAndSlip_AddingToOneOrMore_AreRefusedByWhicheverIsSetSecond(double guess, double slip)
    {
        // As BktParameters refuses G + S ≥ 1 (identifiability: a correct answer must be more likely when the competency is known).
        FluentActions.Invoking(() => new BktParameters(0.5, 0.1, guess, slip)).Should().ThrowExactly<ArgumentOutOfRangeException>();
        var g = guess.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var s = slip.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        const string Why = "guess + slip must be less than 1, so that knowing the competency makes a correct answer more likely; got ";

        // Slip set second (in the initializer, and on a copy whose guess is fixed): Slip throws.
        var withGuess = new BktFixedParameters { Prior = 0.4, Guess = guess };
        OptionChecks.RefusedAsSet(withGuess, () => new BktFixedParameters { Prior = 0.4, Guess = guess, Slip = slip }, o => o with { Slip = slip }, "Slip", What,
            $"with the guess fixed at {g}, {Why}{s}");

        // Guess set second: Guess throws.
        var withSlip = new BktFixedParameters { Prior = 0.4, Slip = slip };
        OptionChecks.RefusedAsSet(withSlip, () => new BktFixedParameters { Slip = slip, Guess = guess }, o => o with { Guess = guess }, "Guess", What,
            $"with the slip fixed at {s}, {Why}{g}");
    }

    [Fact]
    public void GuessAndSlip_JustBelowOne_AreAccepted_InEitherOrder()
    {
        var below = Math.BitDecrement(1 - 0.25);
        new BktFixedParameters { Guess = 0.25, Slip = below }.Slip.Should().Be(below);
        new BktFixedParameters { Slip = below, Guess = 0.25 }.Guess.Should().Be(0.25);
        _ = new BktParameters(0.5, 0.1, 0.25, below);
    }
}
