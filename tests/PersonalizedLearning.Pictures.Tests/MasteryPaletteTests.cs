using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Pictures.Tests;

public class MasteryPaletteTests
{
    [Fact]
    public void Default_ViridisStopsLightToDarkAndWongMagenta()
    {
        var palette = MasteryPalette.Default;

        Enum.GetValues<MasteryLevel>().Select(palette.ColorOf).Should().Equal("#EEEEEE", "#FDE725", "#5EC962", "#21918C", "#3B528B");
        palette.Frontier.Should().Be("#D81B60");
    }

    [Fact]
    public void Constructor_LowerCase_KeptInUpperCaseAndEqualByValue() =>
        new MasteryPalette("#eeeeee", "#fde725", "#5ec962", "#21918c", "#3b528b", "#d81b60").Should().Be(MasteryPalette.Default);

    [Theory]
    [InlineData("EEEEEE")]
    [InlineData("#EEE")]
    [InlineData("#EEEEEG")]
    [InlineData("#EEEEEEE")]
    [InlineData("red")]
    [InlineData("#123456\n")]
    [InlineData("\n#123456")]
    public void Constructor_NotSixHexDigits_ThrowsNamingTheColour(string color) =>
        FluentActions.Invoking(() => new MasteryPalette("#000000", "#000000", color, "#000000", "#000000", "#000000"))
            .Should().ThrowExactly<ArgumentException>().WithParameterName("familiar")
            .WithMessage($"The palette's colours are not valid: familiar: a palette colour must be '#' followed by six hexadecimal digits, such as #3B528B; got '{color}'.*");

    [Fact]
    public void OptionsPalette_Null_IsNamedAfterTheProperty()
    {
        FluentActions.Invoking(() => new HeatMapOptions { Palette = null! }).Should().ThrowExactly<ArgumentNullException>().WithParameterName("Palette");
        FluentActions.Invoking(() => new FrameworkGraphOptions { Palette = null! }).Should().ThrowExactly<ArgumentNullException>().WithParameterName("Palette");
        FluentActions.Invoking(() => new BurnUpOptions { Palette = null! }).Should().ThrowExactly<ArgumentNullException>().WithParameterName("Palette");
    }

    [Fact]
    public void Constructor_Null_Throws() =>
        FluentActions.Invoking(() => new MasteryPalette("#000000", "#000000", "#000000", "#000000", "#000000", null!))
            .Should().Throw<ArgumentNullException>().WithParameterName("frontier");

    [Fact]
    public void Constructor_SeveralBadColours_AreAllNamedInOneException()
    {
        // The exception is named after the first bad colour (or the first null one, as an ArgumentNullException) and
        // lists every problem, in parameter order.
        FluentActions.Invoking(() => new MasteryPalette("#000000", "red", "#000000", "#12345", "#000000", "#000000"))
            .Should().ThrowExactly<ArgumentException>().WithParameterName("attempted")
            .WithMessage("The palette's colours are not valid: attempted: a palette colour must be '#' followed by six hexadecimal digits, such as #3B528B; got 'red'. "
                + "proficient: a palette colour must be '#' followed by six hexadecimal digits, such as #3B528B; got '#12345'. (Parameter 'attempted')");
        FluentActions.Invoking(() => new MasteryPalette("blue", "#000000", null!, "#000000", "#000000", "#000000"))
            .Should().ThrowExactly<ArgumentNullException>().WithParameterName("familiar")
            .WithMessage("The palette's colours are not valid: notStarted: * got 'blue'. familiar: a palette colour is required; got null. (Parameter 'familiar')");
    }

    [Fact]
    public void ColorOf_UndefinedLevel_Throws() =>
        FluentActions.Invoking(() => MasteryPalette.Default.ColorOf((MasteryLevel)9)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("level");
}
