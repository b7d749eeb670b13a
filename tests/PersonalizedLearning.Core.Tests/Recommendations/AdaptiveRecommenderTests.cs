using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Mastery.Retention;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;

namespace PersonalizedLearning.Tests.Recommendations;

/// <summary>
/// Golden tests on a hand-built framework. Every expected score is worked out by hand below, with the default weights
/// (need 1, readiness 0.5, goal relevance 1, urgency 0.5, difficulty fit 0.75, review due 1, profile fit 0.5,
/// novelty 0.5, time fit 0.5; sum 6.25).
/// </summary>
/// <remarks>
/// Framework: A and E have no prerequisites; A → B, A → C, B → D, C → D. The learner has A at 1.0 (mastered, two pieces
/// of evidence) and B at 0.5 (Familiar), with the "latest score" model. Frontier: B, C, E. The profile's goal is D,
/// 14 days ahead (urgency 1 − 14/28 = 0.5); interests "sports"; preferred modalities HandsOn, then Media (1, then 0.5);
/// 30 minutes available. No predictor, so the difficulty fit is the neutral 0.5 (0.375 weighted).
/// Competency parts Σ w·s over need, readiness, goal, urgency, review:
///   B: 0.5 + 0.5 + 1 + 0.25 = 2.25;  C: 1 + 0.5 + 1 + 0.25 = 2.75;  E: 1 + 0.5 = 1.5.
/// Activity parts (fit 0.375 + profile + novelty + time):
///   b-practice (Digital, sports, 10 min): 0.375 + 0.5·0.5 + 0.5 + 0.5 = 1.625 → (2.25 + 1.625) / 6.25 = 0.62
///   b-video (Media, 5 min): 0.375 + 0.5·0.25 + 0.5 + 0.5 = 1.5 → 3.75 / 6.25 = 0.6
///   c-project (HandsOn, 45 min > 30): 0.375 + 0.5·0.5 + 0.5 + 0.5·(30/45) = 1.4583… → 4.2083… / 6.25 = 0.67333…
///   c-practice (Print, 15 min): 0.375 + 0 + 0.5 + 0.5 = 1.375 → 4.125 / 6.25 = 0.66
///   e-reading (Print, 20 min): 1.375 → 2.875 / 6.25 = 0.46
/// </remarks>
public class AdaptiveRecommenderTests
{
    private static readonly DateTimeOffset Now = TestData.Start;

    private static readonly CompetencyFramework Framework = new CompetencyFrameworkBuilder("golden")
        .AddCompetency("A", "Count")
        .AddCompetency("B", "Add")
        .AddCompetency("C", "Subtract")
        .AddCompetency("D", "Word problems")
        .AddCompetency("E", "Shapes")
        .AddPrerequisite("A", "B")
        .AddPrerequisite("A", "C")
        .AddPrerequisite("B", "D")
        .AddPrerequisite("C", "D")
        .Build();

    private static readonly ActivityCatalog Catalog = new ActivityCatalogBuilder(Framework)
        .Add(new LearningActivity("a-quiz", "Counting quiz", ActivityKind.Practice, 10, TestData.Align("A")))
        .Add(new LearningActivity("b-practice", "Adding scores", ActivityKind.Practice, 10, TestData.Align("B"), topics: ["Sports"]))
        .Add(new LearningActivity("b-video", "Adding, the video", ActivityKind.Video, 5, TestData.Align("B"), LearningModality.Media))
        .Add(new LearningActivity("c-project", "Shop project", ActivityKind.Project, 45, TestData.Align("C"), LearningModality.HandsOn))
        .Add(new LearningActivity("c-practice", "Subtraction sheet", ActivityKind.Practice, 15, TestData.Align("C"), LearningModality.Print))
        .Add(new LearningActivity("d-check", "Word problems check", ActivityKind.Assessment, 20, TestData.Align("D")))
        .Add(new LearningActivity("e-reading", "Shapes reading", ActivityKind.Reading, 20, TestData.Align("E"), LearningModality.Print))
        .Build();

    private static readonly PersonalizedLearningEngine Engine = new(Catalog, RollupMasteryModel.Latest());

    private static readonly LearnerProfile Profile = new(
        "ana",
        goals: [new LearningGoal("D", Now.AddDays(14))],
        interests: ["sports"],
        preferredModalities: [LearningModality.HandsOn, LearningModality.Media]);

    private static LearnerState Ana() => Engine.Rebuild("ana",
    [
        Evidence.ForCompetency("e1", "ana", "A", EvidenceOutcome.Correct, Now.AddDays(-2)),
        Evidence.ForCompetency("e2", "ana", "A", EvidenceOutcome.Correct, Now.AddDays(-1)),
        Evidence.ForActivity("e3", "ana", "b-practice", EvidenceOutcome.FromScore(0.5), Now.AddDays(-1)),
    ]);

