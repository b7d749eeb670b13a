using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;

namespace PersonalizedLearning.Tests.Recommendations;

/// <summary>
/// The recommender at its edges: modalities the library does not define or a learner lists twice, shortcuts past a
/// weakly gating prerequisite (with stretch steps, and the learners for whom no shortcut is taken), long walks on a goal
/// path, and the per-thread working memory when its generation and closure-round counters wrap.
/// </summary>
public class AdaptiveRecommenderEdgeTests
{
    private static readonly DateTimeOffset Now = TestData.Start;

    [Fact]
    public void ProfileFit_AModalityListedTwiceCountsOnce_AndAnUndefinedOneIsSkipped()
    {
        // Preferred: an undefined modality (skipped), HandsOn, HandsOn again (skipped), Media: two ranks, so HandsOn fits
        // 1 − 0/2 = 1 and Media 1 − 1/2 = 0.5. (An activity cannot have an undefined modality: LearningActivity refuses it.)
        var undefined = (LearningModality)Enum.GetValues<LearningModality>().Length;
        var catalog = new ActivityCatalogBuilder(new CompetencyFrameworkBuilder("modes").AddCompetency("M", "M").Build())
            .Add(new LearningActivity("m-hands", "hands", ActivityKind.Practice, 10, TestData.Align("M"), LearningModality.HandsOn))
            .Add(new LearningActivity("m-media", "media", ActivityKind.Practice, 10, TestData.Align("M"), LearningModality.Media))
            .Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var profile = new LearnerProfile("ana", preferredModalities: [undefined, LearningModality.HandsOn, LearningModality.HandsOn, LearningModality.Media]);

        var steps = AdaptiveRecommender.Default.Recommend(engine.CreateRequest(engine.CreateLearner("ana"), 2, profile, Now) with { Mode = RecommendationMode.Ranked }).Steps;

        steps.Select(s => (s.Activity.Id.Value, s.Signals.ProfileFit)).Should().Equal(("m-hands", 1.0), ("m-media", 0.5));
        steps.Select(s => s.PreferredModality).Should().Equal(true, true);
    }

    // C → G and C → Y. G, the goal, has a practice and a video.
    private static readonly ActivityCatalog Gate = new ActivityCatalogBuilder(new CompetencyFrameworkBuilder("gate")
            .AddCompetency("C", "C").AddCompetency("G", "G").AddCompetency("Y", "Y")
            .AddPrerequisite("C", "G").AddPrerequisite("C", "Y")
            .Build())
        .Add(new LearningActivity("c-practice", "c", ActivityKind.Practice, 10, TestData.Align("C")))
        .Add(new LearningActivity("g-practice", "g", ActivityKind.Practice, 10, TestData.Align("G")))
        .Add(new LearningActivity("g-video", "g video", ActivityKind.Video, 10, TestData.Align("G")))
        .Add(new LearningActivity("y-practice", "y", ActivityKind.Practice, 10, TestData.Align("Y")))
        .Build();

    private static readonly PersonalizedLearningEngine GateEngine = new(Gate, RollupMasteryModel.Latest());

    // Weak links (factor lower bound 0.9, ready rate 0.5): starting G before C is quicker when n·(1 + 2·0.5) > 1/0.9 − 1,
    // already for n = 1 (C alone). Learning G without C at 0.9·0.5 = 0.45 per step takes ⌈1/0.45⌉ = 3 steps and 2 answers
    // to confirm: a learner is given 5 answers.
    private static PrerequisiteLinkGating Weak(string dependent) => new("C", dependent, 0.5, 0.45, 0.9, 1, 100, 100, 30);

    private static (string Activity, string Competency, RecommendationPurpose Purpose)[] GateSteps(
        LearnerState state, PrerequisiteGating gating, bool stretch = false) =>
        [.. new AdaptiveRecommender(new RecommenderOptions(stretch: stretch)).Recommend(
                GateEngine.CreateRequest(state, 3, new LearnerProfile("ana", [new LearningGoal("G")]), Now) with { PrerequisiteGating = gating })
            .Steps.Select(s => (s.Activity.Id.Value, s.Competency.Value, s.Purpose))];

    private static LearnerState GateLearner(params (string Competency, double Score)[] pieces) =>
        GateEngine.Rebuild("ana", pieces.Select((p, i) => Evidence.ForCompetency($"p{i}", "ana", p.Competency, EvidenceOutcome.FromScore(p.Score), Now.AddHours(-60 + i))));

