using PersonalizedLearning.Activities;
using PersonalizedLearning.Mastery.KnowledgeTracing;

namespace PersonalizedLearning.Tests.Mastery.KnowledgeTracing;

/// <summary><see cref="BktCompetencyParameters.IsDegenerate"/>: decided once, at construction (issue 21, section 2).</summary>
public sealed class BktCompetencyParametersTests
{
    private static readonly BktParameters Healthy = new(0.2, 0.1, 0.25, 0.15);

    [Fact]
    public void IsDegenerate_WhenTheSharedSetOrAnyActivitysGuessPlusSlipReachesOne_ReadWithoutAllocating()
    {
        // G + S: shared 0.25 + 0.15 = 0.4; activity b 0.6 + 0.4 = 1.0, the bound itself; activity c 0.5 + 0.49 = 0.99.
        var clean = new BktCompetencyParameters("K", Healthy, [new KeyValuePair<ActivityId, (double, double)>("a", (0.3, 0.2)), new("c", (0.5, 0.49))]);
        var oneActivity = new BktCompetencyParameters("K", Healthy, [new KeyValuePair<ActivityId, (double, double)>("a", (0.3, 0.2)), new("b", (0.6, 0.4))]);
        var shared = new BktCompetencyParameters("K", BktParameters.FromEstimates(0.003, 0.48, 0.17, 1.0));

        (clean.IsDegenerate, oneActivity.IsDegenerate, shared.IsDegenerate, new BktCompetencyParameters("K", Healthy).IsDegenerate)
            .Should().Be((false, true, true, false));
        Allocations.OfWarmCall(() => _ = oneActivity.IsDegenerate).Should().Be(0);
    }
}