    // The hand-worked values below are for a request without history (novelty 1 everywhere); the engine's request
    // carries the state's recent evidence, which CreateRequest_CarriesTheStatesRecentEvidence checks.
    private static NextStepRequest Request(int count = 3, LearnerState? state = null) =>
        Engine.CreateRequest(state ?? Ana(), count, Profile, Now) with { AvailableMinutes = 30, History = [] };

    private static NextStepResult Recommend(NextStepRequest request) => AdaptiveRecommender.Default.Recommend(request);

    [Fact]
    public void Choices_RankTheBestActivityOfEachCompetency_AsWorkedByHand()
    {
        var result = Recommend(Request());

        result.Steps.Select(s => (s.Rank, s.Activity.Id.Value, s.Competency.Value, s.Purpose)).Should().Equal(
            (1, "c-project", "C", RecommendationPurpose.Learn),
            (2, "b-practice", "B", RecommendationPurpose.Learn),
            (3, "e-reading", "E", RecommendationPurpose.Learn));
        result.Steps.Select(s => s.Score).Should().Equal([4.208333333333333 / 6.25, 0.62, 0.46], (a, e) => Math.Abs(a - e) < 1e-12);
        result.IsStuck.Should().BeFalse();
    }

    [Fact]
    public void Signals_AndContributions_AreTheHandWorkedOnes()
    {
        var project = Recommend(Request()).Steps[0];

        project.Signals.Should().Be(new RecommendationSignals(
            Need: 1, Readiness: 1, GoalRelevance: 1, Urgency: 0.5, DifficultyFit: 0.5, ReviewDue: 0, ProfileFit: 0.5, Novelty: 1, TimeFit: 30.0 / 45));
        project.Contributions.Need.Should().BeApproximately(1 / 6.25, 1e-15);
        project.Contributions.TimeFit.Should().BeApproximately(0.5 * 30 / 45 / 6.25, 1e-15);
        project.Contributions.Sum.Should().BeApproximately(project.Score, 1e-12);
        project.Minutes.Should().Be(45);
        project.PredictedSuccess.Should().BeNull("no model predicts");
    }

    [Fact]
    public void Reasons_ReadAsAUiWouldShowThem()
    {
        var steps = Recommend(Request()).Steps;

        steps[0].Explain().Should().Be("Ready: its prerequisite is mastered · On the way to your goal D · Goal date 2026-09-21 · In a way you like to learn: HandsOn · Not started yet · Project to show it");
        steps[1].Explain().Should().Be("Ready: its prerequisite is mastered · On the way to your goal D · Goal date 2026-09-21 · Matches your interest: sports · Fits your 30 minutes (10 min) · In progress: Familiar (0.50) · Practice to show it");
        steps[2].Explain().Should().Be("Ready: no prerequisites · Fits your 30 minutes (20 min) · Not started yet · Reading to learn it");
        steps[1].GetReasons().Select(r => r.Code).Should().Equal(
            RecommendationReasonCode.ReadyPrerequisitesMastered, RecommendationReasonCode.OnPathToGoal, RecommendationReasonCode.GoalDateNear,
            RecommendationReasonCode.MatchesInterest, RecommendationReasonCode.FitsTime, RecommendationReasonCode.InProgress, RecommendationReasonCode.Practises);
    }

    [Fact]
    public void Ranked_AllowsSeveralActivitiesOfOneCompetency_AndBestNextReturnsOne()
    {
        Recommend(Request() with { Mode = RecommendationMode.Ranked }).Steps.Select(s => s.Activity.Id.Value)
            .Should().Equal("c-project", "c-practice", "b-practice");
        Recommend(Request() with { Mode = RecommendationMode.BestNext }).Steps.Select(s => s.Activity.Id.Value)
            .Should().Equal("c-project");
    }

    [Fact]
    public void Choices_FillUpWithNewModalities_WhenFewerCompetenciesThanChoices()
    {
        // Five choices, three candidate competencies: the fourth and fifth are further activities, a modality not in the
        // list first (b-video is Media, which is new; c-practice is Print, which e-reading already brought).
        var steps = Recommend(Request(count: 5)).Steps;

        steps.Select(s => s.Activity.Id.Value).Should().Equal("c-project", "b-practice", "e-reading", "b-video", "c-practice");
    }

