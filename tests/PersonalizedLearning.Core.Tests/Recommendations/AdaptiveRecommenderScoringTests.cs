using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;

namespace PersonalizedLearning.Tests.Recommendations;

/// <summary>
/// The activity-level signals and what the history read gives them (novelty, the wheel-spinning streak), worked by hand
/// with the "latest score" rollup and the default options (a recent window of 3 pieces, a wheel-spinning detour after 10
/// pieces without progress). Each framework here names the competency it tests first, so that it has index 0 and is the
/// first of the learner's touched competencies, and its activity is the catalog's first.
/// </summary>
public class AdaptiveRecommenderScoringTests
{
    private static readonly DateTimeOffset Now = TestData.Start;

    // N alone, with six practices of 10 minutes.
    private static readonly ActivityCatalog Six = new ActivityCatalogBuilder(new CompetencyFrameworkBuilder("six").AddCompetency("N", "N").Build())
        .Add(new LearningActivity("n0", "n0", ActivityKind.Practice, 10, TestData.Align("N")))
        .Add(new LearningActivity("n1", "n1", ActivityKind.Practice, 10, TestData.Align("N")))
        .Add(new LearningActivity("n2", "n2", ActivityKind.Practice, 10, TestData.Align("N")))
        .Add(new LearningActivity("n3", "n3", ActivityKind.Practice, 10, TestData.Align("N")))
        .Add(new LearningActivity("n4", "n4", ActivityKind.Practice, 10, TestData.Align("N")))
        .Add(new LearningActivity("n5", "n5", ActivityKind.Practice, 10, TestData.Align("N")))
        .Build();

    [Fact]
    public void Novelty_ZeroWhenDoneWithinTheRecentWindowOrFailedTwice_OneHalfWhenDoneBefore_OneWhenNever()
    {
        // The history, oldest first, with how many pieces ago each is (the newest is 0): n2 failed (7), n3 passed (6),
        // n2 failed (5), n3 passed (4), n1 passed (3: just outside the window of 3), n0 passed (2), n5 passed (1 and 0).
        (string Activity, bool Passed)[] log = [("n2", false), ("n3", true), ("n2", false), ("n3", true), ("n1", true), ("n0", true), ("n5", true), ("n5", true)];
        ImmutableArray<Evidence> history = [.. log.Select((p, i) => Evidence.ForActivity($"h{i}", "ana", p.Activity, p.Passed ? EvidenceOutcome.Correct : EvidenceOutcome.Incorrect, Now.AddHours(-10 + i)))];
        var engine = new PersonalizedLearningEngine(Six, RollupMasteryModel.Latest());

        var steps = AdaptiveRecommender.Default.Recommend(engine.CreateRequest(engine.CreateLearner("ana"), 6, null, Now) with { Mode = RecommendationMode.Ranked, History = history }).Steps;

        steps.ToDictionary(s => s.Activity.Id.Value, s => s.Signals.Novelty).Should().Equal(new Dictionary<string, double>
        {
            ["n0"] = 0, ["n1"] = 0.5, ["n2"] = 0, ["n3"] = 0.5, ["n4"] = 1, ["n5"] = 0,
        });
    }

    // K first (index 0), then L; a checkpoint and a practice for K, a practice for L, all of 10 minutes.
    private static readonly ActivityCatalog KL = new ActivityCatalogBuilder(new CompetencyFrameworkBuilder("kl").AddCompetency("K", "K").AddCompetency("L", "L").Build())
        .Add(new LearningActivity("k-practice", "k", ActivityKind.Practice, 10, TestData.Align("K")))
        .Add(new LearningActivity("k-check", "k check", ActivityKind.Assessment, 10, TestData.Align("K")))
        .Add(new LearningActivity("l-practice", "l", ActivityKind.Practice, 10, TestData.Align("L")))
        .Build();