    private static readonly (string, string, RecommendationPurpose)[] Shortcut =
        [("g-video", "G", RecommendationPurpose.Shortcut), ("c-practice", "C", RecommendationPurpose.Learn), ("g-practice", "G", RecommendationPurpose.Shortcut)];

    [Fact]
    public void AShortcutThatIsAlsoAStretch_IsOfferedOnce()
    {
        // C proficient (0.75): G, the goal, is a stretch, and a shortcut too (C gates it weakly). Offered once: its
        // video first (not started: instruction first), then C (off the way, C being skipped), then G's practice filling
        // the third choice.
        GateSteps(GateLearner(("C", 0.75)), new PrerequisiteGating(Gate.Framework, [Weak("G")]), stretch: true).Should().Equal(
            ("g-video", "G", RecommendationPurpose.Stretch), ("c-practice", "C", RecommendationPurpose.Learn), ("g-practice", "G", RecommendationPurpose.Stretch));
    }

    [Fact]
    public void Shortcuts_AreTakenForALearnerWhoHasNotYetSpentTheAnswersAShortcutGets()
    {
        var gating = new PrerequisiteGating(Gate.Framework, [Weak("G"), Weak("Y")]);

        // Nothing done: G is a shortcut.
        GateSteps(GateLearner(), gating).Should().Equal(Shortcut);

        // One answer on G (of 5): still.
        GateSteps(GateLearner(("G", 0)), gating).Should().Equal(Shortcut);

        // Y mastered without C after 5 answers: mastered, so no sign that C gates this learner.
        GateSteps(GateLearner([.. Enumerable.Repeat(("Y", 1.0), 5)]), gating).Should().Equal(Shortcut);

        // Thirty answers on Y, not mastered, lacking C through a link with no gating known (hard): that is not a weak
        // link failing, and G is still a shortcut (C, Y's weakest prerequisite, is remediated for Y's failures).
        GateSteps(GateLearner([.. Enumerable.Repeat(("Y", 0.0), 30)]), new PrerequisiteGating(Gate.Framework, [Weak("G")])).Should().Equal(
            ("g-video", "G", RecommendationPurpose.Shortcut), ("c-practice", "C", RecommendationPurpose.Remediate), ("g-practice", "G", RecommendationPurpose.Shortcut));

        // Five answers on Y, not mastered, lacking C through a weak link: C gates this learner, and G waits for C.
        GateSteps(GateLearner([.. Enumerable.Repeat(("Y", 0.0), 5)]), gating).Select(s => s.Competency).Should().Equal("C");
    }

    [Fact]
    public void GoalMarks_WithGating_AGoalWithSixtyFivePrerequisites_OnAFreshThread()
    {
        // The walk's stack starts at 64 places: the goal's 65 prerequisites, all hard (no link known), are all marked.
        var builder = new CompetencyFrameworkBuilder("wide").AddCompetency("goal", "goal");
        for (var i = 0; i < 65; i++)
        {
            builder.AddCompetency($"p{i:00}", $"P{i}").AddPrerequisite($"p{i:00}", "goal");
        }

        var framework = builder.Build();
        var catalog = new ActivityCatalogBuilder(framework).Add(new LearningActivity("goal-practice", "goal", ActivityKind.Practice, 10, TestData.Align("goal"))).Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var request = new NextStepRequest(catalog, engine.Assess(engine.CreateLearner("ana"), Now), 3, new LearnerProfile("ana", [new LearningGoal("goal")]))
        {
            PrerequisiteGating = new PrerequisiteGating(framework, []),
        };

        var marks = FreshThread.Run(() => AdaptiveRecommender.Default.GoalMarks(request));

        marks.Should().HaveCount(66).And.OnlyContain(m => m.GoalSlot == 0);
    }

