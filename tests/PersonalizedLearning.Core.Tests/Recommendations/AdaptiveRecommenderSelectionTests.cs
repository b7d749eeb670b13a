using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;

namespace PersonalizedLearning.Tests.Recommendations;

/// <summary>
/// How the recommender selects among scored activities: ties, the bound that stops it early, an activity aligned to two
/// candidates, and the weights' scaling. Worked by hand with the "latest score" rollup and the default weights (need 1,
/// readiness 0.5, goal relevance 1, urgency 0.5, difficulty fit 0.75, review due 1, profile fit 0.5, novelty 0.5, time fit
/// 0.5; sum 6.25) unless a test says otherwise. Without a profile the profile fit is 0.5 (0.25 weighted); without a
/// predictor the difficulty fit is 0.5 (0.375).
/// </summary>
public class AdaptiveRecommenderSelectionTests
{
    private static readonly DateTimeOffset Now = TestData.Start;

    private static LearnerState Learner(PersonalizedLearningEngine engine, params (string Competency, double Score)[] pieces) =>
        engine.Rebuild("ana", pieces.Select((p, i) => Evidence.ForCompetency($"s{i}", "ana", p.Competency, EvidenceOutcome.FromScore(p.Score), Now.AddHours(-50 + i))));

    // Y and X, both without prerequisites, Y declared first (earlier in topological order); a practice each.
    private static readonly ActivityCatalog Pair = new ActivityCatalogBuilder(new CompetencyFrameworkBuilder("pair")
            .AddCompetency("Y", "Y").AddCompetency("X", "X")
            .Build())
        .Add(new LearningActivity("y-practice", "y", ActivityKind.Practice, 10, TestData.Align("Y")))
        .Add(new LearningActivity("x-practice", "x", ActivityKind.Practice, 10, TestData.Align("X")))
        .Build();

    private static readonly PersonalizedLearningEngine PairEngine = new(Pair, RollupMasteryModel.Latest());

    private static NextStep BestOfPair(AdaptiveRecommender recommender, double y) =>
        recommender.Recommend(PairEngine.CreateRequest(Learner(PairEngine, ("Y", y)), 1, null, Now) with
        {
            Mode = RecommendationMode.BestNext,
            History = [Evidence.ForActivity("h", "ana", "x-practice", EvidenceOutcome.Correct, Now.AddHours(-1))],
        }).Steps.Single();

    [Fact]
    public void BestNext_ALaterCandidateWithLessNeedButAFresherActivity_StillWins()
    {
        // X untouched: 1 + 0.5 = 1.5; x-practice was just done (novelty 0): 1.5 + 0.375 + 0.25 + 0 + 0.5 = 2.625 → 0.42.
        // Y at 0.25: 0.75 + 0.5 = 1.25; y-practice unseen: 1.25 + 1.625 = 2.875 → 0.46. X comes first by promise; Y's
        // bound, (1.25 + 0.75 + 0.5 + 0.5 + 0.5) / 6.25 = 0.56, lets it in.
        var best = BestOfPair(AdaptiveRecommender.Default, 0.25);

        best.Activity.Id.Value.Should().Be("y-practice");
        best.Score.Should().BeApproximately(2.875 / 6.25, 1e-12);
    }

    [Fact]
    public void BestNext_ALaterCandidateThatCanOnlyTie_WinsTheTieOnTopologicalOrder()
    {
        // Weights need 1, novelty 1, time fit 1 (sum 3), a recent window of 0 (a done activity has novelty 0.5). X
        // untouched, x-practice done once: 1 + 0.5 + 1 = 2.5. Y at 0.5, y-practice unseen: 0.5 + 1 + 1 = 2.5, exactly its
        // bound: the tie is decided by topological order, and Y comes first.
        var recommender = new AdaptiveRecommender(new RecommenderOptions(weights: new RecommendationSignals(1, 0, 0, 0, 0, 0, 0, 1, 1), recentWindow: 0));

        var best = BestOfPair(recommender, 0.5);

        best.Activity.Id.Value.Should().Be("y-practice");
        best.Score.Should().BeApproximately(2.5 / 3, 1e-15);
    }

