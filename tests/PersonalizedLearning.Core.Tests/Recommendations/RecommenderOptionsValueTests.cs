using PersonalizedLearning.Recommendations;

namespace PersonalizedLearning.Tests.Recommendations;

/// <summary>
/// <see cref="RecommenderOptions"/>' refusals by exact message, each at its bound, and the history limit's two rules
/// (<see cref="RemediationRule.CheckHistoryLimit"/>) (mutation survivors of the Recommendations run).
/// </summary>
public sealed class RecommenderOptionsValueTests
{
    [Theory]
    [InlineData("target-0", "targetSuccess", "the target success must be in (0, 1); got 0")]
    [InlineData("horizon-0", "urgencyHorizonDays", "the urgency horizon must be a finite number of days greater than 0; got 0")]
    [InlineData("horizon-infinite", "urgencyHorizonDays", "the urgency horizon must be a finite number of days greater than 0; got Infinity")]
    [InlineData("remediate-0", "remediateAfterFailures", "remediation needs at least 1 failure; got 0")]
    [InlineData("wheel-0", "wheelSpinningAttempts", "wheel-spinning needs at least 1 attempt; got 0")]
    [InlineData("window-negative", "recentWindow", "the recent window must be at least 0; got -1")]
    [InlineData("history-0", "historyLimit", "the history limit must be at least 1; got 0")]
    [InlineData("history-below-failures", "historyLimit", "the history limit must be at least remediateAfterFailures (3), or the history read could never hold a run of failures that remediates; got 2")]
    public void ABadOption_IsRefused_WithItsRule(string edit, string name, string rule)
    {
        Func<RecommenderOptions> make = edit switch
        {
            "target-0" => () => new RecommenderOptions(targetSuccess: 0),
            "horizon-0" => () => new RecommenderOptions(urgencyHorizonDays: 0),
            "horizon-infinite" => () => new RecommenderOptions(urgencyHorizonDays: double.PositiveInfinity),
            "remediate-0" => () => new RecommenderOptions(remediateAfterFailures: 0),
            "wheel-0" => () => new RecommenderOptions(wheelSpinningAttempts: 0),
            "window-negative" => () => new RecommenderOptions(recentWindow: -1),
            "history-0" => () => new RecommenderOptions(historyLimit: 0),
            "history-below-failures" => () => new RecommenderOptions(remediateAfterFailures: 3, historyLimit: 2),
            _ => throw new ArgumentOutOfRangeException(nameof(edit)),
        };

        FluentActions.Invoking(make).Should().ThrowExactly<ArgumentOutOfRangeException>().Which.Message
            .Should().Be($"The recommender options are not valid: {name}: {rule}. (Parameter '{name}')");
    }

    [Fact]
    public void EachBound_IsAccepted()
    {
        var least = new RecommenderOptions(remediateAfterFailures: 1, wheelSpinningAttempts: 1, recentWindow: 0, historyLimit: 1);
        (least.RemediateAfterFailures, least.WheelSpinningAttempts, least.RecentWindow, least.HistoryLimit).Should().Be((1, 1, 0, 1));
        new RecommenderOptions(remediateAfterFailures: 3, historyLimit: 3).HistoryLimit.Should().Be(3, "a history as long as the failures needed can hold them");
        new RecommenderOptions(targetSuccess: 0.01, urgencyHorizonDays: 0.01).TargetSuccess.Should().Be(0.01);
    }
}
