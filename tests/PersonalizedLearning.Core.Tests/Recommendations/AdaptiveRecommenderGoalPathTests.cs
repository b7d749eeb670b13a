using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;

namespace PersonalizedLearning.Tests.Recommendations;

/// <summary>
/// The competencies the recommender marks as on the way to each goal, with the goal each is marked for (the profile slot
/// of the goal that matters most: nearest date first, then profile order), worked by hand; with and without a request's
/// prerequisite gating (with gating the recommender walks the way itself). And the per-thread working memory: a call
/// allocates only its result, and the candidate list grows past its initial 256.
/// </summary>
public class AdaptiveRecommenderGoalPathTests
{
    private static readonly DateTimeOffset Now = TestData.Start;

    private static (string Competency, int Goal)[] Marks(ActivityCatalog catalog, MasterySnapshot mastery, PrerequisiteGating? gating, params LearningGoal[] goals) =>
        [.. AdaptiveRecommender.Default.GoalMarks(new NextStepRequest(catalog, mastery, 3, new LearnerProfile("ana", [.. goals])) { PrerequisiteGating = gating })
            .Select(m => (catalog.Framework.Competencies[m.Competency].Id.Value, m.GoalSlot)).OrderBy(m => m.Value, StringComparer.Ordinal)];

    // TestData.Diamond: A → B, A → C, B → D, C → D, D → E, all children of U.
    private static readonly ActivityCatalog Diamond = TestData.CatalogFor(TestData.Diamond());
    private static readonly PersonalizedLearningEngine DiamondEngine = new(Diamond, RollupMasteryModel.Latest());

    [Fact]
    public void GoalMarks_AGoalAndItsUnmasteredPrerequisites_OnAFreshThread()
    {
        // E's way: E, D, and through D, B, C and A; not the parent U. A fresh thread's working memory is sized to the
        // framework exactly.
        var marks = FreshThread.Run(() => Marks(Diamond, TestData.Mastered(DiamondEngine, "ana"), null, new LearningGoal("E")));

        marks.Should().Equal(("A", 0), ("B", 0), ("C", 0), ("D", 0), ("E", 0));
        Marks(Diamond, TestData.Mastered(DiamondEngine, "ana", "A", "B"), null, new LearningGoal("E")).Should().Equal(("C", 0), ("D", 0), ("E", 0));
    }

    [Fact]
    public void GoalMarks_ACompetencyOnTheWayToTwoGoals_IsMarkedForTheNearerDate_ThenTheFirstInProfileOrder()
    {
        // E (in 20 days) is listed before C (in 5): C comes first, and A, on both ways, is marked for C (slot 1).
        var none = TestData.Mastered(DiamondEngine, "ana");
        Marks(Diamond, none, null, new LearningGoal("E", Now.AddDays(20)), new LearningGoal("C", Now.AddDays(5)))
            .Should().Equal(("A", 1), ("B", 0), ("C", 1), ("D", 0), ("E", 0));

        // The same date: profile order, so E (slot 0) comes first and its way holds C and A.
        Marks(Diamond, none, null, new LearningGoal("E", Now.AddDays(5)), new LearningGoal("C", Now.AddDays(5)))
            .Should().Equal(("A", 0), ("B", 0), ("C", 0), ("D", 0), ("E", 0));
    }

    // TestData.Units: G ⊃ {U, D}, U ⊃ {B, C}, B → C, H ⊃ {K}, and Z. With a gating that knows no link, every
    // prerequisite is hard, and the recommender's own walk must mark what GoalPaths marks.
    private static readonly ActivityCatalog Units = TestData.Units();
    private static readonly PersonalizedLearningEngine UnitsEngine = new(Units, RollupMasteryModel.Latest());
    private static readonly PrerequisiteGating NoLinks = new(Units.Framework, []);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GoalMarks_AParentsUnmasteredChildren_NotAMasteredGoal_NorAGoalAlreadyOnAnEarlierWay(bool gated)
    {
        var gating = gated ? NoLinks : null;
        var none = TestData.Mastered(UnitsEngine, "ana");

        // U with B mastered: U and C. B, a goal too, is mastered: nothing more.
        Marks(Units, TestData.Mastered(UnitsEngine, "ana", "B"), gating, new LearningGoal("U"), new LearningGoal("B"))
            .Should().Equal(("C", 0), ("U", 0));

        // U, then C: C is on U's way already, and stays marked for U.
        Marks(Units, none, gating, new LearningGoal("U"), new LearningGoal("C")).Should().Equal(("B", 0), ("C", 0), ("U", 0));

        // B, then C: B, C's prerequisite, is on B's own way already, and stays marked for B.
        Marks(Units, none, gating, new LearningGoal("B"), new LearningGoal("C")).Should().Equal(("B", 0), ("C", 1));
    }

