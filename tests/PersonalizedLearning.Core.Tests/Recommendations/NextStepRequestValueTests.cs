using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Mastery.Retention;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Tests.Recommendations;

/// <summary>
/// <see cref="NextStepRequest"/>'s refusals, each by its exact type, parameter and message and at its bounds, and its
/// equality member by member (mutation survivors of the Recommendations run).
/// </summary>
public sealed class NextStepRequestValueTests
{
    private static readonly PersonalizedLearningEngine Engine = new(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.Latest());

    private static readonly MasterySnapshot Ana = Engine.Assess(Engine.CreateLearner("ana"), TestData.Start);

    [Fact]
    public void TheConstructor_RefusesEachBadArgument_NamingIt()
    {
        FluentActions.Invoking(() => new NextStepRequest(null!, Ana)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("catalog");
        FluentActions.Invoking(() => new NextStepRequest(Engine.Catalog, null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("mastery");
        FluentActions.Invoking(() => new NextStepRequest(Engine.Catalog, Ana, 0)).Should().ThrowExactly<ArgumentOutOfRangeException>().WithParameterName("count");
        FluentActions.Invoking(() => new NextStepRequest(Engine.Catalog, Ana, 101)).Should().ThrowExactly<ArgumentOutOfRangeException>().WithParameterName("count");
        new NextStepRequest(Engine.Catalog, Ana, 100).Count.Should().Be(100, "100 is the most");
        new NextStepRequest(Engine.Catalog, Ana, 1).Count.Should().Be(1, "1 is the least");
        FluentActions.Invoking(() => new NextStepRequest(TestData.Units(), Ana)).Should().ThrowExactly<ArgumentException>()
            .Which.Message.Should().Be("The mastery snapshot was taken over a different framework from the catalog's. (Parameter 'mastery')");
        FluentActions.Invoking(() => new NextStepRequest(Engine.Catalog, Ana, 3, new LearnerProfile("bo"))).Should().ThrowExactly<ArgumentException>()
            .Which.Message.Should().Be("The profile is for learner 'bo', but the mastery snapshot is for 'ana'. (Parameter 'profile')");
    }

    [Fact]
    public void TheInitializers_RefuseEachBadValue_NamingIt_AndAcceptTheBounds()
    {
        var request = new NextStepRequest(Engine.Catalog, Ana);
        (request with { DueReviews = [new DueReview("A", 0, TestData.Start), new DueReview("B", 1, TestData.Start)] }).DueReviews.Length
            .Should().Be(2, "a recall chance of 0 and one of 1 are both in [0, 1]");
        FluentActions.Invoking(() => request with { DueReviews = [new DueReview("A", -0.01, TestData.Start)] }).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .Which.Message.Should().StartWith("The retrievability of competency 'A' must be in [0, 1]. (Parameter 'DueReviews')");
        var otherInstance = TestData.Diamond();
        FluentActions.Invoking(() => request with { PrerequisiteGating = new PrerequisiteGating(otherInstance, []) }).Should().ThrowExactly<ArgumentException>()
            .Which.Message.Should().Be("The prerequisite gating is for framework 'Diamond', not the catalog's framework instance ('Diamond'). (Parameter 'PrerequisiteGating')");
        FluentActions.Invoking(() => request with { Filter = null! }).Should().ThrowExactly<ArgumentNullException>().WithParameterName("Filter");
        FluentActions.Invoking(() => request with { Agency = (AgencyLevel)9 }).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .Which.Message.Should().StartWith("Undefined agency level (9). (Parameter 'Agency')");
        request.Filter.Should().BeSameAs(RecommendationFilter.None, "nothing above changed the request");
        request.Agency.Should().BeNull();
    }

    [Fact]
    public void Equals_NeedsEveryMemberEqual_AndTheCatalogAndSnapshotTheSameInstances()
    {
        var request = new NextStepRequest(Engine.Catalog, Ana, 3) { Mode = RecommendationMode.BestNext, AvailableMinutes = 30 };
        var same = new NextStepRequest(Engine.Catalog, Ana, 3) { Mode = RecommendationMode.BestNext, AvailableMinutes = 30 };
        request.Equals(same).Should().BeTrue();
        (request == same).Should().BeTrue();

        // Another catalog instance over the same framework, everything else equal: not equal (each && is needed).
        var copy = TestData.CatalogFor(Engine.Catalog.Framework);
        request.Equals(new NextStepRequest(copy, Ana, 3) { Mode = RecommendationMode.BestNext, AvailableMinutes = 30 }).Should().BeFalse();
        request.Equals(same with { Mode = RecommendationMode.Ranked }).Should().BeFalse();
        request.Equals(new NextStepRequest(Engine.Catalog, Ana, 4) { Mode = RecommendationMode.BestNext, AvailableMinutes = 30 }).Should().BeFalse();
        request.Equals(null).Should().BeFalse();
    }
}
