using PersonalizedLearning.Sequencing;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Sequencing;

public class PlaylistOptionsTests
{
    [Theory]
    [InlineData(AgencyLevel.Guided, 1, 1)]
    [InlineData(AgencyLevel.Guided, 5, 1)]
    [InlineData(AgencyLevel.Choice, 1, 1)]
    [InlineData(AgencyLevel.Choice, 5, 5)]
    [InlineData(AgencyLevel.SelfDirected, 10, 10)]
    public void EffectiveChoicesPerStep_IsOneWhenGuided_OtherwiseTheSetting(AgencyLevel agency, int choicesPerStep, int expected)
    {
        var options = new PlaylistOptions(agency, choicesPerStep);

        options.ChoicesPerStep.Should().Be(choicesPerStep, "the setting is kept as given");
        options.EffectiveChoicesPerStep.Should().Be(expected);
    }

    [Fact]
    public void Json_KeepsTheSetting_NotTheDerivedCount()
    {
        var json = PersonalizedLearningJson.Serialize(new PlaylistOptions(AgencyLevel.Guided, choicesPerStep: 4));

        json.Should().Contain("\"choicesPerStep\":4").And.NotContain("effectiveChoicesPerStep", "it is derived from agency and the setting");
        var back = PersonalizedLearningJson.Deserialize<PlaylistOptions>(json);
        back.ChoicesPerStep.Should().Be(4);
        back.EffectiveChoicesPerStep.Should().Be(1);
    }
}
