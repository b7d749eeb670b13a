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
        var values = new BktFixedParameters { Prior = 0, Learn = 1, Forget = null, Guess = 0, Slip = 1 };
        (values.Prior, values.Learn, values.Forget, values.Guess, values.Slip).Should().Be((0.0, 1.0, (double?)null, 0.0, 1.0));
        (Original with { Guess = null }).Guess.Should().BeNull();
    }
}
