using PersonalizedLearning.Activities;
using PersonalizedLearning.Recommendations;

namespace PersonalizedLearning.Tests.Recommendations;

/// <summary>
/// <see cref="RecommendationFilter"/>'s refusals by exact message and at the bound of its minutes, and its equality member
/// by member (mutation survivors of the Recommendations run).
/// </summary>
public sealed class RecommendationFilterValueTests
{
    [Theory]
    [InlineData("kind-undefined", "kinds", "every activity kind must be defined; got 99")]
    [InlineData("kind-twice", "kinds", "every activity kind must be listed once; got Practice 2 times")]
    [InlineData("modality-undefined", "modalities", "every modality must be defined; got 99")]
    [InlineData("modality-twice", "modalities", "every modality must be listed once; got Print 2 times")]
    [InlineData("minutes-zero", "maximumMinutes", "the maximum minutes must be a finite number greater than 0; got 0")]
    [InlineData("excluded-empty", "excluded", "every excluded activity id must be non-empty; got an empty id")]
    public void ABadSetting_IsRefused_WithItsRule(string edit, string name, string rule)
    {
        Func<RecommendationFilter> make = edit switch
        {
            "kind-undefined" => () => new RecommendationFilter(kinds: [(ActivityKind)99]),
            "kind-twice" => () => new RecommendationFilter(kinds: [ActivityKind.Practice, ActivityKind.Practice]),
            "modality-undefined" => () => new RecommendationFilter(modalities: [(LearningModality)99]),
            "modality-twice" => () => new RecommendationFilter(modalities: [LearningModality.Print, LearningModality.Print]),
            "minutes-zero" => () => new RecommendationFilter(maximumMinutes: 0),
            "excluded-empty" => () => new RecommendationFilter(excluded: [default]),
            _ => throw new ArgumentOutOfRangeException(nameof(edit)),
        };

        FluentActions.Invoking(make).Should().ThrowExactly<ArgumentOutOfRangeException>().Which.Message
            .Should().Be($"The recommendation filter's settings are not valid: {name}: {rule}. (Parameter '{name}')");
    }

    [Fact]
    public void TheSmallestMinutes_AreAccepted()
    {
        new RecommendationFilter(maximumMinutes: double.Epsilon).MaximumMinutes.Should().Be(double.Epsilon);
    }

    [Fact]
    public void Equals_NeedsEveryMemberEqual()
    {
        var filter = new RecommendationFilter([ActivityKind.Practice], [LearningModality.Print], 20, ["x"]);
        filter.Equals(new RecommendationFilter([ActivityKind.Practice], [LearningModality.Print], 20, ["x"])).Should().BeTrue();
        filter.Equals(new RecommendationFilter([ActivityKind.Assessment], [LearningModality.Print], 20, ["x"])).Should().BeFalse("the kinds differ, nothing else");
        filter.Equals(new RecommendationFilter([ActivityKind.Practice], [LearningModality.Digital], 20, ["x"])).Should().BeFalse("the modalities differ, nothing else");
        filter.Equals(new RecommendationFilter([ActivityKind.Practice], [LearningModality.Print], 30, ["x"])).Should().BeFalse("the minutes differ, nothing else");
        filter.Equals(null).Should().BeFalse();
    }
}