    [Fact]
    public void RecentAndTwiceFailedActivities_LoseNovelty()
    {
        // b-practice was the last thing done: novelty 0, so its part falls to 1.125 and B's score to 3.375 / 6.25 = 0.54,
        // below b-video's 0.6, which becomes B's choice.
        var request = Request() with { History = [Evidence.ForActivity("h1", "ana", "b-practice", EvidenceOutcome.FromScore(0.8), Now.AddHours(-1))] };

        var steps = Recommend(request).Steps;

        steps.Select(s => s.Activity.Id.Value).Should().Equal("c-project", "b-video", "e-reading");
        Recommend(Request(count: 5) with { Mode = RecommendationMode.Ranked, History = request.History })
            .Steps.Single(s => s.Activity.Id == "b-practice").Signals.Novelty.Should().Be(0);
    }

    [Fact]
    public void RepeatedFailures_OfferTheWeakestPrerequisite_AsRemediation()
    {
        // D failed three times in a row: its prerequisites are B (0.5) and C (untouched, 0); C is the weakest. C was on
        // the frontier already with need 1, so its score is unchanged, but it now says why.
        var top = Recommend(Request() with { History = Failures("d-check", 3) }).Steps[0];

        top.Competency.Value.Should().Be("C");
        top.Purpose.Should().Be(RecommendationPurpose.Remediate);
        top.RemediationFor.Should().Be(new CompetencyId("D"));
        top.Failures.Should().Be(3);
        top.Explain().Should().StartWith("Strengthens a prerequisite of D (failed 3 times) · On the way to your goal D");
        top.Score.Should().BeApproximately(4.208333333333333 / 6.25, 1e-12);
    }

    [Fact]
    public void TwoFailures_OrARunBrokenByPrerequisiteWork_IsNotYetRemediation_ButAFailedCheckpointIs()
    {
        static ImmutableArray<Evidence> OnD(int count, string prefix = "f") =>
            [.. Enumerable.Range(0, count).Select(i => Evidence.ForCompetency($"{prefix}{i}", "ana", "D", EvidenceOutcome.Incorrect, Now.AddHours(-count + i)))];

        Recommend(Request() with { History = OnD(2) }).Steps.Should().OnlyContain(s => s.Purpose == RecommendationPurpose.Learn);

        // Three failures, but evidence on C (a prerequisite of D) after the first two: the run is one failure long.
        var broken = OnD(2).Add(Evidence.ForActivity("c1", "ana", "c-practice", EvidenceOutcome.Incorrect, Now.AddMinutes(-3)))
            .Add(Evidence.ForCompetency("d3", "ana", "D", EvidenceOutcome.Incorrect, Now.AddMinutes(-2)));
        Recommend(Request() with { History = broken }).Steps.Should().OnlyContain(s => s.Purpose == RecommendationPurpose.Learn);

        // A success on D ends the run too.
        var succeeded = OnD(2).Add(Evidence.ForCompetency("ok", "ana", "D", EvidenceOutcome.Correct, Now.AddMinutes(-2))).AddRange(OnD(2, "late"));
        Recommend(Request() with { History = succeeded }).Steps.Should().OnlyContain(s => s.Purpose == RecommendationPurpose.Learn);

        // A failed checkpoint remediates at once, as a playlist does (one rule for both entry points) ...
        Recommend(Request() with { History = Failures("d-check", 1) }).Steps.Should().ContainSingle(s => s.Purpose == RecommendationPurpose.Remediate)
            .Which.Should().Match<NextStep>(s => s.RemediationFor == new CompetencyId("D") && s.Failures == 1 && s.Explain().Contains("(failed once)"));

        // ... unless prerequisite work came after it.
        Recommend(Request() with { History = Failures("d-check", 1).Add(Evidence.ForActivity("c2", "ana", "c-practice", EvidenceOutcome.Correct, Now.AddMinutes(-1))) })
            .Steps.Should().OnlyContain(s => s.Purpose == RecommendationPurpose.Learn);
    }

    [Fact]
    public void RemediatedPrerequisite_IsOnTheWayToTheGoalOfTheCompetencyItServes()
    {
        // A, B (1.0) and C (0.9) are mastered, so the goal path of D is D alone. D fails three times: the weakest of its
        // prerequisites is C, mastered and therefore off the goal path, but remediated for D it is on the way to D.
        var state = Engine.Record(Ana(),
        [
            Evidence.ForCompetency("b2", "ana", "B", EvidenceOutcome.Correct, Now),
            Evidence.ForCompetency("b3", "ana", "B", EvidenceOutcome.Correct, Now),
            Evidence.ForCompetency("c1", "ana", "C", EvidenceOutcome.FromScore(0.9), Now),
            Evidence.ForCompetency("c2", "ana", "C", EvidenceOutcome.FromScore(0.9), Now),
        ]);
        var request = Engine.CreateRequest(state, 5, Profile, Now) with { History = Failures("d-check", 3), Mode = RecommendationMode.Ranked };

        var steps = Recommend(request).Steps;
        steps.Where(s => s.Purpose == RecommendationPurpose.Remediate).Select(s => s.Competency.Value).Distinct().Should().Equal("C");
        var remediation = steps.First(s => s.Purpose == RecommendationPurpose.Remediate);

        request.Mastery.IsMastered("C").Should().BeTrue();
        remediation.Signals.GoalRelevance.Should().Be(1);
        remediation.Signals.Urgency.Should().Be(0.5);
        remediation.Goal.Should().Be(new CompetencyId("D"));
        Recommend(request with { History = [] }).Steps.Should().NotContain(s => s.Competency == "C", "without the failures C is mastered and not due");
    }

