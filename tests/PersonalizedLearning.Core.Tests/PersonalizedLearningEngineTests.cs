using PersonalizedLearning.Serialization;
using CsCheck;
using Microsoft.Extensions.Time.Testing;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests;

public class PersonalizedLearningEngineTests
{
    private readonly PersonalizedLearningEngine _engine = new(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.DecayingAverage());

    private static Evidence OnCompetency(string id, string competency, double score, int minute = 0, string learner = "ana")
        => Evidence.ForCompetency(id, learner, competency, EvidenceOutcome.FromScore(score), TestData.Start.AddMinutes(minute));

    [Fact]
    public void Record_FoldsEvidenceAndKeepsCountsAndTimes()
    {
        var state = _engine.CreateLearner("ana");
        state = _engine.Record(state, OnCompetency("e1", "A", 0.5, minute: 10));
        state = _engine.Record(state, OnCompetency("e2", "A", 1.0, minute: 5));

        var a = state.Get("A");
        a.EvidenceCount.Should().Be(2);
        // Folded in time order (e2 at minute 5, then e1 at minute 10), not in the order recorded.
        a.Estimate.Should().BeApproximately((0.35 * 1.0) + (0.65 * 0.5), 1e-15);
        a.FirstEvidenceAt.Should().Be(TestData.Start.AddMinutes(5));
        a.LastEvidenceAt.Should().Be(TestData.Start.AddMinutes(10));
        state.Get("B").IsTouched.Should().BeFalse();
        state.Model.Should().Be("decaying-average(0.65)");
        state.Evidence.Select(e => e.Id).Should().Equal([new EvidenceId("e2"), new EvidenceId("e1")], "the state keeps its evidence in fold order");
    }

    [Fact]
    public void Record_SameEvidenceTwice_ReturnsTheSameState()
    {
        var once = _engine.Record(_engine.CreateLearner("ana"), OnCompetency("e1", "A", 0.5));
        var twice = _engine.Record(once, OnCompetency("e1", "A", 0.5));
        twice.Should().BeSameAs(once);
        twice.Get("A").EvidenceCount.Should().Be(1);
        _engine.Record(once, [OnCompetency("e1", "A", 0.5), OnCompetency("e1", "A", 0.5)]).Should().BeSameAs(once);
    }

    [Fact]
    public void Record_SameIdWithOtherContent_ThrowsNamingBothVersions_AndChangesNothing()
    {
        var once = _engine.Record(_engine.CreateLearner("ana"), OnCompetency("e1", "A", 0.5));
        var json = PersonalizedLearning.Serialization.PersonalizedLearningJson.Serialize(once);

        var act = () => _engine.Record(once, OnCompetency("e1", "A", 1.0));
        var thrown = act.Should().Throw<EvidenceConflictException>().Which;
        thrown.Existing.Outcome.Score.Should().Be(0.5);
        thrown.Incoming.Outcome.Score.Should().Be(1.0);
        thrown.Message.Should().Be(
            "Evidence 'e1' arrived twice with different content; an id names one piece of evidence. "
            + "Already folded: Evidence { Id = e1, Learner = ana, Competency = A, Outcome = 0.5, Timestamp = 2026-09-07T09:00:00.0000000+00:00 }. "
            + "Arrived: Evidence { Id = e1, Learner = ana, Competency = A, Outcome = 1, Timestamp = 2026-09-07T09:00:00.0000000+00:00 }. "
            + "For a regrade give the new result its own id and supersede the old one. (Parameter 'evidence')");

        // Within one batch too, before anything is folded; and the state is unchanged either way.
        var batch = () => _engine.Record(once, [OnCompetency("e2", "B", 1.0), OnCompetency("e2", "B", 0.9, minute: 1)]);
        batch.Should().Throw<EvidenceConflictException>().WithMessage("*Earlier in the batch: Evidence { Id = e2*").Which.Existing.Outcome.Score.Should().Be(1.0);
        var rebuild = () => _engine.Rebuild("ana", [OnCompetency("e2", "B", 1.0), OnCompetency("e2", "C", 1.0)]);
        rebuild.Should().Throw<EvidenceConflictException>().Which.Incoming.Competency.Should().Be(new CompetencyId("C"));
        PersonalizedLearning.Serialization.PersonalizedLearningJson.Serialize(once).Should().Be(json);
        once.EvidenceCount.Should().Be(1);
    }