    [Fact]
    public void WithGating_OneFailureOnAFrontierGoal_RemediatesWhenOneFailureIsEnough()
    {
        // B mastered, goal C (on the frontier), remediation after 1 failure: C's practice failed once, so its weakest
        // prerequisite B is remediated, with gating (no link known: nothing to start early) as without.
        var recommender = new AdaptiveRecommender(new RecommenderOptions(remediateAfterFailures: 1));
        foreach (var gating in new[] { NoLinks, null })
        {
            var request = new NextStepRequest(Units, TestData.Mastered(UnitsEngine, "ana", "B"), 5, new LearnerProfile("ana", [new LearningGoal("C")]))
            {
                Mode = RecommendationMode.Ranked,
                PrerequisiteGating = gating,
                History = [Evidence.ForActivity("f1", "ana", "c-practice", EvidenceOutcome.Incorrect, Now.AddMinutes(-1))],
            };

            recommender.Recommend(request).Steps.Where(s => s.Purpose == RecommendationPurpose.Remediate)
                .Select(s => (s.Competency.Value, s.RemediationFor!.Value.Value, s.Failures)).Distinct().Should().Equal([("B", "C", 1)]);
        }
    }

    [Fact]
    public void ARecommendation_OnAFreshThread_AllocatesOnlyItsResult_AndNothingWhenThereIsNoStep()
    {
        // After one call sizes the working memory (exactly: six competencies, fifteen activities, one goal), a call with
        // a goal allocates its array of steps only, and a call with nothing to offer allocates nothing.
        var request = new NextStepRequest(Diamond, TestData.Mastered(DiamondEngine, "ana"), 3, new LearnerProfile("ana", [new LearningGoal("E", Now.AddDays(9))]));
        var done = new NextStepRequest(Diamond, TestData.Mastered(DiamondEngine, "ana", "U", "A", "B", "C", "D", "E"), 3, request.Profile);

        var (steps, callBytes, arrayBytes, emptyBytes, emptySteps) = FreshThread.Run(() =>
        {
            var recommender = AdaptiveRecommender.Default;
            recommender.Recommend(request);
            recommender.Recommend(done);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var result = recommender.Recommend(request);
            var call = GC.GetAllocatedBytesForCurrentThread() - before;
            before = GC.GetAllocatedBytesForCurrentThread();
            var array = new NextStep[result.Steps.Length];
            var arrayCost = GC.GetAllocatedBytesForCurrentThread() - before;
            before = GC.GetAllocatedBytesForCurrentThread();
            var empty = recommender.Recommend(done);
            var emptyCost = GC.GetAllocatedBytesForCurrentThread() - before;
            return (array.Length, call, arrayCost, emptyCost, empty.Steps.Length);
        });

        steps.Should().Be(3, "A is the only competency ready with activities (U has none): its three activities are the three choices");
        callBytes.Should().Be(arrayBytes);
        emptySteps.Should().Be(0);
        emptyBytes.Should().Be(0);
    }

    private static (ActivityCatalog Catalog, PersonalizedLearningEngine Engine) Flat(int competencies)
    {
        var builder = new CompetencyFrameworkBuilder("flat");
        for (var i = 0; i < competencies; i++)
        {
            builder.AddCompetency($"c{i:000}", $"C{i}");
        }

        var framework = builder.Build();
        var catalog = new ActivityCatalogBuilder(framework);
        foreach (var c in framework.Competencies)
        {
            catalog.Add(new LearningActivity($"{c.Id.Value}-practice", c.Title, ActivityKind.Practice, 10, [new(c.Id)]));
        }

        var built = catalog.Build();
        return (built, new PersonalizedLearningEngine(built, RollupMasteryModel.Latest()));
    }

    [Fact]
    public void TwoHundredFiftySevenCandidates_OnAFreshThread_AreAllConsidered()
    {
        // 257 competencies without prerequisites, one more than the working memory's initial candidate list: all tie,
        // and the first three in topological order are the choices.
        var (catalog, engine) = Flat(257);
        var request = engine.CreateRequest(engine.CreateLearner("ana"), 3, null, Now);

        FreshThread.Run(() => AdaptiveRecommender.Default.Recommend(request).Steps).Select(s => s.Competency.Value)
            .Should().Equal("c000", "c001", "c002");
    }

    [Fact]
    public void AWheelSpinningDetour_AmongExactlyTwoHundredFiftySixCandidates_OnAFreshThread()
    {
        // c000 failed ten times, the last just now: stuck, so it is detoured from (the list of candidates is exactly as
        // long as the working memory's initial one). The 255 others tie; the first three in topological order are the choices.
        var (catalog, engine) = Flat(256);
        var state = engine.Rebuild("ana", Enumerable.Range(0, 10).Select(i => Evidence.ForActivity($"f{i}", "ana", "c000-practice", EvidenceOutcome.Incorrect, Now.AddHours(-20 + i))));
        var request = engine.CreateRequest(state, 3, null, Now);

        FreshThread.Run(() => AdaptiveRecommender.Default.Recommend(request).Steps).Select(s => s.Competency.Value)
            .Should().Equal("c001", "c002", "c003");
    }

    [Fact]
    public void RecommenderPolicy_UsesTheRecommenderItIsGiven()
    {
        var recommender = new AdaptiveRecommender(new RecommenderOptions(stretch: true));

        new RecommenderPolicy(recommender).Recommender.Should().BeSameAs(recommender);
        new RecommenderPolicy().Recommender.Should().BeSameAs(AdaptiveRecommender.Default);
    }
}
