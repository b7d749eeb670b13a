using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.Retention;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;

namespace PersonalizedLearning.Tests.Recommendations;

/// <summary>
/// Which competencies become candidates, and as what (stretch, review, remediation), worked by hand on small frameworks
/// with the "latest score" rollup and the default policy (Proficient at 0.7, Mastered at 0.85 with two pieces) and the
/// default weights (need 1, readiness 0.5, goal relevance 1, urgency 0.5, difficulty fit 0.75, review due 1, profile fit
/// 0.5, novelty 0.5, time fit 0.5; sum 6.25). Without a profile, a predictor or available minutes, an unseen activity's
/// part is 0.75·0.5 + 0.5·0.5 + 0.5 + 0.5 = 1.625.
/// </summary>
public class AdaptiveRecommenderCandidateTests
{
    private static readonly DateTimeOffset Now = TestData.Start;

    // Stretch: P and Q are the prerequisites of D. D has a practice and a video, P and Q a practice each.
    private static readonly ActivityCatalog StretchCatalog = new ActivityCatalogBuilder(new CompetencyFrameworkBuilder("stretch")
            .AddCompetency("P", "P").AddCompetency("Q", "Q").AddCompetency("D", "D")
            .AddPrerequisite("P", "D").AddPrerequisite("Q", "D")
            .Build())
        .Add(new LearningActivity("p-practice", "p", ActivityKind.Practice, 10, TestData.Align("P")))
        .Add(new LearningActivity("q-practice", "q", ActivityKind.Practice, 10, TestData.Align("Q")))
        .Add(new LearningActivity("d-practice", "d", ActivityKind.Practice, 10, TestData.Align("D")))
        .Add(new LearningActivity("d-video", "d video", ActivityKind.Video, 10, TestData.Align("D"), LearningModality.Media))
        .Build();

    private static readonly PersonalizedLearningEngine StretchEngine = new(StretchCatalog, RollupMasteryModel.Latest());

    private static readonly AdaptiveRecommender Stretching = new(new RecommenderOptions(stretch: true));

    private static LearnerState Learner(PersonalizedLearningEngine engine, params (string Competency, double Score)[] pieces) =>
        engine.Rebuild("ana", pieces.Select((p, i) => Evidence.ForCompetency($"s{i}", "ana", p.Competency, EvidenceOutcome.FromScore(p.Score), Now.AddHours(-50 + i))));

    private static (string Activity, string Competency, RecommendationPurpose Purpose)[] Stretch(
        LearnerState state, bool goal = true, ImmutableArray<Evidence> history = default) =>
        [.. Stretching.Recommend(StretchEngine.CreateRequest(state, 3, new LearnerProfile("ana", goal ? [new LearningGoal("D")] : []), Now)
                with { History = history.IsDefault ? [] : history })
            .Steps.Select(s => (s.Activity.Id.Value, s.Competency.Value, s.Purpose))];

    [Fact]
    public void Stretch_ADependentOfTwoProficientPrerequisitesOnTheWay_IsOfferedOnce_BeforeThem()
    {
        // P and Q at 0.75 (Proficient, on the frontier); D, the goal, untouched. D's stretch: need 1, readiness
        // (0.75 + 0.75) / 2 = 0.75 → 0.375, goal 1: 2.375; its activities tie at 2.375 + 1.625 = 4 → 0.64, and for a
        // competency not started the video (instruction) comes before the practice. P and Q: need 0.25, readiness 1 →
        // 0.5, goal 1: 1.75 + 1.625 = 3.375 → 0.54. D is reached from P and from Q, and offered once.
        var state = Learner(StretchEngine, ("P", 0.75), ("Q", 0.75));

        var steps = Stretching.Recommend(StretchEngine.CreateRequest(state, 3, new LearnerProfile("ana", [new LearningGoal("D")]), Now) with { History = [] }).Steps;

        steps.Select(s => (s.Activity.Id.Value, s.Competency.Value, s.Purpose)).Should().Equal(
            ("d-video", "D", RecommendationPurpose.Stretch), ("p-practice", "P", RecommendationPurpose.Learn), ("q-practice", "Q", RecommendationPurpose.Learn));
        steps.Select(s => s.Score).Should().Equal([4 / 6.25, 3.375 / 6.25, 3.375 / 6.25], (a, e) => Math.Abs(a - e) < 1e-12);
        steps[0].Signals.Readiness.Should().Be(0.75);
    }

