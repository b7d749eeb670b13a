using CsCheck;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Mastery.Elo;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;

namespace PersonalizedLearning.Tests.Mastery;

/// <summary>
/// A learner state keeps what its latest assessment found, and the state folded from it derives its own assessment from
/// that (issue 15, section 2): only the changed competencies are assessed again and the frontier is found again only when
/// a mastered flag changed. Whatever the path (kept, derived after records, retractions, regrades and late evidence, made
/// from scratch), the snapshot must be the one the policy gives competency by competency, and every decision made from it
/// the one made from a state rebuilt from the same evidence.
/// </summary>
public class SnapshotCorePropertyTests
{
    private static readonly CompetencyFramework Framework = TestData.Diamond();

    private static readonly string[] Competencies = ["U", "A", "B", "C", "D", "E"];

    private static readonly string[] Activities = ["a-practice", "b-practice", "c-practice", "d-practice", "e-practice", "u-quiz", "proj"];

    private static readonly ActivityCatalog Catalog = CatalogWith(checkpoints: ["u-quiz"]);

    /// <summary>The same activities and alignments with other checkpoints: a state folded with one catalog is read by an
    /// engine with the other, and that engine's history must follow its own checkpoints.</summary>
    private static readonly ActivityCatalog OtherCheckpoints = CatalogWith(checkpoints: ["a-practice", "b-practice", "c-practice", "d-practice", "e-practice"]);

    private static ActivityCatalog CatalogWith(string[] checkpoints)
    {
        var builder = new ActivityCatalogBuilder(Framework);
        foreach (var (id, competency) in new[] { ("a-practice", "A"), ("b-practice", "B"), ("c-practice", "C"), ("d-practice", "D"), ("e-practice", "E"), ("u-quiz", "U") })
        {
            builder.Add(new LearningActivity(id, id, checkpoints.Contains(id) ? ActivityKind.Assessment : ActivityKind.Practice, 10, [new(competency)]));
        }

        return builder.Add(new LearningActivity("proj", "B and C project", ActivityKind.Project, 30, [new("B", 0.25), new("C")])).Build();
    }

    public static TheoryData<string> ModelNames => ["latest", "decaying-average", "bkt", "elo", "fading"];

