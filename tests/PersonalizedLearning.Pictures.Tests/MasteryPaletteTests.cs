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
    public void Constructor_NotSixHexDigits_ThrowsNamingTheColour(string color) =>
        FluentActions.Invoking(() => new MasteryPalette("#000000", "#000000", color, "#000000", "#000000", "#000000"))
            .Should().Throw<ArgumentException>().WithParameterName("familiar").WithMessage($"*got '{color}'*");

    [Fact]
    public void Constructor_Null_Throws() =>
        FluentActions.Invoking(() => new MasteryPalette("#000000", "#000000", "#000000", "#000000", "#000000", null!))
            .Should().Throw<ArgumentNullException>().WithParameterName("frontier");

    [Fact]
    public void ColorOf_UndefinedLevel_Throws() =>
        FluentActions.Invoking(() => MasteryPalette.Default.ColorOf((MasteryLevel)9)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("level");
}
