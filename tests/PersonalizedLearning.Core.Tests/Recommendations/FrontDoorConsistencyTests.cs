using CsCheck;
using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Mastery.Retention;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Tests.Recommendations;

/// <summary>
/// The same evidence gives the same decisions through every entry point (issue 15, section 2): the engine's
/// <c>RecommendNext</c>, the recommender called with a hand-built request carrying the learner's log, and a playlist.
/// </summary>
public class FrontDoorConsistencyTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly PersonalizedLearningEngine Engine = new(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.DecayingAverage());

    private static readonly DateTimeOffset Now = TestData.Start.AddDays(2);

    /// <summary>Ana masters A (0.9 then 1), reaches B and fails B's checkpoint four times; the LRS sends it newest first.</summary>
    private static Evidence[] Log() =>
    [
        .. Enumerable.Range(0, 4).Select(i => Evidence.ForActivity($"b-fail-{i}", "ana", "b-check", EvidenceOutcome.FromScore(0.2), TestData.Start.AddHours(3 + i))).Reverse(),
        Evidence.ForActivity("a-2", "ana", "a-check", EvidenceOutcome.Correct, TestData.Start.AddHours(1)),
        Evidence.ForActivity("a-1", "ana", "a-check", EvidenceOutcome.FromScore(0.9), TestData.Start),
    ];

    [Fact]
    public void FailingACheckpointFourTimes_RemediatesThroughEveryEntryPoint()
    {
        var log = Log();
        var state = Engine.Rebuild("ana", log);
        var inTimeOrder = ImmutableArray.Create(log.Order(Evidence.FoldOrder).ToArray());
        state.RecentEvidence.Should().Equal(inTimeOrder);

        // Through the front door.
        var front = Engine.RecommendNext(state, count: 3, asOf: Now);
        front.Steps[0].Purpose.Should().Be(RecommendationPurpose.Remediate);
        front.Steps[0].Competency.Should().Be(new PersonalizedLearning.Competencies.CompetencyId("A"));
        front.Steps[0].RemediationFor.Should().Be(new PersonalizedLearning.Competencies.CompetencyId("B"));
        front.Steps[0].Failures.Should().Be(4);

        // The recommender called directly with the learner's log as history gives the same steps.
        var direct = AdaptiveRecommender.Default.Recommend(new NextStepRequest(Engine.Catalog, Engine.Assess(state, Now), 3) { Predictor = null, History = inTimeOrder });
        direct.Steps.Select(s => (s.Activity.Id, s.Purpose, s.RemediationFor)).Should().Equal(front.Steps.Select(s => (s.Activity.Id, s.Purpose, s.RemediationFor)));

        // Without the history (what RecommendNext passed before) the failed checkpoint is offered again and nothing remediates.
        var blind = AdaptiveRecommender.Default.Recommend(new NextStepRequest(Engine.Catalog, Engine.Assess(state, Now), 3));
        blind.Steps.Should().NotContain(s => s.Purpose == RecommendationPurpose.Remediate);

        // A playlist toward E from the engine inserts the same remediation: back to A before B.
        var goals = ImmutableArray.Create(new LearningGoal("E", Now.AddDays(30)));
        var playlist = PlaylistBuilder.Default.Build(Engine.CreatePlaylistRequest(state, goals, asOf: Now));
        var remediation = playlist.Steps.Should().ContainSingle(s => s.RemediationFor != null).Which;
        remediation.Competency.Should().Be(new PersonalizedLearning.Competencies.CompetencyId("A"));
        remediation.RemediationFor.Should().Be(new PersonalizedLearning.Competencies.CompetencyId("B"));
        playlist.Should().Be(PlaylistBuilder.Default.Build(new PlaylistRequest(Engine.Catalog, Engine.Assess(state, Now), goals, history: inTimeOrder)));
    }

    [Fact]
    public void RecentEvidence_IsTheNewestHundredInFoldOrder_WhateverTheArrival()
    {
        var random = new Random(7);
        var log = Enumerable.Range(0, 250).Select(i => Evidence.ForActivity($"e{i:D3}", "ana", random.Next(2) == 0 ? "a-practice" : "b-practice", EvidenceOutcome.FromScore(random.Next(11) / 10.0), TestData.Start.AddMinutes(random.Next(400)))).ToArray();
        var expected = log.Order(Evidence.FoldOrder).TakeLast(LearnerState.RecentCapacity).ToArray();

        var oneByOne = log.OrderBy(_ => random.Next()).Aggregate(Engine.CreateLearner("ana"), Engine.Record);
        oneByOne.RecentEvidence.Should().Equal(expected);
        Engine.Rebuild("ana", log).RecentEvidence.Should().Equal(expected);

        // A retraction of one of them brings the next older piece back in; of an older one changes nothing.
        var newest = expected[^1].Id;
        Engine.Retract(oneByOne, newest).RecentEvidence.Should().Equal(log.Where(e => e.Id != newest).Order(Evidence.FoldOrder).TakeLast(LearnerState.RecentCapacity));
        var oldest = log.Order(Evidence.FoldOrder).First().Id;
        Engine.Retract(oneByOne, oldest).RecentEvidence.Should().Equal(expected);
    }

    [Fact]
    public void TiedActivitiesOfOneCompetency_ComeInTheOrderTheLearnersLevelCallsFor()
    {
        // The latest-score rollup predicts nothing, so a competency's lesson, practice and checkpoint score the same; the
        // catalog's ids used to decide ("b-check" before "b-lesson"), so every first step was a checkpoint.
        var engine = new PersonalizedLearningEngine(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.Latest());
        var state = engine.Rebuild("ana",
        [
            Evidence.ForCompetency("a1", "ana", "A", EvidenceOutcome.Correct, TestData.Start),
            Evidence.ForCompetency("a2", "ana", "A", EvidenceOutcome.Correct, TestData.Start.AddMinutes(1)),
            Evidence.ForCompetency("b1", "ana", "B", EvidenceOutcome.FromScore(0.75), TestData.Start.AddMinutes(2)),
            Evidence.ForCompetency("c1", "ana", "C", EvidenceOutcome.FromScore(0.6), TestData.Start.AddMinutes(3)),
        ]);
        var steps = AdaptiveRecommender.Default.Recommend(engine.CreateRequest(state, 9, asOf: Now) with { Mode = RecommendationMode.Ranked }).Steps;
        string[] Of(string competency) => [.. steps.Where(s => s.Competency == competency).Select(s => s.Activity.Id.Value)];

        Of("B").Should().Equal("b-check", "b-practice", "b-lesson");   // proficient (0.75): show it
        Of("C").Should().Equal("c-practice", "c-lesson", "c-check");   // familiar (0.6): practise
        var fresh = AdaptiveRecommender.Default.Recommend(engine.CreateRequest(engine.CreateLearner("bo"), 3, asOf: Now) with { Mode = RecommendationMode.Ranked }).Steps;
        fresh.Select(s => s.Activity.Id.Value).Should().Equal("a-lesson", "a-practice", "a-check");   // not started: learn it first
    }

    [Fact]
    public void AnEmptyResult_CannotBeMisreadAsAStep()
    {
        var framework = new PersonalizedLearning.Competencies.CompetencyFrameworkBuilder("one").AddCompetency("K", "Knowledge").Build();
        var engine = new PersonalizedLearningEngine(new PersonalizedLearning.Activities.ActivityCatalogBuilder(framework)
            .Add(new PersonalizedLearning.Activities.LearningActivity("k", "Practice K", PersonalizedLearning.Activities.ActivityKind.Practice, 5, TestData.Align("K"))).Build(), RollupMasteryModel.Latest());
        var done = engine.Rebuild("ana", [Evidence.ForCompetency("1", "ana", "K", EvidenceOutcome.Correct, TestData.Start), Evidence.ForCompetency("2", "ana", "K", EvidenceOutcome.Correct, TestData.Start.AddMinutes(1))]);

        var result = engine.RecommendNext(done, asOf: Now);

        result.IsEmpty.Should().BeTrue();
        result.TryGetBest(out var best).Should().BeFalse();
        best.IsEmpty.Should().BeTrue();
        var first = result.Steps.FirstOrDefault();
        first.IsEmpty.Should().BeTrue();
        FluentActions.Invoking(() => first.Activity).Should().Throw<InvalidOperationException>()
            .WithMessage("This NextStep is the default value, not a recommendation: the result had no steps*Check NextStepResult.IsEmpty or NextStep.IsEmpty first.");
        first.ToString().Should().Be("NextStep { (none: the default value) }");
        result.ToString().Should().Be("NextStepResult for ana: no steps");
        FluentActions.Invoking(() => new NextStep { Activity = null! }).Should().Throw<ArgumentNullException>();

        var fresh = engine.RecommendNext(engine.CreateLearner("bo"), asOf: Now);
        fresh.TryGetBest(out var step).Should().BeTrue();
        step.IsEmpty.Should().BeFalse();
        step.Activity.Id.Value.Should().Be("k");
        fresh.ToString().Should().StartWith("NextStepResult for bo: 1. Practice K (K, Learn, score ");
    }

    [Theory]
    [InlineData("b-check", 1, true)]       // found by review: the playlist remediated one failed checkpoint, RecommendNext did not
    [InlineData("b-practice", 4, true)]    // ... and RecommendNext remediated four failed practices, the playlist did not
    [InlineData("b-practice", 2, false)]
    [InlineData("b-check", 0, false)]
    public void RecommendNext_AndAPlaylist_RemediateOnTheSameEvidence(string activity, int failures, bool remediates)
    {
        var log = new List<Evidence>
        {
            Evidence.ForActivity("a-1", "ana", "a-check", EvidenceOutcome.FromScore(0.9), TestData.Start),
            Evidence.ForActivity("a-2", "ana", "a-check", EvidenceOutcome.Correct, TestData.Start.AddHours(1)),
        };
        log.AddRange(Enumerable.Range(0, failures).Select(i => Evidence.ForActivity($"f{i}", "ana", activity, EvidenceOutcome.FromScore(0.2), TestData.Start.AddHours(2 + i))));
        var state = Engine.Rebuild("ana", log);

        var front = Engine.RecommendNext(state, count: 5, asOf: Now).Steps.Where(s => s.Purpose == RecommendationPurpose.Remediate).Select(s => (s.Competency, s.RemediationFor)).Distinct();
        var playlist = PlaylistBuilder.Default.Build(Engine.CreatePlaylistRequest(state, [new LearningGoal("E", Now.AddDays(30))], asOf: Now))
            .Steps.Where(s => s.RemediationFor != null).Select(s => (s.Competency, s.RemediationFor));

        front.Should().Equal(playlist);
        front.Should().HaveCount(remediates ? 1 : 0);
    }

    // A mastered; three failures on B (a remediation is due); one correct answer on A, between failures on B (the
    // remediation, which showed A known); then failuresAfter more failures on B.
    private static List<Evidence> RemediatedThenFailing(int failuresAfter)
    {
        var log = new List<Evidence>
        {
            Evidence.ForActivity("a-1", "ana", "a-check", EvidenceOutcome.FromScore(0.9), TestData.Start),
            Evidence.ForActivity("a-2", "ana", "a-check", EvidenceOutcome.Correct, TestData.Start.AddHours(1)),
        };
        log.AddRange(Enumerable.Range(0, 3).Select(i => Evidence.ForActivity($"f{i}", "ana", "b-practice", EvidenceOutcome.FromScore(0.2), TestData.Start.AddHours(2 + i))));
        log.Add(Evidence.ForActivity("a-3", "ana", "a-check", EvidenceOutcome.Correct, TestData.Start.AddHours(5)));
        log.AddRange(Enumerable.Range(0, failuresAfter).Select(i => Evidence.ForActivity($"g{i}", "ana", "b-practice", EvidenceOutcome.FromScore(0.2), TestData.Start.AddHours(6 + i))));
        return log;
    }

    [Theory]
    [InlineData(2, false)] // after a remediation that showed A known, failures on B must reach twice the threshold
    [InlineData(5, false)]
    [InlineData(6, true)]
    public void ARemediationThatShowedThePrerequisiteKnown_DoublesTheFailuresNeeded_AtBothEntryPoints(int failuresAfter, bool remediates)
    {
        // A mastered; three failures on B (a remediation is due); one correct answer on A, between failures on B (the
        // remediation, which showed A known); then more failures on B. Without the remediation step 3 would be enough.
        var log = RemediatedThenFailing(failuresAfter);
        var state = Engine.Rebuild("ana", log);

        var front = Engine.RecommendNext(state, count: 5, asOf: Now).Steps.Where(s => s.Purpose == RecommendationPurpose.Remediate).Select(s => (s.Competency, s.RemediationFor)).Distinct();
        var playlist = PlaylistBuilder.Default.Build(Engine.CreatePlaylistRequest(state, [new LearningGoal("E", Now.AddDays(30))], asOf: Now))
            .Steps.Where(s => s.RemediationFor != null).Select(s => (s.Competency, s.RemediationFor));

        front.Should().Equal(playlist);
        front.Should().HaveCount(remediates ? 1 : 0);
    }

    [Theory]
    [InlineData(3, false)] // found by RemediationRuleTests' differential property: remediated behind a hundred pieces
    [InlineData(6, true)]
    public void ARemediationThatShowedThePrerequisiteKnown_StillDoublesTheFailuresNeeded_BehindAHundredPiecesElsewhere(int failuresAfter, bool remediates)
    {
        // As above, then 100 pieces on C: the engine's history gave B's run (its newest failures) without the success on A
        // and the failure before it, so three failures remediated where the whole log asks for six.
        var log = RemediatedThenFailing(failuresAfter);
        log.AddRange(Enumerable.Range(0, 100).Select(i => Evidence.ForActivity($"c-{i:D3}", "ana", "c-practice", EvidenceOutcome.FromScore(0.7), TestData.Start.AddHours(20).AddMinutes(i))));
        var state = Engine.Rebuild("ana", log);
        var now = TestData.Start.AddDays(2);

        var front = Engine.RecommendNext(state, count: 5, asOf: now).Steps.Where(s => s.Purpose == RecommendationPurpose.Remediate).Select(s => (s.Competency, s.RemediationFor)).Distinct();
        var playlist = PlaylistBuilder.Default.Build(Engine.CreatePlaylistRequest(state, [new LearningGoal("E", now.AddDays(30))], asOf: now))
            .Steps.Where(s => s.RemediationFor != null).Select(s => (s.Competency, s.RemediationFor));

        front.Should().Equal(playlist);
        front.Should().HaveCount(remediates ? 1 : 0);
        Engine.CreateRequest(state, asOf: now).History.Should().Contain(e => e.Id == "a-3", "the success on A that makes the rule ask for twice");
    }

    [Theory]
    [InlineData(0.7, 2)]   // two practices at 0.7 fail a passing score of 0.8: both remediate
    [InlineData(0.7, 1)]   // one is not enough
    [InlineData(0.85, 2)]  // two at 0.85 pass
    public void AnEnginesOwnRemediationRule_IsThePlaylistsToo(double score, int failures)
    {
        // Found by review: the engine's playlist request kept the playlist defaults (passing 0.6, 3 failures) when the
        // engine's recommender remediated at 0.8 after 2, so the two entry points disagreed.
        var engine = new PersonalizedLearningEngine(Engine.Catalog, Engine.Model, recommender: new AdaptiveRecommender(new RecommenderOptions(passingScore: 0.8, remediateAfterFailures: 2)));
        var log = new List<Evidence>
        {
            Evidence.ForActivity("a-1", "ana", "a-check", EvidenceOutcome.FromScore(0.9), TestData.Start),
            Evidence.ForActivity("a-2", "ana", "a-check", EvidenceOutcome.Correct, TestData.Start.AddHours(1)),
        };
        log.AddRange(Enumerable.Range(0, failures).Select(i => Evidence.ForActivity($"f{i}", "ana", "b-practice", EvidenceOutcome.FromScore(score), TestData.Start.AddHours(2 + i))));
        var state = engine.Rebuild("ana", log);

        var front = engine.RecommendNext(state, count: 5, asOf: Now).Steps.Where(s => s.Purpose == RecommendationPurpose.Remediate).Select(s => (s.Competency, s.RemediationFor)).Distinct();
        var request = engine.CreatePlaylistRequest(state, [new LearningGoal("E", Now.AddDays(30))], asOf: Now);
        var playlist = PlaylistBuilder.Default.Build(request).Steps.Where(s => s.RemediationFor != null).Select(s => (s.Competency, s.RemediationFor));

        (request.Options.PassingScore, request.Options.RemediateAfterFailures).Should().Be((0.8, 2));
        front.Should().Equal(playlist);
        front.Should().HaveCount(score < 0.8 && failures >= 2 ? 1 : 0);

        // Options given are taken as they are, at the engine's passing score and remediation rule; the defaults' 0.6 is
        // refused, and so is another count of failures (issue 21: one remediation rule).
        var given = new PlaylistOptions(sessionMinutes: 30, passingScore: 0.8, remediateAfterFailures: 2);
        engine.CreatePlaylistRequest(state, [new LearningGoal("E", Now.AddDays(30))], given, asOf: Now).Options.Should().Be(given);
        FluentActions.Invoking(() => engine.CreatePlaylistRequest(state, [new LearningGoal("E", Now.AddDays(30))], new PlaylistOptions(sessionMinutes: 30, passingScore: 0.8, remediateAfterFailures: 4), asOf: Now))
            .Should().ThrowExactly<ArgumentException>().WithMessage("The playlist options remediate after 4 failures*the engine's recommender after 2*");
        FluentActions.Invoking(() => engine.CreatePlaylistRequest(state, [new LearningGoal("E", Now.AddDays(30))], PlaylistOptions.Default, asOf: Now))
            .Should().ThrowExactly<ArgumentException>().WithMessage("*at 0.6*passingScore: 0.8*");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AFailureRunBehindAHundredPiecesElsewhere_StillRemediates(bool closedByAPrerequisite)
    {
        // From the fresh review: the history was one window of the newest 100 pieces, so a checkpoint failed four times
        // was forgotten once the learner did 100 pieces on another competency. The state keeps each competency's
        // evidence, and the engine adds the older part of a run that goes on past the window.
        var log = Log().ToList();
        if (closedByAPrerequisite)
        {
            log.Add(Evidence.ForActivity("a-3", "ana", "a-practice", EvidenceOutcome.Correct, TestData.Start.AddHours(8))); // evidence on A ends B's run
        }

        log.AddRange(Enumerable.Range(0, 100).Select(i => Evidence.ForActivity($"c-{i:D3}", "ana", "c-practice", EvidenceOutcome.FromScore(0.7), TestData.Start.AddHours(10).AddMinutes(i))));
        var state = Engine.Rebuild("ana", log);
        var now = TestData.Start.AddDays(2);

        var request = Engine.CreateRequest(state, count: 5, asOf: now);
        request.History.Length.Should().BeLessThanOrEqualTo(RecommenderOptions.Default.HistoryLimit);
        request.History.Should().BeInAscendingOrder(Evidence.FoldOrder);
        var front = Engine.RecommendNext(state, count: 5, asOf: now).Steps.Where(s => s.Purpose == RecommendationPurpose.Remediate).Select(s => (s.Competency, s.RemediationFor)).Distinct().ToList();
        var playlist = PlaylistBuilder.Default.Build(Engine.CreatePlaylistRequest(state, [new LearningGoal("E", now.AddDays(30))], asOf: now))
            .Steps.Where(s => s.RemediationFor != null).Select(s => (s.Competency, s.RemediationFor)).ToList();

        front.Should().Equal(playlist);
        if (closedByAPrerequisite)
        {
            front.Should().BeEmpty();
            request.History.Should().NotContain(e => e.Id.Value.StartsWith("b-fail", StringComparison.Ordinal));
        }
        else
        {
            front.Should().Equal((new PersonalizedLearning.Competencies.CompetencyId("A"), (PersonalizedLearning.Competencies.CompetencyId?)new PersonalizedLearning.Competencies.CompetencyId("B")));
            request.History.Count(e => e.Id.Value.StartsWith("b-fail", StringComparison.Ordinal)).Should().Be(RecommenderOptions.Default.RemediateAfterFailures, "at most the failures that trigger remediation");
            request.History.Should().HaveCount(RecommenderOptions.Default.RemediateAfterFailures + 50, "the runs' older pieces, then the newest half of the window");
            request.History.TakeLast(50).Should().Equal(state.Evidence.TakeLast(50), "the newest pieces keep their place");
        }

        // A learner whose window holds all of it gets the window alone.
        Engine.CreateRequest(Engine.Rebuild("ana", Log()), asOf: now).History.Should().Equal(Engine.Rebuild("ana", Log()).Evidence);
    }

    [Fact]
    public void AnOlderRunPieceFromATwoCompetencyCheckpoint_CountsOnlyForTheRunItExtends()
    {
        // From the second fresh review: the older part of X's run was added with the piece it shares with Y, though Y's
        // run had ended after it (a success not in the history), so Y was remediated too. The answer must be the one an
        // engine gives when the whole log fits its history.
        var framework = new PersonalizedLearning.Competencies.CompetencyFrameworkBuilder("two")
            .AddCompetency("P", "P").AddCompetency("X", "X").AddCompetency("Q", "Q").AddCompetency("Y", "Y").AddCompetency("Z", "Z")
            .AddPrerequisite("P", "X").AddPrerequisite("Q", "Y").Build();
        var catalog = new PersonalizedLearning.Activities.ActivityCatalogBuilder(framework)
            .Add(new PersonalizedLearning.Activities.LearningActivity("xy-check", "Check X and Y", PersonalizedLearning.Activities.ActivityKind.Assessment, 10, [new("X"), new("Y")]))
            .Add(new PersonalizedLearning.Activities.LearningActivity("y-prac", "Practise Y", PersonalizedLearning.Activities.ActivityKind.Practice, 10, [new("Y")]))
            .Add(new PersonalizedLearning.Activities.LearningActivity("x-prac", "Practise X", PersonalizedLearning.Activities.ActivityKind.Practice, 10, [new("X")]))
            .Add(new PersonalizedLearning.Activities.LearningActivity("z-prac", "Practise Z", PersonalizedLearning.Activities.ActivityKind.Practice, 10, [new("Z")]))
            .Add(new PersonalizedLearning.Activities.LearningActivity("p-prac", "Practise P", PersonalizedLearning.Activities.ActivityKind.Practice, 10, [new("P")]))
            .Add(new PersonalizedLearning.Activities.LearningActivity("q-prac", "Practise Q", PersonalizedLearning.Activities.ActivityKind.Practice, 10, [new("Q")])).Build();
        var t0 = TestData.Start;
        var log = new List<Evidence>();
        log.AddRange(Enumerable.Range(0, 3).SelectMany(i => new[] { Evidence.ForActivity($"p{i}", "ana", "p-prac", EvidenceOutcome.Correct, t0.AddHours(-5 + i)), Evidence.ForActivity($"q{i}", "ana", "q-prac", EvidenceOutcome.Correct, t0.AddHours(-5 + i)) }));
        log.Add(Evidence.ForActivity("old-check", "ana", "xy-check", EvidenceOutcome.FromScore(0.1), t0));
        log.Add(Evidence.ForActivity("y-ok", "ana", "y-prac", EvidenceOutcome.FromScore(0.95), t0.AddMinutes(1)));
        log.AddRange(Enumerable.Range(0, 120).Select(i => Evidence.ForActivity($"z{i:D3}", "ana", "z-prac", EvidenceOutcome.FromScore(i % 2 == 0 ? 0.5 : 0.7), t0.AddHours(1).AddMinutes(i))));
        var now = t0.AddDays(2);
        var goals = ImmutableArray.Create(new LearningGoal("X", now.AddDays(30)), new LearningGoal("Y", now.AddDays(30)));

        (List<(PersonalizedLearning.Competencies.CompetencyId, PersonalizedLearning.Competencies.CompetencyId?)> Front, List<(PersonalizedLearning.Competencies.CompetencyId, PersonalizedLearning.Competencies.CompetencyId?)> Playlist) Remediations(PersonalizedLearningEngine engine)
        {
            var state = engine.Rebuild("ana", log);
            var front = engine.RecommendNext(state, count: 5, asOf: now).Steps.Where(s => s.Purpose == RecommendationPurpose.Remediate).Select(s => (s.Competency, s.RemediationFor)).Distinct().OrderBy(r => r.Competency.Value).ToList();
            var playlist = PlaylistBuilder.Default.Build(engine.CreatePlaylistRequest(state, goals, asOf: now)).Steps.Where(s => s.RemediationFor != null).Select(s => (s.Competency, s.RemediationFor)).OrderBy(r => r.Competency.Value).ToList();
            return (front, playlist);
        }

        var whole = Remediations(new PersonalizedLearningEngine(catalog, RollupMasteryModel.DecayingAverage(), recommender: new AdaptiveRecommender(new RecommenderOptions(historyLimit: 1000))));
        var windowed = Remediations(new PersonalizedLearningEngine(catalog, RollupMasteryModel.DecayingAverage()));

        whole.Front.Should().Equal((new PersonalizedLearning.Competencies.CompetencyId("P"), (PersonalizedLearning.Competencies.CompetencyId?)new PersonalizedLearning.Competencies.CompetencyId("X")));
        windowed.Front.Should().Equal(whole.Front);
        windowed.Playlist.Should().Equal(whole.Playlist);
        windowed.Playlist.Should().Equal(windowed.Front);
    }

    [Theory]
    [InlineData(5, false)]  // the four failed checkpoints are behind the last five pieces: neither entry point remediates
    [InlineData(9, true)]   // within the last nine: both do
    [InlineData(100, true)] // the default limit
    public void AHistoryLongerThanTheLimit_RemediatesAlikeThroughNextStepAndAPlaylist(int limit, bool remediates)
    {
        // Review F4 (issue 21): the recommender read only the last HistoryLimit pieces of its request's history, the
        // playlist builder all of it, so one hand-built history of four failed checkpoints on B and then five pieces on E
        // remediated in the playlist and not in NextStep. Both read the last HistoryLimit pieces now (one option each,
        // one default).
        var log = Log().Order(Evidence.FoldOrder).ToList();
        log.AddRange(Enumerable.Range(0, 5).Select(i => Evidence.ForActivity($"e-{i}", "ana", "e-practice", EvidenceOutcome.FromScore(0.7), TestData.Start.AddHours(10 + i))));
        var history = ImmutableArray.Create(log.ToArray());
        var mastery = Engine.Assess(Engine.Rebuild("ana", log), Now);
        var recommender = new AdaptiveRecommender(new RecommenderOptions(historyLimit: limit));
        var options = new PlaylistOptions(historyLimit: limit);

        var front = recommender.Recommend(new NextStepRequest(Engine.Catalog, mastery, 5) { History = history })
            .Steps.Where(s => s.Purpose == RecommendationPurpose.Remediate).Select(s => (s.Competency, s.RemediationFor)).Distinct().ToList();
        var playlist = PlaylistBuilder.Default.Build(new PlaylistRequest(Engine.Catalog, mastery, [new LearningGoal("E", Now.AddDays(30))], options, history: history))
            .Steps.Where(s => s.RemediationFor != null).Select(s => (s.Competency, s.RemediationFor)).ToList();

        front.Should().Equal(playlist);
        front.Should().HaveCount(remediates ? 1 : 0);
        options.HistoryLimit.Should().Be(limit);
        new PlaylistOptions().HistoryLimit.Should().Be(RecommenderOptions.Default.HistoryLimit, "one default for both entry points");

        // An engine passes its recommender's limit to the playlist options it makes.
        var engine = new PersonalizedLearningEngine(Engine.Catalog, Engine.Model, recommender: recommender);
        engine.CreatePlaylistRequest(engine.Rebuild("ana", log), [new LearningGoal("E", Now.AddDays(30))], asOf: Now).Options.HistoryLimit.Should().Be(limit);
    }

    [Fact]
    public void Property_ABoundedHistory_RemediatesAsTheWholeLogDoes()
    {
        // Differential: the engine's bounded history (the newest 100 pieces and the older part of open failure runs) must
        // lead a playlist to the remediations the whole log leads to. Logs of 100-260 pieces over the diamond, with failed
        // checkpoints, a project on B and C, equal timestamps, and long stretches of other work.
        var builder = new PersonalizedLearning.Activities.ActivityCatalogBuilder(Engine.Framework);
        foreach (var activity in Engine.Catalog.Activities)
        {
            builder.Add(activity);
        }

        var catalog = builder.Add(new PersonalizedLearning.Activities.LearningActivity("bc-check", "Check B and C", PersonalizedLearning.Activities.ActivityKind.Assessment, 10, [new("B"), new("C")])).Build();
        var windowed = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var whole = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest(), recommender: new AdaptiveRecommender(new RecommenderOptions(historyLimit: 10_000)));
        string[] activities = ["a-practice", "a-check", "b-practice", "b-check", "c-check", "d-check", "e-practice", "bc-check"];
        int extended = 0, remediated = 0;
        for (var seed = 0; seed < 150; seed++)
        {
            var random = new Random(seed);
            var log = new List<Evidence>();
            var size = 160 + random.Next(141);
            for (var i = 0; i < size; i++)
            {
                var activity = i > size - 150 && random.Next(10) > 0 ? "e-practice" : activities[random.Next(activities.Length)];
                var score = random.Next(3) == 0 ? 0.9 : random.Next(10) / 20.0;
                log.Add(Evidence.ForActivity($"x{i:D3}", "ana", activity, EvidenceOutcome.FromScore(score), TestData.Start.AddMinutes(i / 2)));
            }

            var now = TestData.Start.AddDays(3);
            var goals = ImmutableArray.Create(new LearningGoal("E", now.AddDays(30)));
            var bounded = windowed.CreatePlaylistRequest(windowed.Rebuild("ana", log), goals, asOf: now);
            var full = whole.CreatePlaylistRequest(whole.Rebuild("ana", log), goals, asOf: now);
            bounded.History.Length.Should().BeLessThanOrEqualTo(100);
            extended += Evidence.CompareFoldOrder(bounded.History[0], log.Order(Evidence.FoldOrder).TakeLast(100).First()) < 0 ? 1 : 0;
            var expected = PlaylistBuilder.Default.Build(full).Steps.Where(s => s.RemediationFor != null).Select(s => (s.Competency, s.RemediationFor)).ToList();
            remediated += expected.Count > 0 ? 1 : 0;
            PlaylistBuilder.Default.Build(bounded).Steps.Where(s => s.RemediationFor != null).Select(s => (s.Competency, s.RemediationFor)).Should().Equal(expected, $"seed {seed}");
        }

        extended.Should().BeGreaterThan(10, "older runs must have been added in enough samples");
        remediated.Should().BeGreaterThan(10);
    }

    [Fact]
    public void ARecommenderThatReadsALongerHistory_GetsItThroughTheFrontDoor()
    {
        // Found by review: with historyLimit 300 the front door still passed only the newest 100 pieces, and a checkpoint
        // failed 120 pieces back was forgotten.
        var recommender = new AdaptiveRecommender(new RecommenderOptions(historyLimit: 300));
        var engine = new PersonalizedLearningEngine(Engine.Catalog, Engine.Model, recommender: recommender);
        var log = Log().ToList();
        log.AddRange(Enumerable.Range(0, 120).Select(i => Evidence.ForActivity($"e-{i}", "ana", "e-practice", EvidenceOutcome.FromScore(0.7), TestData.Start.AddHours(10).AddMinutes(i))));
        var state = engine.Rebuild("ana", log);

        var front = engine.RecommendNext(state, count: 5, asOf: Now);
        var direct = recommender.Recommend(new NextStepRequest(engine.Catalog, engine.Assess(state, Now), 5) { History = state.Evidence });

        front.Steps.Select(s => (s.Activity.Id, s.Purpose)).Should().Equal(direct.Steps.Select(s => (s.Activity.Id, s.Purpose)));
        front.Steps.Should().Contain(s => s.Purpose == RecommendationPurpose.Remediate);
        engine.CreateRequest(state, asOf: Now).History.Should().HaveCount(log.Count);

        // The playlist request carries the same history, so the checkpoint failed 120 pieces back still remediates there.
        var playlistRequest = engine.CreatePlaylistRequest(state, [new LearningGoal("E", Now.AddDays(30))], asOf: Now);
        playlistRequest.History.Should().Equal(engine.CreateRequest(state, asOf: Now).History);
        PlaylistBuilder.Default.Build(playlistRequest).Steps.Should().Contain(s => s.RemediationFor == "B");
    }

    // Issue 21: one pass/fail rule. An engine with BKT and the recommender set to one passing score; A known (0.9, then
    // correct), then three scores on B's practice. BKT folds each as correct or incorrect, the recommender and the
    // playlist remediate after three failures, FSRS rates Again: all by EvidenceOutcome.Passes at that score.
    private static (bool BktCorrect, bool Recommended, bool Playlisted, bool FsrsAgain) JudgeEverywhere(double score, double passing)
    {
        var bkt = new BktModel([], defaultParameters: new BktParameters(0.9, 0.3, 0.2, 0.1), passingScore: passing);
        var engine = new PersonalizedLearningEngine(Engine.Catalog, bkt, recommender: new AdaptiveRecommender(new RecommenderOptions(passingScore: passing)));
        var log = new List<Evidence>
        {
            Evidence.ForActivity("a-1", "ana", "a-check", EvidenceOutcome.FromScore(0.9), TestData.Start),
            Evidence.ForActivity("a-2", "ana", "a-check", EvidenceOutcome.Correct, TestData.Start.AddHours(1)),
        };
        log.AddRange(Enumerable.Range(0, 3).Select(i => Evidence.ForActivity($"b-{i}", "ana", "b-practice", EvidenceOutcome.FromScore(score), TestData.Start.AddHours(2 + i))));
        var state = engine.Rebuild("ana", log);

        var observation = new MasteryObservation("B", null, EvidenceOutcome.FromScore(score), 1, EvidenceKind.Formative, TestData.Start);
        var asCorrect = new MasteryObservation("B", null, EvidenceOutcome.Correct, 1, EvidenceKind.Formative, TestData.Start);
        var asIncorrect = new MasteryObservation("B", null, EvidenceOutcome.Incorrect, 1, EvidenceKind.Formative, TestData.Start);
        var folded = bkt.Update(default, observation).Estimate;
        new[] { bkt.Update(default, asCorrect).Estimate, bkt.Update(default, asIncorrect).Estimate }.Should().Contain(folded);

        var recommended = engine.RecommendNext(state, count: 5, asOf: Now).Steps.Any(s => s.Purpose == RecommendationPurpose.Remediate && s.RemediationFor == "B");
        var request = engine.CreatePlaylistRequest(state, [new LearningGoal("E", Now.AddDays(30))], asOf: Now);
        var playlisted = PlaylistBuilder.Default.Build(request).Steps.Any(s => s.RemediationFor == "B");
        var again = new FsrsRatingRule(passingScore: passing, goodScore: Math.Max(passing, 0.7), easyScore: Math.Max(passing, 0.9)).Rate(observation.Outcome) == FsrsRating.Again;
        return (folded == bkt.Update(default, asCorrect).Estimate, recommended, playlisted, again);
    }

    [Theory]
    [InlineData(0.6, false)] // 0.55 fails at the default passing score: incorrect for BKT, three failures remediate, Again
    [InlineData(0.5, true)]  // and passes at 0.5 for every one of them
    public void AScoreOf055_IsJudgedTheSameByEveryComponent(double passing, bool passes)
        => JudgeEverywhere(0.55, passing).Should().Be((passes, !passes, !passes, !passes));

    [Fact]
    public void Property_EveryComponentJudgesByEvidenceOutcomePasses()
    {
        var reached = new int[2];
        Gen.Select(Gen.Double[0, 1], Gen.Int[1, 100]).Sample((score, hundredths) =>
        {
            var passing = hundredths / 100.0;
            var passes = EvidenceOutcome.FromScore(score).Passes(passing);
            Interlocked.Increment(ref reached[passes ? 1 : 0]);
            return JudgeEverywhere(score, passing) == (passes, !passes, !passes, !passes);
        }, iter: PropertyRuns.Iter(60));
        if (PropertyRuns.FloorsAsserted)
        {
            reached.Should().OnlyContain(n => n >= 5, "both passing and failing scores are drawn");
        }
    }

    [Fact]
    public void Engine_ModelAndRecommenderWithDifferentPassingScores_Throws()
    {
        var bkt = new BktModel([], defaultParameters: new BktParameters(0.3, 0.15, 0.2, 0.1), passingScore: 0.5);
        FluentActions.Invoking(() => new PersonalizedLearningEngine(Engine.Catalog, bkt))
            .Should().Throw<ArgumentException>().WithMessage("*the model (BktModel.PassingScore) at 0.5, the recommender (RecommenderOptions.PassingScore) at 0.6*").Which.ParamName.Should().Be("recommender");
        new PersonalizedLearningEngine(Engine.Catalog, bkt, recommender: new AdaptiveRecommender(new RecommenderOptions(passingScore: 0.5))).Model.Should().BeSameAs(bkt);
    }

    [Fact]
    public void Engine_PlaylistOptionsWithAnotherPassingScore_AreRefused()
    {
        // Fresh review of issue 21: new PlaylistOptions(sessionMinutes: 30) carries the library's default passing score
        // (0.6); under an engine at 0.5 its playlist remediated on other evidence than RecommendNext, silently.
        var bkt = new BktModel([], defaultParameters: new BktParameters(0.3, 0.15, 0.2, 0.1), passingScore: 0.5);
        var engine = new PersonalizedLearningEngine(Engine.Catalog, bkt, recommender: new AdaptiveRecommender(new RecommenderOptions(passingScore: 0.5)));
        var ana = engine.CreateLearner("ana");
        LearningGoal[] goals = [new("E", TestData.Start.AddDays(30))];
        FluentActions.Invoking(() => engine.CreatePlaylistRequest(ana, [.. goals], new PlaylistOptions(sessionMinutes: 30), asOf: TestData.Start))
            .Should().ThrowExactly<ArgumentException>()
            .WithMessage("*the model (BktModel.PassingScore) at 0.5, the recommender (RecommenderOptions.PassingScore) at 0.5, the playlists (PlaylistOptions.PassingScore) at 0.6*Make the playlist options with passingScore: 0.5.*")
            .Which.ParamName.Should().Be("options");
        engine.CreatePlaylistRequest(ana, [.. goals], new PlaylistOptions(sessionMinutes: 30, passingScore: 0.5), asOf: TestData.Start).Options.PassingScore.Should().Be(0.5);
        engine.CreatePlaylistRequest(ana, [.. goals], asOf: TestData.Start).Options.PassingScore.Should().Be(0.5, "without options the engine's score is used");
        Engine.CreatePlaylistRequest(Engine.CreateLearner("ana"), [.. goals], new PlaylistOptions(sessionMinutes: 30), asOf: TestData.Start).Options.SessionMinutes.Should().Be(30, "the default engine agrees with the default options");
    }

    [Theory]
    [InlineData(2, 100)]
    [InlineData(3, 50)]
    public void Engine_PlaylistOptionsWithAnotherRemediationRule_AreRefused(int failures, int historyLimit)
    {
        // One remediation rule: playlist options that count failures otherwise, or over another window, than the
        // engine's recommender (3 failures over 100 pieces by default) would remediate where RecommendNext does not.
        var ana = Engine.CreateLearner("ana");
        LearningGoal[] goals = [new("E", TestData.Start.AddDays(30))];
        FluentActions.Invoking(() => Engine.CreatePlaylistRequest(ana, [.. goals], new PlaylistOptions(remediateAfterFailures: failures, historyLimit: historyLimit), asOf: TestData.Start))
            .Should().ThrowExactly<ArgumentException>()
            .WithMessage($"The playlist options remediate after {failures} failures over the last {historyLimit} pieces of evidence, the engine's recommender after 3 over the last 100; "
                + "the library has one remediation rule. Make the playlist options with remediateAfterFailures: 3, historyLimit: 100, or pass no options. (Parameter 'options')")
            .Which.ParamName.Should().Be("options");
        Engine.CreatePlaylistRequest(ana, [.. goals], new PlaylistOptions(remediateAfterFailures: 3, historyLimit: 100), asOf: TestData.Start).Options.RemediateAfterFailures.Should().Be(3);
        var custom = new PersonalizedLearningEngine(Engine.Catalog, Engine.Model, recommender: new AdaptiveRecommender(new RecommenderOptions(remediateAfterFailures: failures, historyLimit: historyLimit)));
        custom.CreatePlaylistRequest(ana, [.. goals], new PlaylistOptions(remediateAfterFailures: failures, historyLimit: historyLimit), asOf: TestData.Start).Options.HistoryLimit.Should().Be(historyLimit);
    }

    [Fact]
    public void Property_TheRecommenderAndThePlaylistRemediateByOneRule()
    {
        // Issue 21: one remediation rule (RemediationRule) read by both entry points. Random histories of up to eight
        // pieces on Diamond's activities and competencies, scores either side of the passing score: the prerequisites the
        // recommender sends the learner back to (those mastered, which a playlist has no step for) are the remediation
        // steps of a playlist to every competency (so that every unmastered one is on it: a playlist remediates only its
        // own competencies). Reached: histories that remediate, and ones that remediate for two competencies.
        var remediated = 0;
        var two = 0;
        string[] targets = ["a-practice", "b-practice", "b-check", "c-check", "c-lesson", "d-check", "d-practice", "B", "C", "D", "A"];
        double[] scores = [0.0, 0.3, 0.55, 0.7, 1.0];
        var piece = Gen.Select(Gen.Int[0, targets.Length - 1], Gen.Int[0, scores.Length - 1].Select(k => scores[k]));
        Gen.Select(piece.Array[0, 8], Gen.Bool).Sample((pieces, knowsA) =>
        {
            var log = new List<Evidence>();
            if (knowsA)
            {
                log.Add(Evidence.ForActivity("a-1", "ana", "a-check", EvidenceOutcome.FromScore(0.9), TestData.Start));
                log.Add(Evidence.ForActivity("a-2", "ana", "a-check", EvidenceOutcome.Correct, TestData.Start.AddMinutes(1)));
            }

            for (var i = 0; i < pieces.Length; i++)
            {
                var (target, score) = pieces[i];
                var at = TestData.Start.AddHours(1 + i);
                var outcome = EvidenceOutcome.FromScore(score);
                log.Add(targets[target].Length == 1
                    ? Evidence.ForCompetency($"p{i}", "ana", targets[target], outcome, at)
                    : Evidence.ForActivity($"p{i}", "ana", targets[target], outcome, at));
            }

            var state = Engine.Rebuild("ana", log);
            var mastery = Engine.Assess(state, Now);
            var history = ImmutableArray.Create(log.ToArray());
            var recommended = AdaptiveRecommender.Default.Recommend(new NextStepRequest(Engine.Catalog, mastery, 20) { History = history })
                .Steps.Where(s => s.Purpose == RecommendationPurpose.Remediate && mastery.IsMastered(s.Competency)).Select(s => s.Competency).ToHashSet();
            var playlisted = PlaylistBuilder.Default.Build(new PlaylistRequest(Engine.Catalog, mastery, [.. "ABCDE".Select(c => new LearningGoal(c.ToString()))], history: history))
                .Steps.Where(s => s.RemediationFor != null).ToList();
            if (playlisted.Count > 0)
            {
                Interlocked.Increment(ref remediated);
            }

            if (playlisted.Count > 1)
            {
                Interlocked.Increment(ref two);
            }

            return recommended.SetEquals(playlisted.Select(s => s.Competency));
        }, iter: PropertyRuns.Iter(1500));
        if (PropertyRuns.FloorsAsserted)
        {
            // About 7 % of histories remediate (21 of 300 in one run); two remediations are rarer, and 600 histories
            // missed them once in a run (a helper's, 2 December), so the property draws 1,500.
            remediated.Should().BeGreaterThan(20);
            two.Should().BeGreaterThan(0);
        }
    }

    [Fact]
    public void Property_TheRecommendersGoalSteps_AreThePlaylistsReadySteps()
    {
        // One "goals plus their unmastered prerequisites" (issue 21), and a parent reached through its children (fresh
        // review A): a recommender kept to goal paths offers, with no history, exactly the competencies of the
        // playlist's learn steps that are ready (every prerequisite mastered), each for the goal that matters most among
        // the goals the playlist's step leads to (nearest date, then profile order). Random frameworks declared in
        // random order, half with a hierarchy whose parents have no activity half the time; random mastered sets; one to
        // three goals with and without dates. Before the fix a goal on a parent without an activity gave no step and the
        // playlist threw.
        var reach = new BranchReach(output)
            .Floor("a goal on a parent without an activity", 0.05) // 8.8 %
            .Floor("a step on a child of a goal", 0.04)      // 6.8 % measured over 400 cases
            .Floor("a step waits for a prerequisite", 0.3)   // 52.5 %
            .Floor("no step at all", 0.05);                  // 13.3 %
        var onlyPaths = new AdaptiveRecommender(new RecommenderOptions(goalPathsOnly: true));
        var scenario =
            from dag in TestData.RandomDagWithHierarchy
            from mastered in Gen.Int[0, 3].Array[dag.Count]
            from bare in Gen.Bool.Array[dag.Count]
            from goals in Gen.Select(Gen.Int[0, 24], Gen.Int[0, 3]).Array[1, 3]
            select (dag, mastered, bare, goals);
        scenario.Sample(t =>
        {
            using var c = reach.Case();
            var (dag, masteredDraws, bare, goalDraws) = t;
            var framework = TestData.Build(dag);
            var builder = new ActivityCatalogBuilder(framework);
            for (var i = 0; i < dag.Count; i++)
            {
                if (!(dag.IsParent(i) && bare[i]))
                {
                    builder.Add(new LearningActivity($"a{i}", $"A {i}", ActivityKind.Practice, 10, TestData.Align($"c{i}")));
                }
            }

            var catalog = builder.Build();
            var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
            var mastery = TestData.Mastered(engine, "ana", [.. Enumerable.Range(0, dag.Count).Where(i => masteredDraws[i] == 0).Select(i => $"c{i}")]);
            var goals = goalDraws.Select(g => (Competency: g.Item1 % dag.Count, Days: g.Item2)).DistinctBy(g => g.Competency)
                .Select(g => new LearningGoal($"c{g.Competency}", g.Days == 0 ? null : TestData.Start.AddDays(7 * g.Days))).ToImmutableArray();

            var steps = onlyPaths.Recommend(new NextStepRequest(catalog, mastery, 100, new LearnerProfile("ana", goals)) { Mode = RecommendationMode.Ranked }).Steps;
            var playlist = PlaylistBuilder.Default.Build(new PlaylistRequest(catalog, mastery, goals));

            var ready = playlist.Steps.Where(s => framework.GetPrerequisites(s.Competency).All(mastery.IsMastered)).ToList();
            steps.Select(s => s.Competency).Should().Equal(steps.Select(s => s.Competency).Distinct(), "one activity per competency here");
            steps.Select(s => s.Competency).Should().BeEquivalentTo(ready.Select(s => s.Competency), $"goals {string.Join(", ", goals)} over {dag}");
            var rank = goals.Select((g, i) => (g.Competency, Key: (g.TargetDate ?? DateTimeOffset.MaxValue, i))).ToDictionary(g => g.Competency, g => g.Key);
            foreach (var step in steps)
            {
                step.Goal.Should().Be(ready.Single(s => s.Competency == step.Competency).Goals.MinBy(g => rank[g]), $"the goal that matters most for {step.Competency}");
            }

            c.Hit("a goal on a parent without an activity", goals.Any(g => !framework.GetChildren(g.Competency).IsEmpty && catalog.GetActivitiesFor(g.Competency).IsEmpty && !mastery.IsMastered(g.Competency)));
            c.Hit("a step on a child of a goal", steps.Any(s => framework.GetParents(s.Competency).Any(p => goals.Any(g => g.Competency == p))));
            c.Hit("a step waits for a prerequisite", playlist.Steps.Length > ready.Count);
            c.Hit("no step at all", steps.IsEmpty);
        }, iter: PropertyRuns.Iter(400));
        reach.Check();
    }
}
