using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.Retention;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;

namespace PersonalizedLearning.Tests.Recommendations;

/// <summary>
/// The wheel-spinning detour, worked by hand: A → B → C with the goal C, and X → Y off the goal. A and B are mastered
/// ("latest score" rollup, two correct answers each); C has failed ten times in a row, so it is stuck (10 pieces, the
/// default <see cref="RecommenderOptions.WheelSpinningAttempts"/>) without progress (its level is Attempted).
/// </summary>
public class WheelSpinningDetourTests
{
    private static readonly DateTimeOffset Now = TestData.Start;

    private static readonly ActivityCatalog Catalog = new ActivityCatalogBuilder(new CompetencyFrameworkBuilder("detour")
            .AddCompetency("A", "A").AddCompetency("B", "B").AddCompetency("C", "C").AddCompetency("X", "X").AddCompetency("Y", "Y")
            .AddPrerequisite("A", "B").AddPrerequisite("B", "C").AddPrerequisite("X", "Y")
            .Build())
        .Add(new LearningActivity("a-practice", "a", ActivityKind.Practice, 10, TestData.Align("A")))
        .Add(new LearningActivity("b-practice", "b", ActivityKind.Practice, 10, TestData.Align("B")))
        .Add(new LearningActivity("c-practice", "c", ActivityKind.Practice, 10, TestData.Align("C")))
        .Add(new LearningActivity("x-practice", "x", ActivityKind.Practice, 10, TestData.Align("X")))
        .Add(new LearningActivity("y-practice", "y", ActivityKind.Practice, 10, TestData.Align("Y")))
        .Build();

    private static readonly PersonalizedLearningEngine Engine = new(Catalog, RollupMasteryModel.Latest());

    private static LearnerState Stuck(string last)
    {
        var log = new List<Evidence>
        {
            Evidence.ForActivity("a1", "ana", "a-practice", EvidenceOutcome.Correct, Now.AddHours(-30)),
            Evidence.ForActivity("a2", "ana", "a-practice", EvidenceOutcome.Correct, Now.AddHours(-29)),
            Evidence.ForActivity("b1", "ana", "b-practice", EvidenceOutcome.Correct, Now.AddHours(-28)),
            Evidence.ForActivity("b2", "ana", "b-practice", EvidenceOutcome.Correct, Now.AddHours(-27)),
        };
        log.AddRange(Enumerable.Range(0, 10).Select(i => Evidence.ForActivity($"c{i}", "ana", "c-practice", EvidenceOutcome.Incorrect, Now.AddHours(-20 + i))));
        if (last == "x")
        {
            log.Add(Evidence.ForActivity("x1", "ana", "x-practice", EvidenceOutcome.Incorrect, Now.AddHours(-1)));
        }

        return Engine.Rebuild("ana", log);
    }

    private static NextStepRequest Request(LearnerState state, RecommendationMode mode) =>
        Engine.CreateRequest(state, mode == RecommendationMode.BestNext ? 1 : 5, new LearnerProfile("ana", [new LearningGoal("C", Now.AddDays(14))]), Now) with { Mode = mode };

    [Fact]
    public void RightAfterAStepOnTheStuckGoal_TheNextStepGoesElsewhere_ThenBack()
    {
        var recommender = AdaptiveRecommender.Default;

        // Just failed C: learning C goes last, after X (off the goal path). C's ten failures since B's last evidence also
        // remediate its weakest prerequisite B (10 ≥ 3), which is on the goal path and so comes first.
        var right = recommender.Recommend(Request(Stuck("c"), RecommendationMode.Ranked)).Steps;
        right.Select(s => s.Activity.Id.Value).Should().StartWith(["b-practice"], "the failures on C remediate its weakest prerequisite first");
        right.Select(s => s.Competency.Value).Should().ContainInOrder("X", "C");

        // One step elsewhere (on X) ends the streak: C comes back before X.
        var after = recommender.Recommend(Request(Stuck("x"), RecommendationMode.Ranked)).Steps;
        after.Select(s => s.Competency.Value).Should().ContainInOrder("C", "X");
    }

    [Fact]
    public void WithNothingTeachableElsewhere_TheStuckGoalKeepsItsPlace_AheadOfAReview()
    {
        // C's ten failures, then a correct answer on B (which closes the run, so remediation now waits for 6 failures),
        // then one more failure on C: still stuck without progress, right after a step on it, and nothing to remediate.
        // B is due for review at recall 0.85: it serves C, and waits behind learning on the way. With X and Y filtered
        // out, the only thing elsewhere is that review, which cannot teach what the learner lacks: no detour, C first.
        var log = Stuck("c").Evidence.ToList();
        log.Add(Evidence.ForActivity("b3", "ana", "b-practice", EvidenceOutcome.Correct, Now.AddHours(-5)));
        log.Add(Evidence.ForActivity("c-last", "ana", "c-practice", EvidenceOutcome.Incorrect, Now.AddHours(-1)));
        var state = Engine.Rebuild("ana", log);
        var withReview = Request(state, RecommendationMode.Ranked) with { DueReviews = [new DueReview("B", 0.85, Now.AddDays(-1))] };
        var closed = withReview with { Filter = new RecommendationFilter(excluded: ["x-practice", "y-practice"]) };

        var steps = AdaptiveRecommender.Default.Recommend(closed).Steps;

        steps.Select(s => (s.Competency.Value, s.Purpose)).Should().Equal(("C", RecommendationPurpose.Learn), ("B", RecommendationPurpose.Review));
        AdaptiveRecommender.Default.Recommend(withReview).Stuck.Select(s => s.Competency.Value).Should().Equal("C");

        // With X open the detour has somewhere to go: C goes last, after the review (which serves C) and X.
        AdaptiveRecommender.Default.Recommend(withReview).Steps.Select(s => s.Competency.Value).Should().Equal("B", "X", "C");
    }

    [Fact]
    public void WithoutTheDetour_TheStuckGoalKeepsItsPlaceOnTheGoalPath()
    {
        var recommender = new AdaptiveRecommender(new RecommenderOptions(wheelSpinningDetour: false));

        var steps = recommender.Recommend(Request(Stuck("c"), RecommendationMode.Ranked)).Steps;

        steps.Select(s => s.Competency.Value).Should().ContainInOrder("C", "X");
        RecommenderOptions.Default.WheelSpinningDetour.Should().BeTrue();
        RecommenderOptions.Default.Stretch.Should().BeFalse("stretch steps cost many steps where prerequisites really gate (the matrix)");
    }

    [Fact]
    public void AStuckCompetencyThatIsProgressing_IsNotDetouredFrom()
    {
        // Ten pieces on C without mastery, but the latest is correct: Familiar or above under the "latest" rollup, so the
        // learner is improving, only slowly, and is left to go on.
        var log = Stuck("c").Evidence.ToList();
        log.Add(Evidence.ForActivity("c-ok", "ana", "c-practice", EvidenceOutcome.FromScore(0.6), Now.AddHours(-2)));
        var state = Engine.Rebuild("ana", log);
        var snapshot = Engine.Assess(state, Now);
        snapshot.Get("C").Level.Should().BeOneOf(MasteryLevel.Familiar, MasteryLevel.Proficient);

        var steps = AdaptiveRecommender.Default.Recommend(Request(state, RecommendationMode.Ranked)).Steps;

        steps.Select(s => s.Competency.Value).Should().ContainInOrder("C", "X");
    }
}
