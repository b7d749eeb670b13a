using System.Globalization;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Mastery;

public sealed class MasteryObservationTests
{
    [Theory]
    [InlineData(1e-12)]
    [InlineData(1.0)]
    [InlineData(1e12)]
    public void Constructor_WeightAtTheBounds_IsKept(double weight)
    {
        (MasteryObservation.MinimumWeight, MasteryObservation.MaximumWeight).Should().Be((1e-12, 1e12));
        (MasteryObservation.MinimumWeight).Should().Be(Evidence.MinimumWeight * PersonalizedLearning.Activities.ActivityAlignment.MinimumWeight,
            "the smallest observation is the smallest evidence through the weakest alignment");
        new MasteryObservation(EvidenceOutcome.Correct, weight, EvidenceKind.Formative, TestData.Start).Weight.Should().Be(weight);
        new MasteryObservation("K", null, EvidenceOutcome.Correct, weight, EvidenceKind.Formative, TestData.Start).Weight.Should().Be(weight);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(9.999999999999998e-13)] // just below 1e-12
    [InlineData(1000000000000.0001)] // just above 1e12
    [InlineData(5e-324)]
    [InlineData(1e308)]
    public void Constructor_WeightOutsideTheBounds_ThrowsArgumentOutOfRange_NamingTheRuleAndTheValue(double weight)
    {
        var message = $"An observation's weight must be in [1e-12, 1e12]; got {weight.ToString("R", CultureInfo.InvariantCulture)}.*";
        var thrown = FluentActions.Invoking(() => new MasteryObservation(EvidenceOutcome.Correct, weight, EvidenceKind.Formative, TestData.Start))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage(message).Which;
        thrown.ParamName.Should().Be("weight");
        thrown.ActualValue.Should().Be(weight);
        FluentActions.Invoking(() => new MasteryObservation("K", "k", EvidenceOutcome.Correct, weight, EvidenceKind.Formative, TestData.Start))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage(message).And.ParamName.Should().Be("weight");
    }

    [Fact]
    public void Bounds_AreTheNeighboursOfTheRefusedCases()
    {
        Math.BitIncrement(9.999999999999998e-13).Should().Be(MasteryObservation.MinimumWeight);
        Math.BitDecrement(1000000000000.0001).Should().Be(MasteryObservation.MaximumWeight);
    }
}