    private static ImmutableArray<Evidence> Failures(string activity, int count, string prefix = "f") =>
        [.. Enumerable.Range(0, count).Select(i => Evidence.ForActivity($"{prefix}{i}", "ana", activity, EvidenceOutcome.Incorrect, Now.AddHours(-count + i)))];

    [Fact]
    public void DueReviews_OfMasteredCompetencies_AreCandidates()
    {
        // A is mastered and due with R = 0.6. It is a direct prerequisite of B and C, which are on the way to the goal D,
        // so the review serves D: need 0, readiness 1, goal 1, urgency 0.5, review 1 − 0.3 = 0.7:
        // 0.5 + 1 + 0.25 + 0.7 = 2.45; a-quiz adds 0.375 + 0 + 0.5 + 0.5 = 1.375: (2.45 + 1.375) / 6.25 = 0.612,
        // third after C (0.67333) and B (0.62), and before E (0.46), which is off the goal path.
        var request = Request(count: 4) with { DueReviews = [new DueReview("A", 0.6, Now.AddDays(-1))] };

        var steps = Recommend(request).Steps;
        var review = steps[2];

        review.Activity.Id.Value.Should().Be("a-quiz");
        review.Purpose.Should().Be(RecommendationPurpose.Review);
        review.Score.Should().BeApproximately(0.612, 1e-12);
        review.Signals.ReviewDue.Should().BeApproximately(0.7, 1e-15);
        review.Goal.Should().Be(new CompetencyId("D"));
        review.Explain().Should().StartWith("Due for review: recall chance 60%");
        steps[3].Activity.Id.Value.Should().Be("e-reading");
    }

    [Theory]
    [InlineData(0.85, "c-project", 4.2083333333333333 / 15.25)]
    [InlineData(0.7, "a-quiz", 9.625 / 15.25)]
    public void PrerequisiteReviews_WaitForLearningOnTheWay_UnlessPlausiblyForgotten(double recall, string expected, double score)
    {
        // Review due weighs 10 (weights sum 15.25), so A's review outscores everything. A is a prerequisite of B and C
        // on the way to D, not a goal itself: at recall 0.85 (due, but above 0.8) learning on the way comes first, so
        // the best next step is c-project (need 1 + readiness 0.5 + goal 1 + urgency 0.25 + activity 1.4583 =
        // 4.2083 → 0.27596); at recall 0.7 (plausibly forgotten) the review leads on its score: readiness 0.5 +
        // goal 1 + urgency 0.25 + review 10 · (1 − 0.35) = 8.25, plus a-quiz's 1.375 = 9.625 → 0.63115.
        var reviewHeavy = new AdaptiveRecommender(new RecommenderOptions(weights: RecommendationSignals.DefaultWeights with { ReviewDue = 10 }));
        var request = Request() with { Mode = RecommendationMode.BestNext, DueReviews = [new DueReview("A", recall, Now.AddDays(-1))] };

        var best = reviewHeavy.Recommend(request).Steps.Single();

        best.Activity.Id.Value.Should().Be(expected);
        best.Score.Should().BeApproximately(score, 1e-12);
        best.Goal.Should().Be(new CompetencyId("D"));
    }

    [Fact]
    public void PrerequisiteReviews_ThatWait_StillComeBeforeWhatIsOffTheWay()
    {
        // The same review at recall 0.85 among choices, with need weighing 3 (weights sum 8.25): C (3 + 0.5 + 1 + 0.25
        // + 1.4583 = 6.2083 → 0.7525) and B (1.5 + 0.5 + 1 + 0.25 + 1.625 = 4.875 → 0.5909) learn on the way and
        // come first; A's review waits behind them but, serving D, comes before E, which is off the way, although E
        // scores higher (3 + 0.5 + 1.375 = 4.875 → 0.5909) than the review (0 + 0.5 + 1 + 0.25 + 0.575 + 1.375 = 3.7
        // → 0.4485).
        var needHeavy = new AdaptiveRecommender(new RecommenderOptions(weights: RecommendationSignals.DefaultWeights with { Need = 3 }));
        var request = Request(count: 4) with { DueReviews = [new DueReview("A", 0.85, Now.AddDays(-1))] };

        var steps = needHeavy.Recommend(request).Steps;

        steps.Select(s => s.Competency.Value).Should().Equal("C", "B", "A", "E");
        steps.Select(s => s.Score).Should().Equal([6.2083333333333333 / 8.25, 4.875 / 8.25, 3.7 / 8.25, 4.875 / 8.25], (a, b) => Math.Abs(a - b) < 1e-12);
        steps[2].Purpose.Should().Be(RecommendationPurpose.Review);
        steps[2].Signals.GoalRelevance.Should().Be(1);
    }

