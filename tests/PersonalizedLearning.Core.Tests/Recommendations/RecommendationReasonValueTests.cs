using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Recommendations;

/// <summary>
/// <see cref="RecommendationReason"/> and <see cref="RecommendationSignals"/> as values: deconstruction, text, the index's
/// refusal, and the rules each is held to when read from JSON (mutation survivors of the Recommendations run).
/// </summary>
public sealed class RecommendationReasonValueTests
{
    // Options of a host's own: reflection, and enumerations read as text or as numbers (the library's options refuse
    // numbers before the reason's rule sees them, so a code that is no member arrives only this way).
    private static readonly JsonSerializerOptions HostOptions = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver(), PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public void Deconstruct_AndToString_GiveItsMembers()
    {
        var reason = new RecommendationReason(RecommendationReasonCode.Stretch, "Stretch: its prerequisite is nearly mastered");
        var (code, text) = reason;
        (code, text).Should().Be((RecommendationReasonCode.Stretch, "Stretch: its prerequisite is nearly mastered"));
        reason.ToString().Should().Be("Stretch: its prerequisite is nearly mastered");
    }

    [Fact]
    public void AReasonWithABlankTextOrACodeNotAMember_IsRefused()
    {
        FluentActions.Invoking(() => JsonSerializer.Deserialize<RecommendationReason>("""{"code":"Stretch","text":"  "}""", PersonalizedLearningJson.Options))
            .Should().ThrowExactly<JsonException>().Which.Message.Should().Be("This recommendation reason is not one the library makes: its text is blank.");
        FluentActions.Invoking(() => JsonSerializer.Deserialize<RecommendationReason>("""{"code":99,"text":"x"}""", HostOptions))
            .Should().ThrowExactly<JsonException>().Which.Message.Should().Be("This recommendation reason is not one the library makes: its code 99 is not one of the enumeration's values.");
        JsonSerializer.Deserialize<RecommendationReason>("""{"code":"Stretch","text":"x"}""", HostOptions)
            .Should().Be(new RecommendationReason(RecommendationReasonCode.Stretch, "x"));
    }

    [Fact]
    public void AStepWhosePurposeOrLevelIsNoMember_IsRefused_ThroughAHostsOptions()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(NextStepValueTests.Step, HostOptions))!;
        JsonSerializer.Deserialize<NextStep>(node.ToJsonString(), HostOptions).Should().Be(NextStepValueTests.Step, "a host's options read the step as written");
        node["purpose"] = 99;
        FluentActions.Invoking(() => JsonSerializer.Deserialize<NextStep>(node.ToJsonString(), HostOptions)).Should().ThrowExactly<JsonException>()
            .Which.Message.Should().Be("This next step is not one the library makes: its purpose or level is not one of the enumeration's values.");
    }

    [Fact]
    public void Signals_ToStringNamesEach_TheIndexRefusesANinth_AndAWrongSumIsRefused()
    {
        var signals = new RecommendationSignals(0.5, 0.5, 0.5, 0, 0.8, 0.75, 0.5, 1, 1);
        signals.ToString().Should().Be("Need = 0.5, Readiness = 0.5, GoalRelevance = 0.5, Urgency = 0, DifficultyFit = 0.8, ReviewDue = 0.75, ProfileFit = 0.5, Novelty = 1, TimeFit = 1");
        FluentActions.Invoking(() => signals[9]).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .Which.Message.Should().StartWith("A signal index must be in [0, 9). (Parameter 'index')");
        var json = """{"need":1,"readiness":1,"goalRelevance":1,"urgency":1,"difficultyFit":0,"reviewDue":0,"profileFit":0,"novelty":0,"timeFit":0,"sum":5}""";
        FluentActions.Invoking(() => JsonSerializer.Deserialize<RecommendationSignals>(json, PersonalizedLearningJson.Options)).Should().ThrowExactly<JsonException>()
            .Which.Message.Should().Be("This set of signals is not one the library makes: its sum 5 is not what its nine members add up to (4).");
        JsonSerializer.Deserialize<RecommendationSignals>(json.Replace("\"sum\":5", "\"sum\":4", StringComparison.Ordinal), PersonalizedLearningJson.Options)
            .Should().Be(new RecommendationSignals(1, 1, 1, 1, 0, 0, 0, 0, 0));
    }
}
