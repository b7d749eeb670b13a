using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Mastery.KnowledgeTracing;

public sealed class BktEfficacyOptionsTests
{
    [Fact]
    public void Default_Is200SamplesAt95PercentSeed42FlaggingBelow10ExpectedMovesOnAllCores()
    {
        var options = BktEfficacyOptions.Default;
        (options.Samples, options.Confidence, options.Seed, options.LowEvidenceBelow, options.MaxDegreeOfParallelism).Should().Be((200, 0.95, 42L, 10.0, -1));
        new BktEfficacyOptions().Should().Be(options);
    }

    private const string What = "activity-efficacy options";
    private static readonly BktEfficacyOptions Original = new() { Samples = 50, Confidence = 0.9, Seed = 7 };

    [Fact]
    public void Samples_BelowTwenty_IsRefusedAsSet()
        => OptionChecks.RefusedAsSet(Original, () => new BktEfficacyOptions { Samples = 19 }, o => o with { Samples = 19 }, "Samples", What, "the number of bootstrap samples must be at least 20; got 19");

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Confidence_OutsideZeroToOne_IsRefusedAsSet(double confidence, string shown)
        => OptionChecks.RefusedAsSet(Original, () => new BktEfficacyOptions { Confidence = confidence }, o => o with { Confidence = confidence }, "Confidence", What,
            $"the confidence must be strictly between 0 and 1; got {shown}");

    [Theory]
    [InlineData(-1.0, "-1")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void LowEvidenceBelow_NegativeOrInfinite_IsRefusedAsSet(double value, string shown)
        => OptionChecks.RefusedAsSet(Original, () => new BktEfficacyOptions { LowEvidenceBelow = value }, o => o with { LowEvidenceBelow = value }, "LowEvidenceBelow", What,
            $"the low-evidence threshold must be finite and at least 0; got {shown}");

    [Fact]
    public void MaxDegreeOfParallelism_Zero_IsRefusedAsSet()
        => OptionChecks.RefusedAsSet(Original, () => new BktEfficacyOptions { MaxDegreeOfParallelism = 0 }, o => o with { MaxDegreeOfParallelism = 0 }, "MaxDegreeOfParallelism", What,
            "the degree of parallelism must be -1 (all cores) or at least 1; got 0");

    [Fact]
    public void Initializer_EveryOptionWrong_TheFirstSetThrows_AndNoEstimateStarts()
    {
        var log = ResponseLog.Create([new Response("ana", "K", true, 1, "a"), new Response("ana", "K", false, 2, "a")]);
        var fit = BktFitter.Fit(log, BktFitOptions.Default with { LearnBy = BktLearnBy.Activity });
        FluentActions.Invoking(() => BktActivityEfficacy.Estimate(log, fit, new BktEfficacyOptions { Samples = 19, Confidence = double.NaN, LowEvidenceBelow = double.PositiveInfinity, MaxDegreeOfParallelism = 0 }))
            .Should().ThrowExactly<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Samples");
    }
}