    [Fact]
    public void GoalReviews_AreOnTheWayWhateverTheirRecall()
    {
        // A is a goal too (same date as D): its review at recall 0.85 is a review of a goal, never made to wait, and
        // with review due weighing 10 it leads: 0.5 + 1 + 0.25 + 5.75 + 1.375 = 8.875 → 0.58197.
        var reviewHeavy = new AdaptiveRecommender(new RecommenderOptions(weights: RecommendationSignals.DefaultWeights with { ReviewDue = 10 }));
        var profile = new LearnerProfile("ana", goals: [new LearningGoal("D", Now.AddDays(14)), new LearningGoal("A", Now.AddDays(14))],
            interests: ["sports"], preferredModalities: [LearningModality.HandsOn, LearningModality.Media]);
        var request = Engine.CreateRequest(Ana(), 3, profile, Now) with
        {
            AvailableMinutes = 30, History = [], Mode = RecommendationMode.BestNext, DueReviews = [new DueReview("A", 0.85, Now.AddDays(-1))],
        };

        var best = reviewHeavy.Recommend(request).Steps.Single();

        best.Activity.Id.Value.Should().Be("a-quiz");
        best.Score.Should().BeApproximately(8.875 / 15.25, 1e-12);
        best.Goal.Should().Be(new CompetencyId("A"));
    }

    [Fact]
    public void DueReviews_ThatServeNoGoal_KeepNoGoalRelevance()
    {
        // The same review without goals: need 0, readiness 1, review 0.7: 0.5 + 0.7 = 1.2; a-quiz adds 1.375:
        // 2.575 / 6.25 = 0.412. Without the goal's 1 + 0.25, C leads (1.5 + 1.4583 = 2.9583 → 0.47333), then E
        // (1.5 + 1.375 → 0.46), then B (1 + 1.625 = 2.625 → 0.42), and the review is fourth.
        var request = Engine.CreateRequest(Ana(), 4, new LearnerProfile("ana", interests: ["sports"], preferredModalities: [LearningModality.HandsOn, LearningModality.Media]), Now)
            with { AvailableMinutes = 30, History = [], DueReviews = [new DueReview("A", 0.6, Now.AddDays(-1))] };

        var review = Recommend(request).Steps.Single(s => s.Purpose == RecommendationPurpose.Review);

        review.Rank.Should().Be(4);
        review.Score.Should().BeApproximately(0.412, 1e-12);
        review.Goal.Should().BeNull();
        review.Signals.GoalRelevance.Should().Be(0);
    }

    [Fact]
    public void DifficultyFit_UsesThePredictor()
    {
        // BKT with prior 0.4, guess 0.2, slip 0.1 for C: P(correct) = 0.4·0.9 + 0.6·0.2 = 0.48 on an untouched
        // competency; fit = 1 − |0.48 − 0.75| / 0.75 = 0.64.
        var bkt = new BktModel([new BktCompetencyParameters("C", new BktParameters(0.4, 0.2, 0.2, 0.1))], new BktParameters(0.5, 0.2, 0.2, 0.1));
        var engine = new PersonalizedLearningEngine(Catalog, bkt);
        // A is mastered after two correct answers (P(known) 0.971 with the default parameters), so C is on the frontier.
        var state = engine.Rebuild("ana", [Evidence.ForCompetency("e1", "ana", "A", EvidenceOutcome.Correct, Now), Evidence.ForCompetency("e2", "ana", "A", EvidenceOutcome.Correct, Now)]);

        var steps = AdaptiveRecommender.Default.Recommend(engine.CreateRequest(state, 5, asOf: Now) with { Mode = RecommendationMode.Ranked }).Steps;

        var practice = steps.Single(s => s.Activity.Id == "c-practice");
        practice.PredictedSuccess.Should().BeApproximately(0.48, 1e-12);
        practice.Signals.DifficultyFit.Should().BeApproximately(0.64, 1e-12);
        steps.Where(s => s.Activity.Kind == ActivityKind.Reading).Should().AllSatisfy(s => s.PredictedSuccess.Should().BeNull("instruction is not answered"));
    }

