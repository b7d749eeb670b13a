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

    [Fact]
    public void Estimate_EveryOptionWrong_ThrowsOneArgumentExceptionListingEveryProblem()
    {
        var log = ResponseLog.Create([new Response("ana", "K", true, 1, "a"), new Response("ana", "K", false, 2, "a")]);
        var fit = BktFitter.Fit(log, BktFitOptions.Default with { LearnBy = BktLearnBy.Activity });
        var options = new BktEfficacyOptions { Samples = 19, Confidence = double.NaN, LowEvidenceBelow = double.PositiveInfinity, MaxDegreeOfParallelism = 0 };
        FluentActions.Invoking(() => BktActivityEfficacy.Estimate(log, fit, options)).Should().ThrowExactly<ArgumentException>()
            .WithMessage("The activity-efficacy options are not valid: the number of bootstrap samples must be at least 20; got 19; the confidence must be strictly between 0 and 1; got NaN; the low-evidence threshold must be finite and at least 0; got Infinity; the degree of parallelism must be -1 (all cores) or at least 1; got 0.");
        options.Samples.Should().Be(19);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NegativeInfinity)]
    public void Estimate_ConfidenceOutsideZeroToOne_ThrowsArgumentException(double confidence)
    {
        var log = ResponseLog.Create([new Response("ana", "K", true, 1, "a"), new Response("ana", "K", false, 2, "a")]);
        var fit = BktFitter.Fit(log, BktFitOptions.Default with { LearnBy = BktLearnBy.Activity });
        FluentActions.Invoking(() => BktActivityEfficacy.Estimate(log, fit, BktEfficacyOptions.Default with { Confidence = confidence }))
            .Should().ThrowExactly<ArgumentException>().WithMessage("*the confidence must be strictly between 0 and 1; got *");
    }
}
