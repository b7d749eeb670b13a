using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;

namespace PersonalizedLearning.Tests.Recommendations;

/// <summary>
/// Shortcuts past prerequisites that gate weakly, worked by hand: A → B → C → G with the goal G, a second prerequisite
/// D → G, and X off the goal. The "latest score" rollup with the default mastery policy: mastered on 2 pieces of evidence
/// (c = 2). With the link C → G at factor f (its lower bound) and ready rate T, starting G before C is quicker when
/// n·(1 + c·T) &gt; 1 / f − 1, n counting the unmastered competencies of C's closure (C, B, A: 3 from the start).
/// </summary>
public class PrerequisiteShortcutTests
{
    private static readonly DateTimeOffset Now = TestData.Start;

    private static readonly CompetencyFramework Framework = new CompetencyFrameworkBuilder("shortcut")
        .AddCompetency("A", "A").AddCompetency("B", "B").AddCompetency("C", "C").AddCompetency("D", "D").AddCompetency("G", "G").AddCompetency("X", "X")
        .AddPrerequisite("A", "B").AddPrerequisite("B", "C").AddPrerequisite("C", "G").AddPrerequisite("D", "G")
        .Build();

    private static readonly ActivityCatalog Catalog = new ActivityCatalogBuilder(Framework)
        .Add(new LearningActivity("a-practice", "a", ActivityKind.Practice, 10, TestData.Align("A")))
        .Add(new LearningActivity("b-practice", "b", ActivityKind.Practice, 10, TestData.Align("B")))
        .Add(new LearningActivity("c-practice", "c", ActivityKind.Practice, 10, TestData.Align("C")))
        .Add(new LearningActivity("d-practice", "d", ActivityKind.Practice, 10, TestData.Align("D")))
        .Add(new LearningActivity("g-practice", "g", ActivityKind.Practice, 10, TestData.Align("G")))
        .Add(new LearningActivity("x-practice", "x", ActivityKind.Practice, 10, TestData.Align("X")))
        .Build();

    private static readonly PersonalizedLearningEngine Engine = new(Catalog, RollupMasteryModel.Latest());

    // D mastered unless told otherwise, so that C is G's only unmastered prerequisite; then the given extra evidence.
    private static LearnerState State(bool dMastered = true, params (string Activity, bool Correct)[] extra)
    {
        var log = new List<Evidence>();
        var t = Now.AddHours(-40);
        if (dMastered)
        {
            log.Add(Evidence.ForActivity("d1", "ana", "d-practice", EvidenceOutcome.Correct, t = t.AddMinutes(10)));
            log.Add(Evidence.ForActivity("d2", "ana", "d-practice", EvidenceOutcome.Correct, t = t.AddMinutes(10)));
        }

        var i = 0;
        foreach (var (activity, correct) in extra)
        {
            log.Add(Evidence.ForActivity($"e{i++}", "ana", activity, correct ? EvidenceOutcome.Correct : EvidenceOutcome.Incorrect, t = t.AddMinutes(10)));
        }

        return Engine.Rebuild("ana", log);
    }

    private static PrerequisiteGating Gating(double factorLower, double learnReady = 0.2, bool dWeak = false)
    {
        var links = new List<PrerequisiteLinkGating> { new("C", "G", learnReady, factorLower * learnReady, factorLower, 1, 100, 100, 30) };
        if (dWeak)
        {
            links.Add(new("D", "G", learnReady, factorLower * learnReady, factorLower, 1, 100, 100, 30));
        }

        return new PrerequisiteGating(Framework, links);
    }

    private static NextStepResult Recommend(LearnerState state, PrerequisiteGating? gating, AdaptiveRecommender? recommender = null) =>
        (recommender ?? AdaptiveRecommender.Default).Recommend(
            Engine.CreateRequest(state, 10, new LearnerProfile("ana", [new LearningGoal("G", Now.AddDays(14))]), Now) with
            {
                Mode = RecommendationMode.Ranked,
                PrerequisiteGating = gating,
            });

    private static string[] Competencies(NextStepResult result) => [.. result.Steps.Select(s => s.Competency.Value)];