    [Fact]
    public void ExtendedTime_ScalesTheMinutes()
    {
        var profile = new LearnerProfile("ana", Profile.Goals, Profile.Interests, Profile.PreferredModalities, new LearnerAccommodations(extendedTimeFactor: 2));
        var request = Engine.CreateRequest(Ana(), 5, profile, Now) with { AvailableMinutes = 30, Mode = RecommendationMode.Ranked };

        var project = Recommend(request).Steps.Single(s => s.Activity.Id == "c-project");

        project.Minutes.Should().Be(90);
        project.Signals.TimeFit.Should().BeApproximately(30.0 / 90, 1e-15);
    }

    [Fact]
    public void Filters_LimitKindsModalitiesMinutesAndExclusions()
    {
        var filtered = Request(count: 5) with
        {
            Mode = RecommendationMode.Ranked,
            Filter = new RecommendationFilter(kinds: [ActivityKind.Practice, ActivityKind.Project, ActivityKind.Reading], maximumMinutes: 40, excluded: ["b-practice"]),
        };

        Recommend(filtered).Steps.Select(s => s.Activity.Id.Value).Should().Equal("c-practice", "e-reading");
        Recommend(Request(count: 5) with { Filter = new RecommendationFilter(modalities: [LearningModality.Print]) })
            .Steps.Select(s => s.Activity.Id.Value).Should().Equal("c-practice", "e-reading");
    }

    [Fact]
    public void WheelSpinning_IsFlagged()
    {
        var evidence = Enumerable.Range(0, 10).Select(i => Evidence.ForCompetency($"w{i}", "ana", "B", EvidenceOutcome.FromScore(0.4), Now.AddMinutes(i - 10))); // before the request's moment: evidence after it does not count
        var state = Engine.Record(Ana(), evidence);

        var result = Recommend(Request(state: state));

        result.Stuck.Should().Equal(new StuckCompetency("B", 11, MasteryLevel.Attempted, 0.4));
        Recommend(Request()).Stuck.Should().BeEmpty();
    }

    [Fact]
    public void NothingLeft_GivesAnEmptyList()
    {
        var all = Engine.Rebuild("ana", Framework.Competencies.SelectMany(c => new[]
        {
            Evidence.ForCompetency($"{c.Id}1", "ana", c.Id, EvidenceOutcome.Correct, Now),
            Evidence.ForCompetency($"{c.Id}2", "ana", c.Id, EvidenceOutcome.Correct, Now),
        }));

        Recommend(Request(state: all)).Steps.Should().BeEmpty();
    }

    [Fact]
    public void Engine_UsesTheAdaptiveRecommender_WithItsModelAsPredictor()
    {
        Engine.Recommender.Should().BeSameAs(AdaptiveRecommender.Default);
        var bkt = new BktModel([], new BktParameters(0.5, 0.2, 0.2, 0.1));
        new PersonalizedLearningEngine(Catalog, bkt).CreateRequest(new PersonalizedLearningEngine(Catalog, bkt).CreateLearner("x"), asOf: Now)
            .Predictor.Should().BeSameAs(bkt);
        Engine.CreateRequest(Ana(), asOf: Now).Predictor.Should().BeNull("the latest-score rollup does not predict");
    }

    [Fact]
    public void CreateRequest_CarriesTheStatesRecentEvidence()
    {
        var ana = Ana();
        ana.EvidenceCount.Should().BePositive();
        Engine.CreateRequest(ana, asOf: Now).History.Should().Equal(ana.RecentEvidence).And.Equal(ana.Evidence);
    }

