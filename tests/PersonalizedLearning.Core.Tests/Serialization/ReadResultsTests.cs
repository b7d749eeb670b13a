using System.Text.Json;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Serialization;

public sealed class ReadResultsTests
{
    [Fact]
    public void Require_RuleHolds_FormatsNothingAndEvaluatesNoHole()
    {
        var evaluated = 0;
        string Hole()
        {
            evaluated++;
            return "x";
        }

        ReadResults.Require(true, "result", $"a hole {Hole()} and another {Hole()}");
        evaluated.Should().Be(0, "a rule that holds builds no message");
    }

    [Fact]
    public void Require_RuleBroken_ThrowsTheWholeMessage()
    {
        // Both parts of a message split with + are interpolated strings, so they make one handler call, formatted only here.
        var value = 0.5;
        var thrown = FluentActions.Invoking(() => ReadResults.Require(false, "next step", $"its score {value} is " + $"not {1.5:0.0}"))
            .Should().ThrowExactly<JsonException>().Which;
        thrown.Message.Should().Be("This next step is not one the library makes: its score 0.5 is not 1.5.");
    }

    [Fact]
    public void Require_RuleBroken_FormatsItsHolesInvariantly_WhateverTheCurrentCulture()
    {
        // Every message of the library is culture-invariant: a culture with a decimal comma does not change "0.5".
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        var comma = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = comma;
            var value = 0.5;
            $"{value}".Should().Be("0,5", "the culture is in effect");
            FluentActions.Invoking(() => ReadResults.Require(false, "next step", $"its score {value} is too low")).Should().ThrowExactly<JsonException>()
                .WithMessage("This next step is not one the library makes: its score 0.5 is too low.");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(2.5, true)]
    [InlineData(-0.5, false)]
    [InlineData(double.PositiveInfinity, false)]
    [InlineData(double.NaN, false)]
    public void IsNonNegative_IsAFiniteNumberOfAtLeastZero(double value, bool expected)
    {
        ReadResults.IsNonNegative(value).Should().Be(expected);
    }
}
