using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Simulation;

namespace PersonalizedLearning.Tests.Recommendations;

/// <summary>
/// <see cref="RecommenderPolicy.Choose"/>: the first step of the best-next request its documentation names, or, with
/// nothing left to recommend, the goal path's practice (mutation survivors of the Recommendations run).
/// </summary>
public sealed class RecommenderPolicyValueTests
{
    private static readonly PersonalizedLearningEngine Engine = new(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.Latest());

    private static SimulationContext Context(LearnerState state, MasterySnapshot mastery, int step) =>
        new(Engine.Catalog, Engine.Model, state, mastery, new LearnerProfile("ana"), [.. state.Evidence], step, TestData.Start, 1);

    [Fact]
    public void Choose_ANullContext_IsRefusedNamingIt()
    {
        FluentActions.Invoking(() => new RecommenderPolicy().Choose(null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("context");
    }

    [Fact]
    public void Choose_IsTheFirstStepOfTheBestNextRequest_NotTheGoalPathsPractice()
    {
        // A learner who passed A twice, then failed B (whose prerequisite A is) three times: the recommender's best next
        // step, asked as the policy documents it (one step, BestNext, the context's history, which holds the failures that
        // call for remediation; no review due, as nothing is mastered long enough to be due).
        var state = Engine.Rebuild("ana",
        [
            Evidence.ForCompetency("e1", "ana", "A", EvidenceOutcome.Correct, TestData.Start.AddMinutes(-5)),
            Evidence.ForCompetency("e2", "ana", "A", EvidenceOutcome.Correct, TestData.Start.AddMinutes(-4)),
            Evidence.ForCompetency("e3", "ana", "B", EvidenceOutcome.Incorrect, TestData.Start.AddMinutes(-3)),
            Evidence.ForCompetency("e4", "ana", "B", EvidenceOutcome.Incorrect, TestData.Start.AddMinutes(-2)),
            Evidence.ForCompetency("e5", "ana", "B", EvidenceOutcome.Incorrect, TestData.Start.AddMinutes(-1)),
        ]);
        var mastery = Engine.Assess(state, TestData.Start);
        var context = Context(state, mastery, 1);
        var request = new NextStepRequest(Engine.Catalog, mastery, 1, context.Profile) { History = context.History, Mode = RecommendationMode.BestNext };
        var best = AdaptiveRecommender.Default.Recommend(request).Steps.Single().Activity.Id;
        GoalPath.KeepPractising(context).Should().NotBe(best, "the goal path's practice is another activity, so the two can be told apart");
        AdaptiveRecommender.Default.Recommend(new NextStepRequest(Engine.Catalog, mastery, 1, context.Profile)).Steps.Single().Activity.Id
            .Should().NotBe(best, "a request without the history (and the other members the policy sets) recommends another activity");

        new RecommenderPolicy(withReviews: false).Choose(context).Should().Be(best);
    }

    [Fact]
    public void Choose_WithNothingLeftToRecommend_IsTheGoalPathsPractice_HereNone()
    {
        // Everything mastered and no goal: no step, and the goal path has nothing to practise either.
        var mastery = TestData.Mastered(Engine, "ana", "A", "B", "C", "D", "E");
        var context = Context(Engine.CreateLearner("ana"), mastery, 1);
        AdaptiveRecommender.Default.Recommend(new NextStepRequest(Engine.Catalog, mastery, 1, context.Profile)).IsEmpty.Should().BeTrue("every competency is mastered");
        GoalPath.KeepPractising(context).Should().BeNull();

        new RecommenderPolicy(withReviews: false).Choose(context).Should().BeNull();
    }
    [Fact]
    public void Choose_WithReviews_AsksWithTheReviewsDue_AndWithout_AsksWithNone()
    {
        // Every competency mastered (passed twice), E two months before the moment of the choice, so that only E is due
        // for review (E is no prerequisite, so the later evidence on the others does not refresh it as one); the reviews are the default scheduler's replay of the learner's evidence, as the policy documents.
        // Without them nothing is left to recommend (and the goal path, with no goal, has nothing either): no choice.
        // With them, the review of E, as the recommender gives it for the request the policy makes.
        var state = Engine.Rebuild("ana",
        [
            Evidence.ForCompetency("e1", "ana", "E", EvidenceOutcome.Correct, TestData.Start.AddDays(-61)),
            Evidence.ForCompetency("e2", "ana", "E", EvidenceOutcome.Correct, TestData.Start.AddDays(-60)),
            .. ((string[])["A", "B", "C", "D"]).SelectMany((c, i) => new[]
            {
                Evidence.ForCompetency($"{c}1", "ana", c, EvidenceOutcome.Correct, TestData.Start.AddMinutes(-20 + (2 * i))),
                Evidence.ForCompetency($"{c}2", "ana", c, EvidenceOutcome.Correct, TestData.Start.AddMinutes(-19 + (2 * i))),
            }),
        ]);
        var mastery = Engine.Assess(state, TestData.Start);
        var context = Context(state, mastery, 1);
        var scheduler = new PersonalizedLearning.Mastery.Retention.ReviewScheduler(Engine.Framework);
        var memory = scheduler.Replay(state.Evidence, Engine.Catalog).Memory;
        var due = scheduler.DueReviews(memory, TestData.Start, memory.Keys.Where(mastery.IsMastered));
        due.Select(d => d.Competency.Value).Should().Equal(["E"], "every competency is mastered, and only E long enough ago to be due");
        NextStepRequest Request(System.Collections.Immutable.ImmutableArray<PersonalizedLearning.Mastery.Retention.DueReview> reviews) =>
            new(Engine.Catalog, mastery, 1, context.Profile) { History = context.History, Mode = RecommendationMode.BestNext, DueReviews = reviews };
        AdaptiveRecommender.Default.Recommend(Request([])).IsEmpty.Should().BeTrue("nothing is left to learn");
        var review = AdaptiveRecommender.Default.Recommend(Request(due)).Steps.Single();
        review.Purpose.Should().Be(RecommendationPurpose.Review);

        new RecommenderPolicy().Choose(context).Should().Be(review.Activity.Id);
        new RecommenderPolicy(withReviews: false).Choose(context).Should().BeNull();
    }

    [Fact]
    public void Choose_WithItsOwnReviewScheduler_FindsTheReviewsDueByThatScheduler_NotTheDefaults()
    {
        // The learner of the test above: under FSRS's defaults (desired retention 0.9) only E is due, and the policy
        // chooses its review. A policy given a scheduler that aims at a desired retention of 0.5 lets memories fade much
        // further before a review is due: under it nothing is due, so nothing is left to recommend and it chooses nothing.
        var state = Engine.Rebuild("ana",
        [
            Evidence.ForCompetency("e1", "ana", "E", EvidenceOutcome.Correct, TestData.Start.AddDays(-61)),
            Evidence.ForCompetency("e2", "ana", "E", EvidenceOutcome.Correct, TestData.Start.AddDays(-60)),
            .. ((string[])["A", "B", "C", "D"]).SelectMany((c, i) => new[]
            {
                Evidence.ForCompetency($"{c}1", "ana", c, EvidenceOutcome.Correct, TestData.Start.AddMinutes(-20 + (2 * i))),
                Evidence.ForCompetency($"{c}2", "ana", c, EvidenceOutcome.Correct, TestData.Start.AddMinutes(-19 + (2 * i))),
            }),
        ]);
        var mastery = Engine.Assess(state, TestData.Start);
        var context = Context(state, mastery, 1);
        var lenient = new PersonalizedLearning.Mastery.Retention.ReviewScheduler(Engine.Framework,
            new PersonalizedLearning.Mastery.Retention.FsrsScheduler(PersonalizedLearning.Mastery.Retention.FsrsParameters.Default with { DesiredRetention = 0.5 }));
        var memory = lenient.Replay(state.Evidence, Engine.Catalog).Memory;
        lenient.DueReviews(memory, TestData.Start, memory.Keys.Where(mastery.IsMastered)).Should().BeEmpty("at a desired retention of 0.5 E's review is not yet due");

        new RecommenderPolicy().Choose(context).Should().NotBeNull("under the defaults E's review is due (the test above)");
        new RecommenderPolicy(reviews: lenient).Choose(context).Should().BeNull();
    }
}