    [Fact]
    public void WithoutGating_OrWithAHardLink_TheGoalWaitsForItsPrerequisites()
    {
        var none = Recommend(State(), null);
        Competencies(none).Should().NotContain("G");
        Competencies(none)[0].Should().Be("A", "A is the frontier on the way to G");

        var hard = Recommend(State(), new PrerequisiteGating(Framework, [PrerequisiteLinkGating.Hard("C", "G")]));
        hard.Steps.Should().Equal(none.Steps, "a hard link is what the engine assumes without gating");
    }

    [Fact]
    public void AWeakEnoughLink_StartsTheGoalNow_AsAShortcut()
    {
        // f = 0.5, T = 0.2: 1/f − 1 = 1, over 1 + 2·0.2 = 1.4: 0.71; n = 3 > 0.71.
        var steps = Recommend(State(), Gating(0.5)).Steps;

        var shortcut = steps.Single(s => s.Competency.Value == "G");
        shortcut.Purpose.Should().Be(RecommendationPurpose.Shortcut);
        shortcut.GetReasons()[0].Code.Should().Be(RecommendationReasonCode.Shortcut);
        // The goal's path is now G alone: G comes first, and A (no longer on the way) is offered with X after it.
        steps[0].Competency.Value.Should().Be("G");
        steps.Select(s => s.Competency.Value).Should().BeEquivalentTo(["G", "A", "X"], "B and C are not on the frontier");
    }

    [Theory]
    [InlineData(0.25, true)] // 1/f − 1 = 3, over 1.4: 2.14 < n = 3
    [InlineData(0.15, false)] // 5.67 / 1.4 = 4.05 > n = 3
    [InlineData(0.0, false)]
    public void TheShortcutIsTakenOnlyWhenItIsQuicker_ByTheCostModel(double factorLower, bool taken)
    {
        Competencies(Recommend(State(), Gating(factorLower))).Contains("G").Should().Be(taken);
    }

    [Fact]
    public void MasteringPartOfThePrerequisitesClosure_CanMakeTheShortcutNotWorthIt()
    {
        // f = 0.25: the threshold is 2.14. From the start n = 3 (A, B, C): shortcut. With A mastered n = 2: learn B, C first.
        var aMastered = State(true, ("a-practice", true), ("a-practice", true));
        Competencies(Recommend(aMastered, Gating(0.25))).Should().NotContain("G");
        Competencies(Recommend(aMastered, Gating(0.25)))[0].Should().Be("B");
    }

    [Fact]
    public void AnotherUnmasteredHardPrerequisite_HoldsTheGoalBack_UntilItIsMastered()
    {
        // D → G has no gating (hard) and D is not mastered: G waits for D, and D is on the way (first); C is skipped.
        var withoutD = Recommend(State(dMastered: false), Gating(0.5));
        Competencies(withoutD).Should().NotContain("G");
        Competencies(withoutD).Should().ContainInOrder("D", "X");

        // Both links weak: G is a shortcut again.
        Recommend(State(dMastered: false), Gating(0.5, dWeak: true)).Steps.Single(s => s.Competency.Value == "G").Purpose.Should().Be(RecommendationPurpose.Shortcut);
    }

    [Fact]
    public void AShortcutGetsTheAttemptsItsSlowerLearningExplains_ThenThePrerequisitesComeFirst()
    {
        // The link promises learning G at f·T = 0.5·0.2 = 0.1 per step without C: about 10 steps, and 2 answers to confirm
        // it, so 12 failures (not the usual 3) before C, G's weakest prerequisite, is remediated.
        var eleven = Enumerable.Repeat(("g-practice", false), 11).ToArray();
        Recommend(State(true, eleven), Gating(0.5)).Steps.Should().NotContain(s => s.Purpose == RecommendationPurpose.Remediate);
        Recommend(State(true, eleven), Gating(0.5)).Steps.Should().Contain(s => s.Competency.Value == "G" && s.Purpose == RecommendationPurpose.Shortcut);

        // Twelve answers on G without mastering it: the link gates this learner, whatever the class showed. G is no longer
        // a shortcut (not offered); its failures remediate C at once, and C's closure is back on the way (A first).
        var twelve = Enumerable.Repeat(("g-practice", false), 12).ToArray();
        var steps = Recommend(State(true, twelve), Gating(0.5)).Steps;
        steps.Should().NotContain(s => s.Competency.Value == "G");
        var remediation = steps.Single(s => s.Purpose == RecommendationPurpose.Remediate);
        remediation.Competency.Value.Should().Be("C");
        remediation.RemediationFor.Should().Be(new CompetencyId("G"));
        steps.Select(s => s.Competency.Value).Should().Contain("A");
    }