    [Fact]
    public void AfterTheGenerationCounterWraps_NoStaleMarkLooksCurrent()
    {
        // One call marks E's way (A to E) with generation 1; the counter is then set to its largest value, so the next
        // call, for a learner without goals, starts again at generation 1: only the stamps cleared at the wrap keep E's
        // way from looking current.
        var catalog = TestData.CatalogFor(TestData.Diamond());
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var mastery = engine.Assess(engine.CreateLearner("ana"), Now);
        var withGoal = new NextStepRequest(catalog, mastery, 3, new LearnerProfile("ana", [new LearningGoal("E")]));
        var withoutGoal = new NextStepRequest(catalog, mastery, 3, new LearnerProfile("ana"));

        var steps = FreshThread.Run(() =>
        {
            AdaptiveRecommender.Default.Recommend(withGoal).Steps.Should().OnlyContain(s => s.Goal == new CompetencyId("E"));
            var scratch = RecommenderScratch.Rent(catalog.Framework.Count, catalog.Count);
            scratch.Generation = int.MaxValue;
            return AdaptiveRecommender.Default.Recommend(withoutGoal).Steps;
        });

        steps.Should().NotBeEmpty().And.OnlyContain(s => s.Goal == null && s.Signals.GoalRelevance == 0);
    }

    [Fact]
    public void AfterTheClosureRoundCounterWraps_TheShortcutIsStillWorkedOut()
    {
        // A → B → C → G, the goal, with C → G weak (f = 0.25, T = 0.2): 1/f − 1 = 3, over 1 + 2·0.2 = 1.4: 2.14 < n = 3
        // (C, B, A), so G is a shortcut. The walk that counts n marks C, B and A with its round; after the first call
        // the round counter is set to its largest value: at the wrap the marks are cleared and the rounds start again
        // at 1, the first call's round, whose marks would otherwise hide B and A.
        var catalog = new ActivityCatalogBuilder(new CompetencyFrameworkBuilder("chain")
                .AddCompetency("A", "A").AddCompetency("B", "B").AddCompetency("C", "C").AddCompetency("G", "G")
                .AddPrerequisite("A", "B").AddPrerequisite("B", "C").AddPrerequisite("C", "G")
                .Build())
            .Add(new LearningActivity("a-practice", "a", ActivityKind.Practice, 10, TestData.Align("A")))
            .Add(new LearningActivity("g-practice", "g", ActivityKind.Practice, 10, TestData.Align("G")))
            .Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var gating = new PrerequisiteGating(catalog.Framework, [new PrerequisiteLinkGating("C", "G", 0.2, 0.05, 0.25, 1, 100, 100, 30)]);
        var request = engine.CreateRequest(engine.CreateLearner("ana"), 3, new LearnerProfile("ana", [new LearningGoal("G")]), Now) with { PrerequisiteGating = gating };

        var (first, second) = FreshThread.Run(() =>
        {
            var before = AdaptiveRecommender.Default.Recommend(request).Steps;
            RecommenderScratch.Rent(catalog.Framework.Count, catalog.Count).ClosureRound = int.MaxValue;
            return (before, AdaptiveRecommender.Default.Recommend(request).Steps);
        });

        first.Select(s => (s.Competency.Value, s.Purpose)).Should().Equal(("G", RecommendationPurpose.Shortcut), ("A", RecommendationPurpose.Learn));
        second.Should().Equal(first);
    }

    [Fact]
    public void GoalPathsOnly_ADetourFromTwoStuckGoals_MayGoOffTheWay()
    {
        // S1 and S2, both goals, failed ten times each (stuck without progress), S1 last. Kept to goal paths, the
        // learner is still detoured to T, off the way: what blocks them may be something the framework does not name.
        var catalog = new ActivityCatalogBuilder(new CompetencyFrameworkBuilder("spin").AddCompetency("S1", "S1").AddCompetency("S2", "S2").AddCompetency("T", "T").Build())
            .Add(new LearningActivity("s1-practice", "s1", ActivityKind.Practice, 10, TestData.Align("S1")))
            .Add(new LearningActivity("s2-practice", "s2", ActivityKind.Practice, 10, TestData.Align("S2")))
            .Add(new LearningActivity("t-practice", "t", ActivityKind.Practice, 10, TestData.Align("T")))
            .Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var state = engine.Rebuild("ana", Enumerable.Range(0, 20).Select(i =>
            Evidence.ForActivity($"f{i}", "ana", i % 2 == 0 ? "s2-practice" : "s1-practice", EvidenceOutcome.Incorrect, Now.AddHours(-30 + i))));
        var request = engine.CreateRequest(state, 3, new LearnerProfile("ana", [new LearningGoal("S1"), new LearningGoal("S2")]), Now);

        new AdaptiveRecommender(new RecommenderOptions(goalPathsOnly: true)).Recommend(request).Steps.Select(s => s.Competency.Value)
            .Should().Equal("T", "S1", "S2");
    }
}