    [Fact]
    public void Stretch_OffTheWayToAGoal_IsNotOffered()
    {
        Stretch(Learner(StretchEngine, ("P", 0.75), ("Q", 0.75)), goal: false).Select(s => s.Competency).Should().Equal("P", "Q");
    }

    [Fact]
    public void Stretch_AfterAsManyFailuresAsRemediateTheDependent_GivesWayToRemediation()
    {
        // Three failures on D (exactly RemediateAfterFailures): no stretch; D's weakest prerequisite (P and Q tie at
        // 0.75, P first in topological order) is remediated instead (need 1: 2.5 + 1.625 → 0.66).
        ImmutableArray<Evidence> failures = [.. Enumerable.Range(0, 3).Select(i => Evidence.ForCompetency($"f{i}", "ana", "D", EvidenceOutcome.Incorrect, Now.AddHours(-3 + i)))];

        Stretch(Learner(StretchEngine, ("P", 0.75), ("Q", 0.75)), history: failures).Should().Equal(
            ("p-practice", "P", RecommendationPurpose.Remediate), ("q-practice", "Q", RecommendationPurpose.Learn));
        Stretch(Learner(StretchEngine, ("P", 0.75), ("Q", 0.75)), history: failures[..2]).Select(s => s.Purpose)
            .Should().Equal(RecommendationPurpose.Stretch, RecommendationPurpose.Learn, RecommendationPurpose.Learn);
    }

    [Fact]
    public void Stretch_NeedsEachPrerequisiteMasteredOrProficient()
    {
        // Q mastered and P proficient: D stretches (two competencies for three choices, so D's second activity fills
        // the third). Q untouched (a frontier competency below Proficient): D waits.
        Stretch(Learner(StretchEngine, ("P", 0.75), ("Q", 1), ("Q", 1))).Should().Equal(
            ("d-video", "D", RecommendationPurpose.Stretch), ("p-practice", "P", RecommendationPurpose.Learn), ("d-practice", "D", RecommendationPurpose.Stretch));
        Stretch(Learner(StretchEngine, ("P", 0.75))).Should().OnlyContain(s => s.Purpose == RecommendationPurpose.Learn)
            .And.HaveCount(2);
    }

    // Two dependents of one prerequisite: P → X, P → Y (declared Y first, so Y is earlier in topological order). P is
    // mastered at 0.9.
    private static readonly ActivityCatalog TwoCatalog = new ActivityCatalogBuilder(new CompetencyFrameworkBuilder("two")
            .AddCompetency("P", "P").AddCompetency("Y", "Y").AddCompetency("X", "X")
            .AddPrerequisite("P", "X").AddPrerequisite("P", "Y")
            .Build())
        .Add(new LearningActivity("p-practice", "p", ActivityKind.Practice, 10, TestData.Align("P")))
        .Add(new LearningActivity("x-practice", "x", ActivityKind.Practice, 10, TestData.Align("X")))
        .Add(new LearningActivity("y-practice", "y", ActivityKind.Practice, 10, TestData.Align("Y")))
        .Build();

    private static readonly PersonalizedLearningEngine TwoEngine = new(TwoCatalog, RollupMasteryModel.Latest());

    private static NextStepRequest TwoRequest(ImmutableArray<Evidence> history, LearnerProfile? profile = null) =>
        TwoEngine.CreateRequest(Learner(TwoEngine, ("P", 0.9), ("P", 0.9)), 3, profile, Now) with { History = history };