    private static IMasteryModel ModelNamed(string name) => name switch
    {
        "latest" => RollupMasteryModel.Latest(),
        "decaying-average" => RollupMasteryModel.DecayingAverage(),
        "bkt" => new BktModel(Competencies.Select(c => new BktCompetencyParameters(c, new BktParameters(0.2, 0.3, 0.2, 0.1)))),
        "elo" => new EloModel(),
        "fading" => new FadingModel(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>A model whose estimate depends on the moment (the latest score, halved every day after it), so that a kept
    /// assessment is good for its own moment only.</summary>
    private sealed class FadingModel : IMasteryModel
    {
        public string Name => "fading-latest";

        public string EstimateLabel => "fading latest score";

        public MasteryStep Update(in CompetencyState state, in MasteryObservation observation) => new(observation.Outcome.Score, default);

        public double? EstimateAt(in CompetencyState state, DateTimeOffset asOf) =>
            state.Estimate * Math.Pow(0.5, Math.Max(0, (asOf - state.LastEvidenceAt!.Value).TotalDays));
    }

    /// <summary>Operations on one learner: records (single and batched, some late), retractions, regrades, and assessments
    /// at moments at or after the newest evidence, with one of two policies.</summary>
    private static readonly Gen<(int Seed, int Steps)> Scenarios = Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[4, 30]);

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Property_AKeptOrDerivedAssessment_IsThePolicysVerdictOnEachCompetency_AndDecidesAsARebuiltState(string name)
    {
        var model = ModelNamed(name);

        // One recommender for all, reading a short history, so that older failure runs enter requests and the engines'
        // catalogs (which call different activities checkpoints) decide how far.
        var recommender = new AdaptiveRecommender(new RecommenderOptions(remediateAfterFailures: 2, historyLimit: 6));
        var engines = new[]
        {
            new PersonalizedLearningEngine(Catalog, model, recommender: recommender, timeProvider: new FixedClock()),
            new PersonalizedLearningEngine(Catalog, model, new MasteryPolicy(0.3, 0.45, 0.55, 1), recommender, new FixedClock()),
            new PersonalizedLearningEngine(OtherCheckpoints, model, recommender: recommender, timeProvider: new FixedClock()),
        };
        var olderRuns = 0;
        int derived = 0, kept = 0, assessed = 0, frontierMoved = 0;
        Scenarios.Sample(scenario =>
        {
            var random = new Random(scenario.Seed);
            var state = engines[0].CreateLearner("ana");
            var folded = new List<Evidence>();
            var newest = TestData.Start;
            MasterySnapshot? previous = null;
            var serial = 0;
            for (var step = 0; step < scenario.Steps; step++)
            {
                var choice = random.Next(10);
                if (choice < 5 || folded.Count == 0)
                {
                    // One piece or a batch, some of it before the newest (late).
                    var batch = Enumerable.Range(0, random.Next(3) == 0 ? 1 + random.Next(3) : 1).Select(_ => Piece(random, serial++)).ToList();
                    state = batch.Count == 1 ? engines[0].Record(state, batch[0]) : engines[0].Record(state, batch);
                    folded.AddRange(batch);
                }
                else if (choice < 7)
                {
                    var gone = folded[random.Next(folded.Count)];
                    state = engines[1].Retract(state, gone.Id);
                    folded.Remove(gone);
                }
                else
                {
                    var regraded = folded[random.Next(folded.Count)];
                    var correction = new Evidence($"{regraded.Id}-r{step}", "ana", EvidenceOutcome.FromScore(random.Next(11) / 10.0), regraded.Timestamp, regraded.Competency, regraded.Activity);
                    state = engines[0].Supersede(state, regraded.Id, correction);
                    folded.Remove(regraded);
                    folded.Add(correction);
                }

                if (folded.Count > 0)
                {
                    newest = folded.Max(e => e.Timestamp);
                }

                if (random.Next(3) == 0)
                {
                    continue; // not assessed: the next state derives from an older one
                }

                var engine = engines[random.Next(engines.Length)];
                var at = newest.AddHours(random.Next(4) switch { 0 => 0, 1 => 1, 2 => 30, _ => 100 });
                Interlocked.Add(ref derived, state.Seed is not null ? 1 : 0);
                Interlocked.Add(ref kept, state.Core is not null && state.Core.Serves(Framework, model, engine.Policy, at) ? 1 : 0);
                var snapshot = engine.Assess(state, at);
                Interlocked.Increment(ref assessed);
                Check(engine, state, snapshot, at);
                // Asked again (another moment, perhaps the other policy): kept when it serves, made again when not.
                var again = engines[random.Next(engines.Length)];
                var later = at.AddHours(random.Next(2) * 5);
                Interlocked.Add(ref kept, state.Core is not null && state.Core.Serves(Framework, model, again.Policy, later) ? 1 : 0);
                Check(again, state, again.Assess(state, later), later);
                Interlocked.Add(ref frontierMoved, previous is not null && !previous.GetFrontier().SequenceEqual(snapshot.GetFrontier()) ? 1 : 0);
                previous = snapshot;

                // Every decision, by any of the engines and after another asked, is the one made from the same evidence rebuilt
                // (no kept or derived parts).
                foreach (var deciding in engines.OrderBy(_ => random.Next()))
                {
                    var rebuilt = deciding.Rebuild("ana", state.Evidence, state.RetractedEvidence);
                    var history = deciding.CreateRequest(state, 3, asOf: at).History;
                    history.Should().Equal(deciding.CreateRequest(rebuilt, 3, asOf: at).History);
                    Interlocked.Add(ref olderRuns, history.Length > 0 && Evidence.FoldOrder.Compare(history[0], state.RecentEvidence[^Math.Min(6, state.RecentEvidence.Length)]) < 0 ? 1 : 0);
                    deciding.RecommendNext(state, 3, asOf: at).Should().Be(deciding.RecommendNext(rebuilt, 3, asOf: at));
                }
            }
        });

        // The paths this property exists for did run: derived assessments, kept ones, and frontiers that moved.
        if (PropertyRuns.FloorsAsserted)
        {
            derived.Should().BeGreaterThan(assessed / 3);
            kept.Should().BeGreaterThan(0);
            frontierMoved.Should().BeGreaterThan(10);
            olderRuns.Should().BeGreaterThan(assessed / 10, "requests carry older failure runs often");
        }
    }

    [Fact]
    public void AnAssessmentKeptForOneMoment_IsNotReusedForAnother_WhenTheModelForgets()
    {
        var engine = new PersonalizedLearningEngine(Catalog, new FadingModel(), timeProvider: new FixedClock());
        var state = engine.Record(engine.CreateLearner("ana"), new Evidence("e1", "ana", EvidenceOutcome.FromScore(0.9), TestData.Start, competency: "U"));
        state = engine.Record(state, new Evidence("e2", "ana", EvidenceOutcome.FromScore(0.9), TestData.Start, activity: "u-quiz"));

        // 0.9 on the day, 0.45 a day later (halved), 0.9 again asked at the first moment.
        engine.Assess(state, TestData.Start).Get("U").Should().Match<MasteryAssessment>(a => a.Estimate == 0.9 && a.Level == MasteryLevel.Mastered);
        engine.Assess(state, TestData.Start.AddDays(1)).Get("U").Should().Match<MasteryAssessment>(a => a.Estimate == 0.45 && a.Level == MasteryLevel.Attempted);
        engine.Assess(state, TestData.Start).Get("U").Level.Should().Be(MasteryLevel.Mastered);
        engine.Assess(state, TestData.Start.AddDays(1)).GetFrontier().Should().Contain("U");
        engine.Assess(state, TestData.Start).GetFrontier().Should().NotContain("U");
    }

    [Fact]
    public void AKeptHistory_IsTheEnginesOwn_WhenAnotherCatalogCallsOtherActivitiesCheckpoints()
    {
        // The reviewer's case: one checkpoint failed, then three practice failures, then a hundred pieces elsewhere, so the
        // run's older part enters the history only as far as each catalog's checkpoint rule reaches.
        var framework = new CompetencyFrameworkBuilder("Fractions").AddCompetency("F1", "Unit fractions").AddCompetency("F2", "Number line").Build();
        ActivityCatalog With(ActivityKind kind) => new ActivityCatalogBuilder(framework)
            .Add(new LearningActivity("f1-check", "Check F1", kind, 10, [new("F1")]))
            .Add(new LearningActivity("f1-practice", "Practice F1", ActivityKind.Practice, 10, [new("F1")]))
            .Add(new LearningActivity("f2-practice", "Practice F2", ActivityKind.Practice, 10, [new("F2")]))
            .Build();
        var model = RollupMasteryModel.DecayingAverage(0.65);
        var checkpoints = new PersonalizedLearningEngine(With(ActivityKind.Assessment), model, timeProvider: new FixedClock());
        var practice = new PersonalizedLearningEngine(With(ActivityKind.Practice), model, timeProvider: new FixedClock());
        var log = new List<Evidence> { Evidence.ForActivity("q", "ana", "f1-check", EvidenceOutcome.Incorrect, TestData.Start) };
        log.AddRange(Enumerable.Range(1, 3).Select(i => Evidence.ForActivity($"p{i}", "ana", "f1-practice", EvidenceOutcome.Incorrect, TestData.Start.AddMinutes(i))));
        log.AddRange(Enumerable.Range(0, 100).Select(i => Evidence.ForActivity($"w{i:000}", "ana", "f2-practice", EvidenceOutcome.Correct, TestData.Start.AddMinutes(10 + i))));
        var state = checkpoints.Rebuild("ana", log);

        checkpoints.RecommendNext(state);
        var history = practice.CreateRequest(state).History;
        history.Should().Equal(practice.CreateRequest(practice.Rebuild("ana", log)).History);
        history.Select(e => e.Id.Value).Should().StartWith(["p1", "p2", "p3", "w050"], "without a checkpoint the run's older part is its last three failures");
        practice.RecommendNext(state).Should().Be(practice.RecommendNext(practice.Rebuild("ana", log)));

        // And the other way round: the checkpoint engine after the practice engine asked.
        var other = practice.Rebuild("ana", log);
        practice.RecommendNext(other);
        checkpoints.CreateRequest(other).History.Select(e => e.Id.Value).Should().StartWith(["q", "p1", "p2", "p3"]);
    }

    private static Evidence Piece(Random random, int serial)
    {
        var at = TestData.Start.AddMinutes(random.Next(0, 40));
        var outcome = random.Next(3) == 0 ? EvidenceOutcome.FromScore(random.Next(11) / 10.0) : EvidenceOutcome.FromCorrect(random.Next(4) > 0);
        return random.Next(4) == 0
            ? new Evidence($"p{serial}", "ana", outcome, at, competency: Competencies[random.Next(Competencies.Length)])
            : new Evidence($"p{serial}", "ana", outcome, at, activity: Activities[random.Next(Activities.Length)]);
    }

    // The snapshot against the policy's verdict on each competency's folded state, and the frontier by its definition.
    private static void Check(PersonalizedLearningEngine engine, LearnerState state, MasterySnapshot snapshot, DateTimeOffset at)
    {
        foreach (var competency in Framework.Competencies)
        {
            var expected = engine.Policy.Assess(competency.Id, state.Get(competency.Id), engine.Model, at);
            snapshot.Get(competency.Id).Should().Be(expected, "competency {0} at {1}", competency.Id, at);
            snapshot.IsMastered(competency.Id).Should().Be(expected.Level == MasteryLevel.Mastered);
        }

        var frontier = Framework.TopologicalOrder
            .Where(c => !snapshot.IsMastered(c) && Framework.GetPrerequisites(c).All(p => snapshot.IsMastered(p)));
        snapshot.GetFrontier().Should().Equal(frontier);
        for (var k = 0; k < snapshot.TouchedIndices.Length; k++)
        {
            snapshot.StateAt(k).Should().Be(state.Get(Framework.Competencies[snapshot.TouchedIndices[k]].Id));
        }
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => TestData.Start.AddDays(30);
    }
}