    // Y and X without prerequisites (Y first in topological order); "shared" is aligned to both; x-other is long (60
    // minutes of 30) and Media.
    private static readonly ActivityCatalog Shared = new ActivityCatalogBuilder(new CompetencyFrameworkBuilder("shared")
            .AddCompetency("Y", "Y").AddCompetency("X", "X")
            .Build())
        .Add(new LearningActivity("shared", "shared", ActivityKind.Practice, 10, [new("X"), new("Y")]))
        .Add(new LearningActivity("x-other", "x", ActivityKind.Practice, 60, TestData.Align("X"), LearningModality.Media))
        .Add(new LearningActivity("y-other", "y", ActivityKind.Practice, 10, TestData.Align("Y")))
        .Build();

    [Fact]
    public void Choices_ACompetencyWhoseBestActivityAnotherChoiceHolds_IsOfferedItsNextBest()
    {
        // X (1.5) takes "shared" (1.5 + 1.625 → 0.5) over x-other (time fit 0.5: 1.5 + 1.375 → 0.46). Y at 0.25 (1.25):
        // "shared" and y-other tie at 0.46 and "shared" sorts first, but X, taken first for its higher promise (though
        // later in topological order), holds it, so Y is offered y-other.
        var engine = new PersonalizedLearningEngine(Shared, RollupMasteryModel.Latest());

        var steps = AdaptiveRecommender.Default.Recommend(engine.CreateRequest(Learner(engine, ("Y", 0.25)), 2, null, Now) with { History = [], AvailableMinutes = 30 }).Steps;

        steps.Select(s => (s.Activity.Id.Value, s.Competency.Value)).Should().Equal(("shared", "X"), ("y-other", "Y"));
        steps.Select(s => s.Score).Should().Equal([0.5, 0.46], (a, e) => Math.Abs(a - e) < 1e-12);
    }

    [Fact]
    public void Choices_TwoCandidatesOfEqualPromise_TakeASharedActivityInTopologicalOrder()
    {
        // X (declared first) needs Q, mastered; Y (declared second) needs nothing, so Y comes before X in topological
        // order. Both untouched and ready: 1.5 each. Y is taken first and holds "s" (1.5 + 1.625 → 0.5); X is offered
        // x-other (60 minutes of 30: 1.5 + 1.375 → 0.46).
        var catalog = new ActivityCatalogBuilder(new CompetencyFrameworkBuilder("equal")
                .AddCompetency("X", "X").AddCompetency("Y", "Y").AddCompetency("Q", "Q")
                .AddPrerequisite("Q", "X")
                .Build())
            .Add(new LearningActivity("s", "s", ActivityKind.Practice, 10, [new("X"), new("Y")]))
            .Add(new LearningActivity("x-other", "x", ActivityKind.Practice, 60, TestData.Align("X")))
            .Add(new LearningActivity("y-other", "y", ActivityKind.Practice, 60, TestData.Align("Y")))
            .Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        catalog.Framework.TopologicalOrder.Select(c => c.Value).Should().Equal("Y", "Q", "X");

        var steps = AdaptiveRecommender.Default.Recommend(engine.CreateRequest(Learner(engine, ("Q", 1), ("Q", 1)), 2, null, Now) with { History = [], AvailableMinutes = 30 }).Steps;

        steps.Select(s => (s.Activity.Id.Value, s.Competency.Value)).Should().Equal(("s", "Y"), ("x-other", "X"));
    }

    [Fact]
    public void Ranked_TwoActivitiesOfOneKindThatTie_GoByTheirIdsOrdinally()
    {
        var catalog = new ActivityCatalogBuilder(new CompetencyFrameworkBuilder("ids").AddCompetency("Z", "Z").Build())
            .Add(new LearningActivity("z-b", "b", ActivityKind.Practice, 10, TestData.Align("Z")))
            .Add(new LearningActivity("z-a", "a", ActivityKind.Practice, 10, TestData.Align("Z")))
            .Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());