    // Failures on the competencies given, the first one newest: the remediation rule lists failing competencies newest first.
    private static ImmutableArray<Evidence> Failures(params (string Competency, int Count)[] runs)
    {
        var pieces = new List<Evidence>();
        var t = Now;
        foreach (var (competency, count) in runs)
        {
            for (var i = 0; i < count; i++)
            {
                t = t.AddMinutes(-1);
                pieces.Add(Evidence.ForCompetency($"{competency}{i}", "ana", competency, EvidenceOutcome.Incorrect, t));
            }
        }

        pieces.Reverse();
        return [.. pieces];
    }

    [Theory]
    [InlineData("X", 4, "Y", 3, "X", 4)] // more failures win, though read first and later in topological order
    [InlineData("X", 3, "Y", 4, "Y", 4)]
    [InlineData("X", 3, "Y", 3, "Y", 3)] // a tie goes to Y, earlier in topological order, whichever is read first
    [InlineData("Y", 3, "X", 3, "Y", 3)]
    public void Remediation_OfAPrerequisiteOfTwoFailingCompetencies_NamesTheOneWithMoreFailures_ThenTheEarlier(
        string newest, int newestFailures, string older, int olderFailures, string named, int failures)
    {
        TwoCatalog.Framework.TopologicalOrder.Select(c => c.Value).Should().Equal("P", "Y", "X");

        var remediation = AdaptiveRecommender.Default.Recommend(TwoRequest(Failures((newest, newestFailures), (older, olderFailures))))
            .Steps.Single(s => s.Purpose == RecommendationPurpose.Remediate);

        remediation.Competency.Value.Should().Be("P");
        remediation.RemediationFor.Should().Be(new CompetencyId(named));
        remediation.Failures.Should().Be(failures);
    }

    [Fact]
    public void Readiness_IsTheMeanEstimateOfThePrerequisites()
    {
        // X's only prerequisite P is at 0.9: readiness 0.9, though P is mastered.
        var x = AdaptiveRecommender.Default.Recommend(TwoRequest([])).Steps.Single(s => s.Competency == "X");

        x.Signals.Readiness.Should().Be(0.9);
        x.Score.Should().BeApproximately((1 + (0.5 * 0.9) + 1.625) / 6.25, 1e-12);
    }

    [Fact]
    public void DueReview_OfAMasteredCompetencyWhosePrerequisiteIsNot_IsNotACandidate()
    {
        // X mastered directly (two pieces at 1) while P is not: a due review of X is no candidate, nor is X otherwise.
        var state = Learner(TwoEngine, ("X", 1), ("X", 1));
        var request = TwoEngine.CreateRequest(state, 5, null, Now) with { History = [], DueReviews = [new DueReview("X", 0.5, Now.AddDays(-1))] };

        AdaptiveRecommender.Default.Recommend(request).Steps.Select(s => s.Competency.Value).Should().Equal("P");
    }

    [Fact]
    public void PrerequisiteReview_AtRecallExactly0Point8_StillWaitsForLearningOnTheWay()
    {
        // Goal X; P, mastered at 0.9, due at recall 0.8 (the bound is "below 0.8"), serves X. Review due weighs 10, so the
        // review outscores X: P 0.1 + 0.5 + 1 + 10·(1 − 0.4) = 7.6, X 1 + 0.45 + 1 = 2.45 (each + 1.625); but a
        // prerequisite review not below 0.8 waits behind learning on the way.
        var reviewHeavy = new AdaptiveRecommender(new RecommenderOptions(weights: RecommendationSignals.DefaultWeights with { ReviewDue = 10 }));
        var request = TwoRequest([], new LearnerProfile("ana", [new LearningGoal("X")])) with
        {
            Mode = RecommendationMode.Ranked,
            DueReviews = [new DueReview("P", 0.8, Now.AddDays(-1))],
        };

        var steps = reviewHeavy.Recommend(request).Steps;

        steps.Select(s => (s.Competency.Value, s.Purpose)).Should().Equal(("X", RecommendationPurpose.Learn), ("P", RecommendationPurpose.Review), ("Y", RecommendationPurpose.Learn));
        steps[0].Score.Should().BeApproximately((2.45 + 1.625) / 15.25, 1e-12);
        steps[1].Score.Should().BeApproximately((7.6 + 1.625) / 15.25, 1e-12);
    }
}