    [Fact]
    public void Corrections_BadArguments_NameTheirParameter_AndChangeNothing()
    {
        var state = _engine.Rebuild("ana", [OnCompetency("e1", "A", 0.5), OnCompetency("e2", "A", 0.9, minute: 1)]);
        _engine.Invoking(e => e.Retract(state, default(EvidenceId))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("ids");
        _engine.Invoking(e => e.Supersede(state, default, OnCompetency("r", "A", 1))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("replaced");
        _engine.Invoking(e => e.Supersede(state, "e1", OnCompetency("e1", "A", 1))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("replacement");

        // A regrade whose own id was retracted would never count, and the original would go with nothing in its place.
        var voided = _engine.Retract(state, "r9");
        _engine.Invoking(e => e.Supersede(voided, "e1", OnCompetency("r9", "A", 1))).Should().Throw<ArgumentException>()
            .WithMessage("The replacement's id 'r9' was retracted*").Which.ParamName.Should().Be("replacement");
        voided.HasApplied("e1").Should().BeTrue();
        _engine.Rebuild("ana", [OnCompetency("e1", "A", 0.5), OnCompetency("e2", "A", 0.9, minute: 1)]).Should().Be(state);
    }

    [Fact]
    public void AStateFoldedWithOtherAlignments_OrAnEditedDocument_IsRefused_NotMixed()
    {
        // Found by review: a state folded with one catalog took a late piece under another that aligns "proj" differently,
        // and the result matched neither catalog's rebuild.
        var framework = TestData.Diamond();
        PersonalizedLearning.Activities.ActivityCatalog Catalog(bool alsoD) => new PersonalizedLearning.Activities.ActivityCatalogBuilder(framework)
            .Add(new("proj", "Project", PersonalizedLearning.Activities.ActivityKind.Project, 60, alsoD ? [new("B"), new("D")] : [new("B")]))
            .Add(new("d-practice", "Practice D", PersonalizedLearning.Activities.ActivityKind.Practice, 10, [new("D")])).Build();
        var one = new PersonalizedLearningEngine(Catalog(false), RollupMasteryModel.DecayingAverage());
        var sameAlignments = new PersonalizedLearningEngine(Catalog(false), RollupMasteryModel.DecayingAverage());
        var two = new PersonalizedLearningEngine(Catalog(true), RollupMasteryModel.DecayingAverage());
        var state = one.Rebuild("ana", [Evidence.ForActivity("p1", "ana", "proj", EvidenceOutcome.FromScore(0.4), TestData.Start), Evidence.ForActivity("d1", "ana", "d-practice", EvidenceOutcome.Correct, TestData.Start)]);
        var late = Evidence.ForActivity("p0", "ana", "proj", EvidenceOutcome.FromScore(0.9), TestData.Start.AddHours(-1));

        two.Invoking(e => e.Record(state, late)).Should().Throw<ArgumentException>()
            .WithMessage("Learner 'ana''s evidence on activity 'proj' was folded with its alignments [B (1)], which this engine's catalog changes to [B (1), D (1)]; rebuild the state with this catalog*");
        sameAlignments.Record(state, late).Should().Be(one.Record(state, late), "another catalog instance with the same alignments is fine");
        var restored = PersonalizedLearningJson.Deserialize<LearnerState>(PersonalizedLearningJson.Serialize(state));
        two.Invoking(e => e.Record(restored, late)).Should().Throw<ArgumentException>().WithMessage("Learner 'ana''s stored state of competency 'D' is not what mastery model 'decaying-average(0.65)' folds from its evidence with this catalog*");
        one.Record(restored, late).Should().Be(one.Record(state, late), "the refusal changed nothing on the restored instance");
        two.Record(two.Rebuild("ana", state.Evidence, state.RetractedEvidence), late).Should().Be(two.Rebuild("ana", [.. state.Evidence, late]));

        // A document whose stored estimate was edited is refused when first changed.
        var edited = PersonalizedLearningJson.Serialize(state).Replace("\"estimate\":0.4,", "\"estimate\":0.1,", StringComparison.Ordinal);
        edited.Should().NotBe(PersonalizedLearningJson.Serialize(state));
        one.Invoking(e => e.Record(PersonalizedLearningJson.Deserialize<LearnerState>(edited), late)).Should().Throw<ArgumentException>().WithMessage("*stored state of competency 'B'*");
    }

    [Fact]
    public void TwoStatesGrownFromOne_DoNotSeeEachOthersEvidence()
    {
        // States share their per-competency evidence buffers, and the first to append past the end claims the spare room:
        // branching from one state many times, on many threads, must give each branch exactly its own evidence.
        // Grown one piece at a time, so that its buffer has spare room for the branches to claim.
        var root = Enumerable.Range(0, 5).Aggregate(_engine.CreateLearner("ana"), (s, i) => _engine.Record(s, OnCompetency($"r{i}", "A", 0.5, minute: i)));
        var branches = Enumerable.Range(0, 64).AsParallel().Select(b =>
        {
            var state = root;
            for (var k = 0; k < 3; k++)
            {
                state = _engine.Record(state, OnCompetency($"b{b}-{k}", "A", (b % 10) / 10.0, minute: 10 + k));
            }

            return (b, state);
        }).ToList();

        // A late piece makes each branch fold A again from its own evidence, so a shared slot would show.
        var late = OnCompetency("late", "A", 1, minute: -1);
        foreach (var (b, state) in branches)
        {
            var own = Enumerable.Range(0, 3).Select(k => OnCompetency($"b{b}-{k}", "A", (b % 10) / 10.0, minute: 10 + k));
            _engine.Record(state, late).Should().Be(_engine.Rebuild("ana", [.. root.Evidence, .. own, late]));
        }

        root.Get("A").EvidenceCount.Should().Be(5);
        _engine.Record(root, OnCompetency("late", "A", 1, minute: -1)).Get("A").EvidenceCount.Should().Be(6);
    }

    [Fact]
    public void Record_ActivityEvidence_CountsTowardEveryAlignedCompetencyWithItsWeight()
    {
        var framework = TestData.Diamond();
        var catalog = new PersonalizedLearning.Activities.ActivityCatalogBuilder(framework)
            .Add(new("proj", "Project", PersonalizedLearning.Activities.ActivityKind.Project, 60, [new("B", 0.25), new("C", 1)]))
            .Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Average());
        var state = engine.CreateLearner("ana");
        state = engine.Record(state, Evidence.ForCompetency("e0", "ana", "B", EvidenceOutcome.Correct, TestData.Start));
        state = engine.Record(state, Evidence.ForActivity("e1", "ana", "proj", EvidenceOutcome.Incorrect, TestData.Start));

        state.Get("B").Estimate.Should().Be(1.0 / 1.25, "(1 × 1 + 0.25 × 0) / (1 + 0.25)");
        state.Get("C").Estimate.Should().Be(0);
        state.Get("C").EvidenceCount.Should().Be(1);
    }

    [Fact]
    public void Record_BadEvidence_ThrowsAndLeavesTheStateAsItWas()
    {
        var state = _engine.Record(_engine.CreateLearner("ana"), OnCompetency("e1", "A", 0.5));
        var copy = PersonalizedLearning.Serialization.PersonalizedLearningJson.Serialize(state);

        _engine.Invoking(e => e.Record(state, OnCompetency("e2", "A", 1, learner: "ben"))).Should().Throw<ArgumentException>()
            .WithMessage("Evidence 'e2' is about learner 'ben', but the state is for 'ana'.*");
        _engine.Invoking(e => e.Record(state, OnCompetency("e3", "Z", 1))).Should().Throw<ArgumentException>()
            .WithMessage("Evidence 'e3' names competency 'Z', which is not in framework 'Diamond'.*");
        _engine.Invoking(e => e.Record(state, Evidence.ForActivity("e4", "ana", "nope", EvidenceOutcome.Correct, TestData.Start))).Should().Throw<ArgumentException>()
            .WithMessage("Evidence 'e4' names activity 'nope', which is not in the catalog.*");
        _engine.Invoking(e => e.Record(state, (Evidence)null!)).Should().Throw<ArgumentNullException>();

        PersonalizedLearning.Serialization.PersonalizedLearningJson.Serialize(state).Should().Be(copy);
        state.EvidenceCount.Should().Be(1);
    }

    [Fact]
    public void Record_Batch_IsAllOrNothing()
    {
        var state = _engine.CreateLearner("ana");
        var act = () => _engine.Record(state, [OnCompetency("e1", "A", 1), OnCompetency("e2", "Z", 1)]);
        act.Should().Throw<ArgumentException>().WithMessage("Evidence 'e2' names competency 'Z'*");
        state.Competencies.Should().BeEmpty();
        state.EvidenceCount.Should().Be(0);
    }

    [Fact]
    public void Record_StateFromAnotherModel_Throws()
    {
        var other = new PersonalizedLearningEngine(_engine.Catalog, RollupMasteryModel.Latest());
        var state = other.CreateLearner("ana");
        var act = () => _engine.Record(state, OnCompetency("e1", "A", 1));
        act.Should().Throw<ArgumentException>().WithMessage(
            "Learner 'ana' was folded by mastery model 'latest', but this engine uses 'decaying-average(0.65)'; rebuild the state from the evidence log with this model.*");
        _engine.Invoking(e => e.Assess(state)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Assess_WithoutAMoment_UsesTheEnginesClock()
    {
        var clock = new FakeTimeProvider(TestData.Start.AddDays(3));
        var engine = new PersonalizedLearningEngine(_engine.Catalog, _engine.Model, timeProvider: clock);
        engine.Assess(engine.CreateLearner("ana")).AsOf.Should().Be(TestData.Start.AddDays(3));
        engine.Assess(engine.CreateLearner("ana"), TestData.Start).AsOf.Should().Be(TestData.Start);
    }

    [Fact]
    public void EvidenceFromTheFuture_IsRefused_BeyondTheClockMargin()
    {
        var now = TestData.Start;
        var engine = new PersonalizedLearningEngine(_engine.Catalog, _engine.Model, timeProvider: new FakeTimeProvider(now));
        var state = engine.Record(engine.CreateLearner("ana"), Evidence.ForCompetency("e0", "ana", "A", EvidenceOutcome.Correct, now.AddHours(-1)));
        var atMargin = Evidence.ForCompetency("e1", "ana", "A", EvidenceOutcome.FromScore(0.5), now.AddDays(1));
        var beyond = Evidence.ForCompetency("e2", "ana", "A", EvidenceOutcome.FromScore(0.1), now.AddDays(1).AddTicks(1));
        var in2150 = Evidence.ForCompetency("e3", "ana", "A", EvidenceOutcome.FromScore(0.1), new DateTimeOffset(2150, 1, 1, 0, 0, 0, TimeSpan.Zero));

        engine.MaximumFutureSkew.Should().Be(TimeSpan.FromDays(1));
        engine.Record(state, atMargin).EvidenceCount.Should().Be(2);
        FluentActions.Invoking(() => engine.Record(state, beyond)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("Evidence 'e2' is dated 2026-09-08T09:00:00.0000001+00:00, 24 hours 1 minute (1.00:00:00.0000001) after now (2026-09-07T09:00:00.0000000+00:00 by the engine's clock): evidence from the future is*The engine allows 24 hours for clocks that differ (MaximumFutureSkew).*")
            .And.ParamName.Should().Be("evidence");
        FluentActions.Invoking(() => engine.Record(state, Evidence.ForCompetency("e4", "ana", "A", EvidenceOutcome.Correct, now.AddHours(24).AddMinutes(59).AddSeconds(30))))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*dated 2026-09-08T09:59:30.0000000+00:00, 25 hours (1.00:59:30) after now*allows 24 hours for*");
        FluentActions.Invoking(() => engine.Record(state, in2150)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*dated 2150-01-01T00:00:00.0000000+00:00, 45,040 days 15 hours (45040.15:00:00) after now*");

        // A batch, a regrade and a rebuild are refused whole: nothing is folded, and the state given is as it was.
        FluentActions.Invoking(() => engine.Record(state, [atMargin, in2150])).Should().Throw<ArgumentOutOfRangeException>().And.ParamName.Should().Be("evidence");
        FluentActions.Invoking(() => engine.Supersede(state, "e0", in2150)).Should().Throw<ArgumentOutOfRangeException>().And.ParamName.Should().Be("replacement");
        FluentActions.Invoking(() => engine.Rebuild("ana", [atMargin, in2150])).Should().Throw<ArgumentOutOfRangeException>().And.ParamName.Should().Be("log");
        state.EvidenceCount.Should().Be(1);
        state.TryGetEvidence("e0", out _).Should().BeTrue();

        // The margin is the host's: none at all, or off for a replay ahead of the clock.
        var strict = new PersonalizedLearningEngine(_engine.Catalog, _engine.Model, timeProvider: new FakeTimeProvider(now)) { MaximumFutureSkew = TimeSpan.Zero };
        FluentActions.Invoking(() => strict.Record(strict.CreateLearner("ana"), Evidence.ForCompetency("s", "ana", "A", EvidenceOutcome.Correct, now.AddSeconds(1))))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*1 minute (00:00:01) after now*allows 0 minutes*");
        var off = new PersonalizedLearningEngine(_engine.Catalog, _engine.Model, timeProvider: new FakeTimeProvider(now)) { MaximumFutureSkew = TimeSpan.MaxValue };
        off.Record(off.CreateLearner("ana"), in2150).EvidenceCount.Should().Be(1);
        FluentActions.Invoking(() => new PersonalizedLearningEngine(_engine.Catalog, _engine.Model) { MaximumFutureSkew = TimeSpan.FromTicks(-1) })
            .Should().ThrowExactly<ArgumentOutOfRangeException>().WithMessage("The engine settings are not valid: MaximumFutureSkew: the maximum future skew must not be negative: *; got -00:00:00.0000001. (Parameter 'MaximumFutureSkew')").And.ParamName.Should().Be("MaximumFutureSkew");
    }

    [Fact]
    public void Assess_AsOfAMoment_CountsOnlyTheEvidenceUpToIt()
    {
        // From the fresh review: asOf was only a label; a snapshot "as of day 1" counted evidence from day 12.
        var t0 = TestData.Start;
        Evidence Piece(string id, string competency, double score, int day) => Evidence.ForCompetency(id, "ana", competency, EvidenceOutcome.FromScore(score), t0.AddDays(day));
        var log = new[] { Piece("p1", "A", 0.2, 0), Piece("p2", "A", 1, 10), Piece("p3", "A", 1, 11), Piece("p4", "A", 1, 12), Piece("b1", "B", 1, 11) };
        var state = _engine.Rebuild("ana", log);

        var early = _engine.Assess(state, t0.AddDays(1));
        early.Get("A").Should().Be(_engine.Assess(_engine.Rebuild("ana", log[..1]), t0.AddDays(1)).Get("A"));
        early.Get("A").EvidenceCount.Should().Be(1);
        early.Get("B").Level.Should().Be(MasteryLevel.NotStarted); // all of B's evidence comes later
        early.GetFrontier().Should().Equal(_engine.Assess(_engine.Rebuild("ana", log[..1]), t0.AddDays(1)).GetFrontier());

        // A piece at the moment itself counts; before any evidence nothing has started; after the last, all of it.
        _engine.Assess(state, t0.AddDays(10)).Get("A").EvidenceCount.Should().Be(2);
        _engine.Assess(state, t0.AddDays(-5)).GetAll().Should().OnlyContain(a => a.Level == MasteryLevel.NotStarted);
        _engine.Assess(state, t0.AddDays(30)).GetAll().Should().Equal(_engine.Assess(_engine.Rebuild("ana", log), t0.AddDays(30)).GetAll());

        // The request's history stops at the moment too.
        _engine.CreateRequest(state, asOf: t0.AddDays(10)).History.Select(e => e.Id.Value).Should().Equal("p1", "p2");
        _engine.CreatePlaylistRequest(state, [new LearningGoal("E", t0.AddDays(40))], asOf: t0.AddDays(10)).History.Select(e => e.Id.Value).Should().Equal("p1", "p2");
        _engine.CreateRequest(state, asOf: t0.AddDays(30)).History.Should().HaveCount(5);

        // A state read from a document cannot be folded as of a moment without the engine.
        var restored = PersonalizedLearningJson.Deserialize<LearnerState>(PersonalizedLearningJson.Serialize(state));
        FluentActions.Invoking(() => MasterySnapshot.Create(_engine.Framework, restored, _engine.Model, _engine.Policy, t0.AddDays(1))).Should().Throw<ArgumentException>()
            .WithMessage("*read from a document and not yet checked*engine.Assess*");
        _engine.Assess(restored, t0.AddDays(1)).GetAll().Should().Equal(early.GetAll());
    }

    [Fact]
    public void AStateReadFromADocument_NamingACompetencyTheFrameworkLacks_IsRefusedNamingIt()
    {
        // Issue 21 (fresh review): a stored competency state the framework lacks was reported as "the stored state of
        // competency 'A' is not what the model folds" (the first that differed), as a plain ArgumentException. The
        // evidence is on activities, whose competencies the reader does not know (it refuses a state not listing a
        // competency its evidence names: JsonGuardTests), so the renamed state is read and refused at its first use.
        var state = _engine.Rebuild("ana",
        [
            Evidence.ForActivity("e1", "ana", "a-practice", EvidenceOutcome.FromScore(1), TestData.Start),
            Evidence.ForActivity("e2", "ana", "b-practice", EvidenceOutcome.FromScore(0.5), TestData.Start.AddMinutes(1)),
        ]);
        var json = PersonalizedLearningJson.Serialize(state);
        var at = json.IndexOf("\"competency\":\"A\"", StringComparison.Ordinal);
        at.Should().BeLessThan(json.IndexOf("\"evidence\"", StringComparison.Ordinal), "the competency states come before the evidence");
        var renamed = string.Concat(json.AsSpan(0, at), "\"competency\":\"Q\"", json.AsSpan(at + "\"competency\":\"A\"".Length));
        var restored = PersonalizedLearningJson.Deserialize<LearnerState>(renamed);
        restored.Competencies.Keys.Select(k => k.Value).Should().Equal("B", "Q");

        const string Message = "Learner 'ana''s state, read from a document, names competency 'Q', which is not in framework 'Diamond'; rebuild it with this catalog: engine.Rebuild(learner, state.Evidence, state.RetractedEvidence). (Parameter 'state')";
        var uses = new (string Name, Action Use)[]
        {
            ("Assess", () => _engine.Assess(restored, TestData.Start.AddDays(1))),
            ("Record", () => _engine.Record(restored, OnCompetency("e3", "A", 0.1, 2))),
            ("RecommendNext", () => _engine.RecommendNext(restored, asOf: TestData.Start.AddDays(1))),
            ("CreateRequest", () => _engine.CreateRequest(restored, asOf: TestData.Start.AddDays(1))),
            ("CreatePlaylistRequest", () => _engine.CreatePlaylistRequest(restored, [new LearningGoal("D")], asOf: TestData.Start.AddDays(1))),
        };
        foreach (var (name, use) in uses)
        {
            var thrown = FluentActions.Invoking(use).Should().ThrowExactly<UnknownCompetencyException>(name).Which;
            thrown.Competency.Should().Be(new CompetencyId("Q"), name);
            thrown.ParamName.Should().Be("state", name);
            thrown.Message.Should().Be(Message, name);
        }

        // Refused, not adopted: the state is as it was read, and its evidence rebuilds what it was.
        restored.Competencies.Keys.Select(k => k.Value).Should().Equal("B", "Q");
        _engine.Rebuild("ana", restored.Evidence, restored.RetractedEvidence).Should().Be(state);
    }

    [Fact]
    public void AStateFoldedWithACatalog_UsedWithOneLackingItsActivity_ThrowsUnknownActivityException()
    {
        var framework = TestData.Diamond();
        var withD = new PersonalizedLearning.Activities.ActivityCatalogBuilder(framework)
            .Add(new("b-practice", "Practice B", PersonalizedLearning.Activities.ActivityKind.Practice, 10, [new("B")]))
            .Add(new("d-practice", "Practice D", PersonalizedLearning.Activities.ActivityKind.Practice, 10, [new("D")])).Build();
        var withoutD = new PersonalizedLearning.Activities.ActivityCatalogBuilder(framework)
            .Add(new("b-practice", "Practice B", PersonalizedLearning.Activities.ActivityKind.Practice, 10, [new("B")])).Build();
        var one = new PersonalizedLearningEngine(withD, RollupMasteryModel.DecayingAverage());
        var two = new PersonalizedLearningEngine(withoutD, RollupMasteryModel.DecayingAverage());
        var state = one.Rebuild("ana", [Evidence.ForActivity("d1", "ana", "d-practice", EvidenceOutcome.Correct, TestData.Start)]);
        var before = state.ToString();

        var thrown = FluentActions.Invoking(() => two.Record(state, Evidence.ForActivity("b1", "ana", "b-practice", EvidenceOutcome.Correct, TestData.Start.AddHours(1))))
            .Should().ThrowExactly<UnknownActivityException>().Which;
        thrown.Activity.Should().Be(new ActivityId("d-practice"));
        thrown.ParamName.Should().Be("state");
        thrown.Message.Should().Be("Learner 'ana''s evidence on activity 'd-practice' was folded with its alignments [D (1)], and activity 'd-practice' is not in this engine's catalog; rebuild the state with this catalog: engine.Rebuild(learner, state.Evidence, state.RetractedEvidence), after taking out the evidence on it. (Parameter 'state')");
        state.ToString().Should().Be(before);
        state.EvidenceCount.Should().Be(1);
    }

    [Fact]
    public void AStateReadFromAnEditedDocument_IsRefusedAtItsFirstUse_NotOnlyWhenChanged()
    {
        // From the fresh review: an edited estimate was believed by Assess and RecommendNext until a Record noticed.
        var state = _engine.Rebuild("ana", [OnCompetency("e1", "A", 1), OnCompetency("e2", "A", 0.9, 1)]);
        var json = PersonalizedLearningJson.Serialize(state);
        var estimate = state.Get("A").Estimate!.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var edited = PersonalizedLearningJson.Deserialize<LearnerState>(json.Replace($"\"estimate\":{estimate}", "\"estimate\":0.5", StringComparison.Ordinal));
        edited.Get("A").Estimate.Should().Be(0.5, "the edit must have taken");

        FluentActions.Invoking(() => _engine.Assess(edited, TestData.Start.AddDays(1))).Should().Throw<ArgumentException>().WithMessage("*stored state of competency 'A' is not what mastery model*folds from its evidence*");
        FluentActions.Invoking(() => _engine.RecommendNext(edited, asOf: TestData.Start.AddDays(1))).Should().Throw<ArgumentException>();

        // An unedited one is checked once and then used as folded.
        var restored = PersonalizedLearningJson.Deserialize<LearnerState>(json);
        _engine.Assess(restored, TestData.Start.AddDays(1)).GetAll().Should().Equal(_engine.Assess(state, TestData.Start.AddDays(1)).GetAll());
        _engine.Record(restored, OnCompetency("e3", "A", 0.1, 2)).Should().Be(_engine.Record(state, OnCompetency("e3", "A", 0.1, 2)));

        // From the second fresh review: the public snapshot factory took an unchecked document as it was.
        var unchecked_ = PersonalizedLearningJson.Deserialize<LearnerState>(json.Replace($"\"estimate\":{estimate}", "\"estimate\":0.5", StringComparison.Ordinal));
        FluentActions.Invoking(() => MasterySnapshot.Create(_engine.Framework, unchecked_, _engine.Model, _engine.Policy, TestData.Start.AddDays(1))).Should().Throw<ArgumentException>()
            .WithMessage("*read from a document and not yet checked*engine.Assess*");
        MasterySnapshot.Create(_engine.Framework, restored, _engine.Model, _engine.Policy, TestData.Start.AddDays(1)).GetAll().Should().Equal(_engine.Assess(state, TestData.Start.AddDays(1)).GetAll());

        // Evidence re-dated into the future in the document is refused as Record refuses it.
        var clock = new FakeTimeProvider(TestData.Start.AddDays(1));
        var engine = new PersonalizedLearningEngine(_engine.Catalog, _engine.Model, timeProvider: clock);
        var future = PersonalizedLearningJson.Deserialize<LearnerState>(json.Replace("2026-09-07T09:01:00+00:00", "2150-03-13T09:01:00+00:00", StringComparison.Ordinal));
        FluentActions.Invoking(() => engine.Assess(future)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("Evidence 'e2' is dated 2150-03-13*").And.ParamName.Should().Be("state");

        // Each engine holds a state to its own clock and margin, whichever engine saw it first (second fresh review).
        var permissive = new PersonalizedLearningEngine(_engine.Catalog, _engine.Model, timeProvider: clock) { MaximumFutureSkew = TimeSpan.MaxValue };
        var seenFirst = PersonalizedLearningJson.Deserialize<LearnerState>(json.Replace("2026-09-07T09:01:00+00:00", "2150-03-13T09:01:00+00:00", StringComparison.Ordinal));
        permissive.Assess(seenFirst).Learner.Should().Be(new LearnerId("ana"));
        FluentActions.Invoking(() => engine.Assess(seenFirst)).Should().Throw<ArgumentOutOfRangeException>().And.ParamName.Should().Be("state");
        FluentActions.Invoking(() => engine.Record(permissive.Record(permissive.CreateLearner("ana"), Evidence.ForCompetency("f", "ana", "A", EvidenceOutcome.Correct, TestData.Start.AddYears(5))), OnCompetency("g", "A", 1)))
            .Should().Throw<ArgumentOutOfRangeException>().And.ParamName.Should().Be("state");
    }

    [Fact]
    public void TheSameInstantWithAnotherOffset_IsTheSameEvidence_AndKeepsTheFirstOffset()
    {
        var utc = Evidence.ForCompetency("e1", "ana", "A", EvidenceOutcome.Correct, TestData.Start);
        var paris = Evidence.ForCompetency("e1", "ana", "A", EvidenceOutcome.Correct, TestData.Start.ToOffset(TimeSpan.FromHours(2)));
        paris.Should().Be(utc);

        var state = _engine.Record(_engine.CreateLearner("ana"), utc);
        _engine.Record(state, paris).Should().BeSameAs(state);
        state.TryGetEvidence("e1", out var kept).Should().BeTrue();
        kept!.Timestamp.Offset.Should().Be(TimeSpan.Zero);

        // Another instant is other content.
        FluentActions.Invoking(() => _engine.Record(state, Evidence.ForCompetency("e1", "ana", "A", EvidenceOutcome.Correct, TestData.Start.AddSeconds(1))))
            .Should().Throw<EvidenceConflictException>();
    }

    [Fact]
    public void Assess_ReportsLevelsAndTheFrontier()
    {
        var state = _engine.Rebuild("ana", [OnCompetency("e1", "A", 1), OnCompetency("e2", "A", 1), OnCompetency("e3", "B", 0.6)]);
        var snapshot = _engine.Assess(state, TestData.Start);

        snapshot.Get("A").Level.Should().Be(MasteryLevel.Mastered);
        snapshot.Get("B").Level.Should().Be(MasteryLevel.Familiar);
        snapshot.Get("E").Level.Should().Be(MasteryLevel.NotStarted);
        snapshot.Mastered.Should().Equal(new CompetencyId("A"));
        snapshot.GetFrontier().Should().Equal(new CompetencyId("U"), new CompetencyId("B"), new CompetencyId("C"));
        snapshot.GetAll().Should().HaveCount(6);
        snapshot.IsMastered("A").Should().BeTrue();
        snapshot.Learner.Should().Be(new LearnerId("ana"));
    }

    [Fact]
    public void Constructor_NullArguments_Throw()
    {
        FluentActions.Invoking(() => new PersonalizedLearningEngine(null!, RollupMasteryModel.Latest())).Should().Throw<ArgumentNullException>().And.ParamName.Should().Be("catalog");
        FluentActions.Invoking(() => new PersonalizedLearningEngine(_engine.Catalog, null!)).Should().Throw<ArgumentNullException>().And.ParamName.Should().Be("model");
    }

    [Fact]
    public void Constructor_ModelNamingIdsTheFrameworkOrCatalogLacks_ThrowsNamingTheFirst()
    {
        var catalog = _engine.Catalog;
        var p = new PersonalizedLearning.Mastery.KnowledgeTracing.BktParameters(0.2, 0.1, 0.2, 0.1);

        // Parameters for a subset of the framework (the rest fall back to the default) are this framework's.
        var subset = new PersonalizedLearning.Mastery.KnowledgeTracing.BktModel([new("A", p), new("B", p, [new PersonalizedLearning.Mastery.KnowledgeTracing.BktActivityParameters("b-check", Guess: 0.3)], null, null, null)], p);
        new PersonalizedLearningEngine(catalog, subset).Model.Should().BeSameAs(subset);

        // A competency of another framework ("X"), listed after one of this framework's.
        var foreignCompetency = new PersonalizedLearning.Mastery.KnowledgeTracing.BktModel([new("A", p), new("X", p)], p);
        var competency = FluentActions.Invoking(() => new PersonalizedLearningEngine(catalog, foreignCompetency)).Should().ThrowExactly<UnknownCompetencyException>().Which;
        competency.Competency.Should().Be(new CompetencyId("X"));
        competency.ParamName.Should().Be("model");
        competency.Message.Should().StartWith($"The model has parameters for competency 'X', which is not in framework '{catalog.Framework.Title}'. Fit the model on this framework and catalog, or keep only what they name");

        // Per-activity parameters of a known competency for an activity the catalog lacks; and a pair transition naming one.
        var foreignActivity = new PersonalizedLearning.Mastery.KnowledgeTracing.BktModel([new("B", p, [new PersonalizedLearning.Mastery.KnowledgeTracing.BktActivityParameters("b-quiz", Slip: 0.2)], null, null, null)], p);
        var activity = FluentActions.Invoking(() => new PersonalizedLearningEngine(catalog, foreignActivity)).Should().ThrowExactly<UnknownActivityException>().Which;
        activity.Activity.Should().Be(new ActivityId("b-quiz"));
        activity.ParamName.Should().Be("model");
        activity.Message.Should().StartWith("The model has parameters of competency 'B' for activity 'b-quiz', which is not in the catalog.");

        // An Elo item bank rating an item outside the catalog.
        var bank = PersonalizedLearning.Mastery.Elo.EloItemBank.From([new("a-check", new PersonalizedLearning.Mastery.Elo.Rated(0.1, 3)), new("zz-item", new PersonalizedLearning.Mastery.Elo.Rated(-0.4, 2))]);
        var elo = FluentActions.Invoking(() => new PersonalizedLearningEngine(catalog, new PersonalizedLearning.Mastery.Elo.EloModel(bank))).Should().ThrowExactly<UnknownActivityException>().Which;
        elo.Activity.Should().Be(new ActivityId("zz-item"));
        elo.Message.Should().StartWith("The model rates item 'zz-item', which is not in the catalog.");
        new PersonalizedLearningEngine(catalog, new PersonalizedLearning.Mastery.Elo.EloModel(PersonalizedLearning.Mastery.Elo.EloItemBank.From([new("a-check", new PersonalizedLearning.Mastery.Elo.Rated(0.1, 3))]))).Should().NotBeNull();
    }

    private static readonly string[] Competencies = ["A", "B", "C", "D", "E"];

    private static readonly Gen<(int Competency, double Score, int Learner)[]> Log =
        Gen.Select(Gen.Int[0, 4], Gen.Double[0, 1], Gen.Int[0, 2]).Array[0, 40];

    private static Evidence[] ToEvidence((int Competency, double Score, int Learner)[] log) =>
        [.. log.Select((e, i) => OnCompetency($"e{i}", Competencies[e.Competency], e.Score, i, $"learner{e.Learner}"))];

    [Fact]
    public void Property_ReplayingTheSameLogInTheSameOrder_GivesAnEqualState()
    {
        Log.Sample(log =>
        {
            var evidence = ToEvidence(log).Where(e => e.Learner == "learner0").ToArray();
            var first = _engine.Rebuild("learner0", evidence);
            var second = _engine.Rebuild("learner0", evidence);
            var oneByOne = evidence.Aggregate(_engine.CreateLearner("learner0"), _engine.Record);
            var replayedTwice = _engine.Record(first, evidence);

            second.Should().Be(first);
            oneByOne.Should().Be(first);
            replayedTwice.Should().BeSameAs(first, "every id was already folded");
            PersonalizedLearning.Serialization.PersonalizedLearningJson.Serialize(second).Should().Be(PersonalizedLearning.Serialization.PersonalizedLearningJson.Serialize(first));
        });
    }

    [Fact]
    public void Property_InterleavingOtherLearners_DoesNotChangeAnyLearnersState()
    {
        Log.Sample(log =>
        {
            var evidence = ToEvidence(log);
            var interleaved = new Dictionary<LearnerId, LearnerState>();
            foreach (var e in evidence)
            {
                interleaved[e.Learner] = _engine.Record(interleaved.GetValueOrDefault(e.Learner) ?? _engine.CreateLearner(e.Learner), e);
            }

            foreach (var (learner, state) in interleaved)
            {
                _engine.Rebuild(learner, evidence.Where(e => e.Learner == learner)).Should().Be(state);
            }
        });
    }
}