    [Fact]
    public void AShortcutNeverLeaksIntoTheNextCallOnTheSameThread()
    {
        // The recommender's working memory is per thread: a call without goals (or without gating) after one that took a
        // shortcut must not see it.
        Recommend(State(), Gating(0.5)).Steps.Should().Contain(s => s.Purpose == RecommendationPurpose.Shortcut);
        var noGoals = AdaptiveRecommender.Default.Recommend(Engine.CreateRequest(State(), 10, null, Now) with { Mode = RecommendationMode.Ranked });
        noGoals.Steps.Select(s => s.Competency.Value).Should().BeEquivalentTo(["A", "X"]);
        Recommend(State(), null).Steps.Should().NotContain(s => s.Purpose == RecommendationPurpose.Shortcut);
    }

    [Fact]
    public void GoalPathsOnly_OffersNothingOffTheWay_AndNothingOnceTheGoalsAreMastered()
    {
        var onlyPaths = new AdaptiveRecommender(new RecommenderOptions(goalPathsOnly: true));
        Competencies(Recommend(State(), null, onlyPaths)).Should().Equal("A");
        Competencies(Recommend(State(), Gating(0.5), onlyPaths)).Should().Equal(["G"], "past the skipped C, A is not on the way to G");

        var goalMastered = State(true, ("g-practice", true), ("g-practice", true));
        Recommend(goalMastered, Gating(0.5), onlyPaths).Steps.Should().BeEmpty();

        // Stuck on X, off every goal's path (ten failures, the last just now): no detour exception, still nothing.
        var stuckOffPath = State(true, [("g-practice", true), ("g-practice", true), .. Enumerable.Repeat(("x-practice", false), 10)]);
        Recommend(stuckOffPath, Gating(0.5), onlyPaths).Steps.Should().BeEmpty();
        Competencies(Recommend(goalMastered, Gating(0.5))).Should().Contain("X", "without the option, what is off the way is offered");
    }

    [Fact]
    public void GoalPathsOnly_WithoutGoalPathsFirst_StillOffersNothingOffTheWay()
    {
        // The two options are independent, so the pair is allowed (RecommenderOptions): goalPathsFirst orders what is
        // offered, goalPathsOnly limits it. Without the tiers, X (off the way to G) is offered; with the limit, only A.
        var ordered = new AdaptiveRecommender(new RecommenderOptions(goalPathsFirst: false));
        Competencies(Recommend(State(), null, ordered)).Should().BeEquivalentTo(["A", "X"]);

        var limited = new AdaptiveRecommender(new RecommenderOptions(goalPathsFirst: false, goalPathsOnly: true));
        Competencies(Recommend(State(), null, limited)).Should().Equal("A");
        Recommend(State(true, ("g-practice", true), ("g-practice", true)), null, limited).Steps.Should().BeEmpty("with the goal mastered nothing is on the way");
    }

    [Fact]
    public void AGatingForAnotherFramework_IsRefused_AndTheRequestKeepsNone()
    {
        var other = new CompetencyFrameworkBuilder("shortcut")
            .AddCompetency("A", "A").AddCompetency("B", "B").AddCompetency("C", "C").AddCompetency("D", "D").AddCompetency("G", "G").AddCompetency("X", "X")
            .AddPrerequisite("A", "B").AddPrerequisite("B", "C").AddPrerequisite("C", "G").AddPrerequisite("D", "G")
            .Build();
        var request = Engine.CreateRequest(State(), 3, null, Now);
        var act = () => request with { PrerequisiteGating = new PrerequisiteGating(other, []) };

        act.Should().Throw<ArgumentException>().WithParameterName("PrerequisiteGating");
        request.PrerequisiteGating.Should().BeNull();
    }
}
