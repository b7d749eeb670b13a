using PersonalizedLearning.Mastery.KnowledgeTracing;

namespace PersonalizedLearning.Tests.Mastery.KnowledgeTracing;

public sealed class PrerequisiteGatingOptionsTests
{
    private const string What = "prerequisite-gating options";
    private static readonly PrerequisiteGatingOptions Original = new() { Confidence = 0.9, MaxIterations = 100, Pooling = false };

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(0.9999999999999999, "0.9999999999999999")] // below 1, but (1 + c) / 2 rounds to 1
    [InlineData(double.NaN, "NaN")]
    public void Confidence_OutsideItsRange_IsRefusedAsSet(double confidence, string shown)
        => OptionChecks.RefusedAsSet(Original, () => new PrerequisiteGatingOptions { Confidence = confidence }, o => o with { Confidence = confidence }, "Confidence", What,
            $"the confidence must be strictly between 0 and 1 (and (1 + confidence) / 2 below 1 in double precision); got {shown}");

    [Fact]
    public void MaxIterations_BelowOne_IsRefusedAsSet()
        => OptionChecks.RefusedAsSet(Original, () => new PrerequisiteGatingOptions { MaxIterations = 0 }, o => o with { MaxIterations = 0 }, "MaxIterations", What, "the iteration limit must be at least 1; got 0");

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void Tolerance_NotFiniteAndPositive_IsRefusedAsSet(double tolerance, string shown)
        => OptionChecks.RefusedAsSet(Original, () => new PrerequisiteGatingOptions { Tolerance = tolerance }, o => o with { Tolerance = tolerance }, "Tolerance", What,
            $"the tolerance must be finite and greater than 0; got {shown}");

    [Fact]
    public void Confidence_JustBelowOneWhoseQuantileIsBelowOne_IsAccepted()
        => (Original with { Confidence = 0.9999999999999998 }).Confidence.Should().Be(0.9999999999999998);
}