    [Fact]
    public void TheFirstTouchedCompetency_IsScoredFromItsState()
    {
        // K at 0.75 (Proficient, one piece) is the first touched competency. Its level and estimate are reported, its
        // checkpoint comes before its practice (a proficient learner shows it; the two tie, every prediction being on
        // target: fit 1), the predictor is given K's state (one piece), and without a profile the profile fit is the
        // neutral 0.5. Score: need 0.25 + readiness 0.5 + fit 0.75 + profile 0.25 + novelty 0.5 + time 0.5 = 2.75 → 0.44;
        // L's practice 3.5 → 0.56.
        var engine = new PersonalizedLearningEngine(KL, RollupMasteryModel.Latest());
        var state = engine.Rebuild("ana", [Evidence.ForCompetency("k1", "ana", "K", EvidenceOutcome.FromScore(0.75), Now.AddHours(-1))]);
        var spy = new StateSpy();

        var steps = AdaptiveRecommender.Default.Recommend(engine.CreateRequest(state, 3, null, Now) with { Mode = RecommendationMode.Ranked, History = [], Predictor = spy }).Steps;

        steps.Select(s => s.Activity.Id.Value).Should().Equal("l-practice", "k-check", "k-practice");
        var check = steps[1];
        check.Level.Should().Be(MasteryLevel.Proficient);
        check.Estimate.Should().Be(0.75);
        check.Signals.ProfileFit.Should().Be(0.5);
        check.Score.Should().BeApproximately(2.75 / 6.25, 1e-12);
        spy.Asked.Should().Contain(("K", "k-check", 1)).And.Contain(("L", "l-practice", 0));
    }

    /// <summary>Predicts P(correct) 0.75 (on target) and records the state it was given.</summary>
    private sealed class StateSpy : ICorrectnessPredictor
    {
        public List<(string Competency, string Activity, int EvidenceCount)> Asked { get; } = [];

        public MasteryPrediction Predict(in CompetencyState state, CompetencyId competency, ActivityId? activity)
        {
            Asked.Add((competency.Value, activity!.Value.Value, state.EvidenceCount));
            return new MasteryPrediction(0.75, 0.5);
        }
    }

    // S first (index 0), then T; S has a practice (the catalog's first activity) and a video, T a practice.
    private static readonly ActivityCatalog ST = new ActivityCatalogBuilder(new CompetencyFrameworkBuilder("st").AddCompetency("S", "S").AddCompetency("T", "T").Build())
        .Add(new LearningActivity("s-practice", "s", ActivityKind.Practice, 10, TestData.Align("S")))
        .Add(new LearningActivity("s-video", "s video", ActivityKind.Video, 10, TestData.Align("S")))
        .Add(new LearningActivity("t-practice", "t", ActivityKind.Practice, 10, TestData.Align("T")))
        .Build();

    [Fact]
    public void WheelSpinning_OnTheFirstCompetency_ThroughTheFirstActivity_DetoursTheNextStep()
    {
        // S failed ten times on s-practice: stuck without progress. The last piece of history is on s-practice (so
        // s-practice has novelty 0), and S's video then ties with T's practice (1.5 + 1.625 → 0.5): S would come first by
        // topological order, but right after a step on S the next step goes elsewhere.
        var engine = new PersonalizedLearningEngine(ST, RollupMasteryModel.Latest());
        var state = engine.Rebuild("ana", Enumerable.Range(0, 10).Select(i => Evidence.ForActivity($"s{i}", "ana", "s-practice", EvidenceOutcome.Incorrect, Now.AddHours(-20 + i))));
        var last = Evidence.ForActivity("s9", "ana", "s-practice", EvidenceOutcome.Incorrect, Now.AddHours(-11));
        var request = engine.CreateRequest(state, 2, null, Now) with { History = [last] };

        var steps = AdaptiveRecommender.Default.Recommend(request).Steps;

        steps.Select(s => s.Activity.Id.Value).Should().Equal("t-practice", "s-video");
        steps.Select(s => s.Score).Should().Equal([3.125 / 6.25, 3.125 / 6.25], (a, e) => Math.Abs(a - e) < 1e-12);
        new AdaptiveRecommender(new RecommenderOptions(wheelSpinningDetour: false)).Recommend(request).Steps.Select(s => s.Activity.Id.Value)
            .Should().Equal("s-video", "t-practice");
    }
}