    [Fact]
    public void BadRequests_AreRejected_WithClearErrors()
    {
        var request = Request();
        var snapshot = request.Mastery;

        FluentActions.Invoking(() => request with { History = [Evidence.ForCompetency("x", "bob", "A", EvidenceOutcome.Correct, Now)] })
            .Should().Throw<ArgumentException>().WithMessage("Evidence 'x' is about learner 'bob', but the request is for 'ana'.*").Where(e => e.ParamName == "History");
        FluentActions.Invoking(() => request with { AvailableMinutes = 0 })
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("The available minutes must be a finite number greater than 0; got 0.*");
        FluentActions.Invoking(() => request with { AvailableMinutes = double.NaN }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => request with { Mode = (RecommendationMode)7 })
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("Undefined recommendation mode (7).*");
        FluentActions.Invoking(() => request with { Filter = new RecommendationFilter(excluded: ["nope"]) })
            .Should().Throw<ArgumentException>().WithMessage("The filter excludes activity 'nope', which is not in the catalog.*");
        FluentActions.Invoking(() => request with { DueReviews = [new DueReview("A", 0.5, Now), new DueReview("A", 0.4, Now)] })
            .Should().Throw<ArgumentException>().WithMessage("Competency 'A' is due for review twice; pass one review per competency.*");
        FluentActions.Invoking(() => request with { DueReviews = [new DueReview("Z", 0.5, Now)] })
            .Should().Throw<ArgumentException>().WithMessage("A due review names competency 'Z', which is not in framework 'golden'.*");
        FluentActions.Invoking(() => request with { DueReviews = [new DueReview("A", 1.5, Now)] })
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("The retrievability of competency 'A' must be in [0, 1].*");
        FluentActions.Invoking(() => new NextStepRequest(Catalog, snapshot, 3, new LearnerProfile("ana", goals: [new LearningGoal("Z")])))
            .Should().Throw<ArgumentException>().WithMessage("Learner 'ana' has a goal for competency 'Z', which is not in framework 'golden'.*");
        FluentActions.Invoking(() => new NextStepRequest(Catalog, snapshot, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => AdaptiveRecommender.Default.Recommend(null!)).Should().Throw<ArgumentNullException>();

        // Nothing above changed the request it started from.
        request.History.Should().BeEmpty();
        request.AvailableMinutes.Should().Be(30);
        request.DueReviews.Should().BeEmpty();
        request.Filter.Should().BeSameAs(RecommendationFilter.None);
    }

    [Fact]
    public void BadOptionsAndFilters_AreRejected_WithClearErrors()
    {
        FluentActions.Invoking(() => new RecommenderOptions(targetSuccess: 1)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("The recommender options are not valid: targetSuccess: the target success must be in (0, 1); got 1.*");
        FluentActions.Invoking(() => new RecommenderOptions(weights: new RecommendationSignals(1, -1, 0, 0, 0, 0, 0, 0, 0))).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("The recommender options are not valid: weights: the weight of Readiness must be a finite number ≥ 0; got -1.*");
        FluentActions.Invoking(() => new RecommenderOptions(weights: default(RecommendationSignals))).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("The recommender options are not valid: weights: at least one signal weight must be greater than 0; got 0.*");
        FluentActions.Invoking(() => new RecommenderOptions(remediateAfterFailures: 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new RecommenderOptions(wheelSpinningAttempts: 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new RecommenderOptions(passingScore: 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new RecommendationFilter(maximumMinutes: -5)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("The recommendation filter's settings are not valid: maximumMinutes: the maximum minutes must be a finite number greater than 0; got -5.*");
        FluentActions.Invoking(() => new RecommendationFilter(kinds: [(ActivityKind)42])).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("The recommendation filter's settings are not valid: kinds: every activity kind must be defined; got 42.*");
        FluentActions.Invoking(() => new LearningActivity("x", "X", ActivityKind.Practice, 5, TestData.Align("A"), topics: [" "]))
            .Should().Throw<ArgumentException>().WithMessage("Activity 'x' has a blank topic; remove it or give it a name.*").Where(e => e.ParamName == "topics");
    }

    [Fact]
    public void Weights_ChangeTheRanking()
    {
        // Time fit alone, goal paths not put first: every activity that fits scores 1, c-project 2/3, so c-practice
        // leads C's row and B's and E's activities tie at 1; ties go to topological order.
        var timeOnly = new AdaptiveRecommender(new RecommenderOptions(weights: new RecommendationSignals(0, 0, 0, 0, 0, 0, 0, 0, 1), goalPathsFirst: false));

        var steps = timeOnly.Recommend(Request(count: 5) with { Mode = RecommendationMode.Ranked }).Steps;

        steps.Take(4).Should().AllSatisfy(s => s.Score.Should().Be(1));
        steps[4].Activity.Id.Value.Should().Be("c-project");
        steps[4].Score.Should().BeApproximately(30.0 / 45, 1e-15);
        steps.Take(4).Select(s => Framework.TopologicalOrder.IndexOf(s.Competency)).Should().BeInAscendingOrder("ties go to topological order");
    }

    [Fact]
    public void GoalPathsFirst_OffersEverythingOnTheWayToAGoal_BeforeAnythingElse()
    {
        // The same time-only weights with goal paths first (the default): B and C are on the way to D, E is not. So
        // b-practice, b-video and c-practice (1 each, by topological order, then id), then c-project (2/3), and only
        // then e-reading, though it scores 1.
        var timeOnly = new AdaptiveRecommender(new RecommenderOptions(weights: new RecommendationSignals(0, 0, 0, 0, 0, 0, 0, 0, 1)));

        var steps = timeOnly.Recommend(Request(count: 5) with { Mode = RecommendationMode.Ranked }).Steps;

        steps.Select(s => s.Activity.Id.Value).Should().Equal("b-practice", "b-video", "c-practice", "c-project", "e-reading");
        steps.Select(s => s.Score).Should().Equal(1, 1, 1, 30.0 / 45, 1);
        steps.Take(4).Should().AllSatisfy(s => s.Goal.Should().Be(new CompetencyId("D")));
        steps[4].Goal.Should().BeNull();
    }

    [Theory]
    [InlineData(1023)] // the largest weight 2^1023; their sum, 6.25·2^1023, overflows: every score was NaN
    [InlineData(-1070)] // the smallest 2^-1071, subnormal; the inverse of their sum overflows: every score was 1
    public void Weights_ScaledToTheEdgesOfTheDoubleRange_RankAndScoreAsUnscaled(int exponent)
    {
        // Only the weights' ratios count, and multiplying them all by a power of two keeps every ratio exactly.
        var w = RecommendationSignals.DefaultWeights;
        var scaled = new AdaptiveRecommender(new RecommenderOptions(weights: new RecommendationSignals(
            Math.ScaleB(w.Need, exponent), Math.ScaleB(w.Readiness, exponent), Math.ScaleB(w.GoalRelevance, exponent),
            Math.ScaleB(w.Urgency, exponent), Math.ScaleB(w.DifficultyFit, exponent), Math.ScaleB(w.ReviewDue, exponent),
            Math.ScaleB(w.ProfileFit, exponent), Math.ScaleB(w.Novelty, exponent), Math.ScaleB(w.TimeFit, exponent))));
        var request = Request(count: 5) with { Mode = RecommendationMode.Ranked };

        var expected = Recommend(request).Steps;
        var steps = scaled.Recommend(request).Steps;

        steps.Select(s => (s.Activity.Id, s.Score, s.Contributions)).Should().Equal(expected.Select(s => (s.Activity.Id, s.Score, s.Contributions)));
        steps[0].Score.Should().BeApproximately(4.208333333333333 / 6.25, 1e-12, "c-project, worked by hand above");
    }

    [Fact]
    public void ARecommendation_AllocatesOnlyItsResult()
    {
        // Warm the per-thread working memory, then one call must allocate exactly one array of its steps (the learner
        // is not stuck, so there is no stuck list).
        var request = Request(count: 5) with { History = Failures("d-check", 1), DueReviews = [new DueReview("A", 0.6, Now)] };
        var recommender = AdaptiveRecommender.Default;
        var steps = recommender.Recommend(request).Steps.Length;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var oneArray = new NextStep[steps];
        var arrayBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        before = GC.GetAllocatedBytesForCurrentThread();
        var result = recommender.Recommend(request);
        var callBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        oneArray.Should().HaveCount(steps);
        steps.Should().Be(5);
        callBytes.Should().Be(arrayBytes);
        result.Steps.Should().HaveCount(5);
    }

    [Fact]
    public void GoalPathsOnly_AGoalOnAParent_IsReachedThroughItsChildren()
    {
        // TestData.Units: G ⊃ {U, D}, U ⊃ {B, C}, B → C, H ⊃ {K}; U and G have no activity of their own. Issue 21, fresh
        // review A: with a goal on U the recommender kept to goal paths gave no step at all (U's way held U alone), as if
        // every goal were mastered. A parent is reached through its children: U's way is U, B, C, and of these only B is
        // ready (C waits for B), so B's two activities are the steps; Z, D and K are ready too but off the way.
        var catalog = TestData.Units();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var onlyPaths = new AdaptiveRecommender(new RecommenderOptions(goalPathsOnly: true));
        string[] Steps(MasterySnapshot mastery, params string[] goals) => [.. onlyPaths.Recommend(
            new NextStepRequest(catalog, mastery, 5, new LearnerProfile("ana", [.. goals.Select(g => new LearningGoal(g, Now.AddDays(14)))])) { Mode = RecommendationMode.Ranked })
            .Steps.Select(s => s.Activity.Id.Value).Order(StringComparer.Ordinal)];
        var none = TestData.Mastered(engine, "ana");

        Steps(none, "U").Should().Equal("b-check", "b-practice");
        // One child mastered: the other, now ready, is what is left.
        Steps(TestData.Mastered(engine, "ana", "B"), "U").Should().Equal("c-check", "c-practice");
        // Nested: G is reached through U and D, U through B and C; the ready ones are B and D.
        Steps(none, "G").Should().Equal("b-check", "b-practice", "d-check", "d-practice");
        // Every child mastered and no activity of its own: nothing is left to offer, as with a mastered goal.
        Steps(TestData.Mastered(engine, "ana", "B", "C"), "U").Should().BeEmpty();
        // A parent with an activity of its own is offered as before, and its children with it.
        Steps(none, "H").Should().Equal("h-check", "h-practice", "k-check", "k-practice");
    }
}