        AdaptiveRecommender.Default.Recommend(engine.CreateRequest(engine.CreateLearner("ana"), 2, null, Now) with { Mode = RecommendationMode.Ranked })
            .Steps.Select(s => s.Activity.Id.Value).Should().Equal("z-a", "z-b");
    }

    /// <summary>A predictor that answers a fixed P(correct) per competency and activity, and records what it was asked.</summary>
    private sealed class SpyPredictor(Func<string, string, double> correct) : ICorrectnessPredictor
    {
        public List<(string Competency, string Activity, int EvidenceCount)> Asked { get; } = [];

        public MasteryPrediction Predict(in CompetencyState state, CompetencyId competency, ActivityId? activity)
        {
            var id = activity!.Value.Value;
            Asked.Add((competency.Value, id, state.EvidenceCount));
            return new MasteryPrediction(correct(competency.Value, id), 0.5);
        }
    }

    // X with a practice and a long practice (60 minutes of 30), Y with a practice.
    private static readonly ActivityCatalog Prune = new ActivityCatalogBuilder(new CompetencyFrameworkBuilder("prune")
            .AddCompetency("X", "X").AddCompetency("Y", "Y")
            .Build())
        .Add(new LearningActivity("x-practice", "x", ActivityKind.Practice, 10, TestData.Align("X")))
        .Add(new LearningActivity("x-long", "x long", ActivityKind.Practice, 60, TestData.Align("X")))
        .Add(new LearningActivity("y-practice", "y", ActivityKind.Practice, 10, TestData.Align("Y")))
        .Build();

    [Fact]
    public void ThePredictor_IsAskedOnlyAboutActivitiesThatCouldStillBeChosen()
    {
        var engine = new PersonalizedLearningEngine(Prune, RollupMasteryModel.Latest());

        // Y at 0.75; every prediction on target (0.75: fit 1). X (1.5): x-practice 1.5 + 0.75 + 1.25 = 3.5 → 0.56;
        // x-long at most 1.5 + 0.75 + (0.25 + 0.5 + 0.25) = 3.25 → 0.52, below x-practice: not asked. Y (0.75) at most
        // 0.75 + 2.25 = 3 → 0.48, below the one choice held: not asked.
        var spy = new SpyPredictor((_, _) => 0.75);
        var request = engine.CreateRequest(Learner(engine, ("Y", 0.75)), 1, null, Now) with { History = [], AvailableMinutes = 30, Predictor = spy, Mode = RecommendationMode.BestNext };

        AdaptiveRecommender.Default.Recommend(request).Steps.Single().Activity.Id.Value.Should().Be("x-practice");
        spy.Asked.Select(a => a.Activity).Should().Equal("x-practice");

        // Goal X, X at 0.75 (0.25 + 0.5 + 1 = 1.75), x-practice predicted 0 (fit 0): 1.75 + 1.25 = 3 → 0.48; x-long could
        // reach 3.5 → 0.56, so it is asked (fit 1: 0.56) and chosen. Y, off the way, could reach 3.75 → 0.6, more than
        // x-long, but its tier comes after the choice held: not asked.
        spy = new SpyPredictor((_, activity) => activity == "x-practice" ? 0 : 0.75);
        request = engine.CreateRequest(Learner(engine, ("X", 0.75)), 1, new LearnerProfile("ana", [new LearningGoal("X")]), Now)
            with { History = [], AvailableMinutes = 30, Predictor = spy, Mode = RecommendationMode.BestNext };

        var best = AdaptiveRecommender.Default.Recommend(request).Steps.Single();
        best.Activity.Id.Value.Should().Be("x-long");
        best.Score.Should().BeApproximately(3.5 / 6.25, 1e-12);
        spy.Asked.Select(a => a.Activity).Should().Equal("x-practice", "x-long");
    }

    // X and Y without prerequisites (X first); "s" aligned to both, a video each. The predictor finds "s" easier to
    // fit for Y (on target: fit 1) than for X (0.5: fit 2/3).
    private static ActivityCatalog Replacing(int videos, LearningActivity forY)
    {
        var builder = new ActivityCatalogBuilder(new CompetencyFrameworkBuilder("replace").AddCompetency("X", "X").AddCompetency("Y", "Y").Build())
            .Add(new LearningActivity("s", "s", ActivityKind.Practice, 10, [new("X"), new("Y")]));
        for (var i = 1; i <= videos; i++)
        {
            builder.Add(new LearningActivity($"x-v{i:00}", "x video", ActivityKind.Video, 10, TestData.Align("X")));
        }

        return builder.Add(forY).Build();
    }

    private static readonly SpyPredictor Easier = new((competency, _) => competency == "Y" ? 0.75 : 0.5);

    [Fact]
    public void Ranked_AnActivityAlignedToTwoCandidates_KeepsItsBetterPick()
    {
        // X (1.5): "s" 1.5 + 0.75·2/3 + 1.25 = 3.25 → 0.52, the video 1.5 + 0.375 + 1.25 = 3.125 → 0.5. Y (1.5), taken
        // after X: "s" 1.5 + 0.75 + 1.25 = 3.5 → 0.56, which replaces X's pick of "s"; Y's video 0.5 ties X's, and X is
        // earlier in topological order.
        var catalog = Replacing(1, new LearningActivity("y-video", "y video", ActivityKind.Video, 10, TestData.Align("Y")));
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());

        var steps = AdaptiveRecommender.Default.Recommend(engine.CreateRequest(engine.CreateLearner("ana"), 3, null, Now)
            with { History = [], Predictor = Easier, Mode = RecommendationMode.Ranked }).Steps;

        steps.Select(s => (s.Activity.Id.Value, s.Competency.Value)).Should().Equal(("s", "Y"), ("x-v01", "X"), ("y-video", "Y"));
        steps.Select(s => s.Score).Should().Equal([0.56, 0.5, 0.5], (a, e) => Math.Abs(a - e) < 1e-12);
        steps[0].Signals.DifficultyFit.Should().Be(1);
    }

    [Fact]
    public void Ranked_AFullListOfSixteen_TakesABetterPickOfAHeldActivity_AndABetterNewOne()
    {
        // Sixteen places, the size the working memory starts with (a fresh thread). X fills them: "s" (0.52) and fifteen
        // videos (0.5). Y then scores "s" 0.56 (it replaces X's pick) and y-practice 0.56 (it enters a full list, after
        // "s" by id); the fifteenth video drops out.
        var catalog = Replacing(15, new LearningActivity("y-practice", "y", ActivityKind.Practice, 10, TestData.Align("Y")));
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var request = engine.CreateRequest(engine.CreateLearner("ana"), 16, null, Now) with { History = [], Predictor = Easier, Mode = RecommendationMode.Ranked };

        var steps = FreshThread.Run(() => AdaptiveRecommender.Default.Recommend(request).Steps);

        steps.Select(s => s.Activity.Id.Value).Should().Equal(["s", "y-practice", .. Enumerable.Range(1, 14).Select(i => $"x-v{i:00}")]);
        steps.Take(2).Should().AllSatisfy(s => s.Competency.Value.Should().Be("Y"));
    }

    [Theory]
    [InlineData(0, 1.0)] // need: X untouched
    [InlineData(2, 1.0)] // goal relevance: X is the goal
    [InlineData(4, 0.5)] // difficulty fit: no predictor
    [InlineData(7, 1.0)] // novelty: never done
    public void Weights_OneFarAboveTheOthers_ScoreAsThatSignalAlone(int heavy, double signal)
    {
        // Weight 2^1000 for one signal and 2^-30 for the other eight: the score is that signal's value (the others add
        // about 2^-1030). Scaled by the largest weight, the weights stay exact; scaled by any smaller one, 2^1000
        // overflows.
        var weights = Enumerable.Repeat(Math.ScaleB(1, -30), RecommendationSignals.Count).ToArray();
        weights[heavy] = Math.ScaleB(1, 1000);
        var recommender = new AdaptiveRecommender(new RecommenderOptions(weights: new RecommendationSignals(
            weights[0], weights[1], weights[2], weights[3], weights[4], weights[5], weights[6], weights[7], weights[8])));
        var catalog = new ActivityCatalogBuilder(new CompetencyFrameworkBuilder("one").AddCompetency("X", "X").Build())
            .Add(new LearningActivity("x-practice", "x", ActivityKind.Practice, 10, TestData.Align("X")))
            .Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());

        var step = recommender.Recommend(engine.CreateRequest(engine.CreateLearner("ana"), 1, new LearnerProfile("ana", [new LearningGoal("X")]), Now)).Steps.Single();

        step.Score.Should().Be(signal);
    }
}

/// <summary>Runs work on a new thread, whose per-thread working memory starts at its initial sizes.</summary>
internal static class FreshThread
{
    public static T Run<T>(Func<T> work)
    {
        var result = default(T);
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
        });
        thread.Start();
        thread.Join();
        error?.Throw();
        return result!;
    }
}
