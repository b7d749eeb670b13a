using System.Collections.Immutable;
using Microsoft.Extensions.Time.Testing;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Tests.Learners;

public class LearnerStateTests
{
    [Fact]
    public void Create_AnEmptyLearnerOrABlankModel_IsRefused()
    {
        FluentActions.Invoking(() => LearnerState.Create(default, "m")).Should().ThrowExactly<ArgumentException>()
            .WithParameterName("learner").WithMessage("A learner state needs a non-empty learner id. (Parameter 'learner')");
        FluentActions.Invoking(() => LearnerState.Create("ana", " ")).Should().ThrowExactly<ArgumentException>().WithParameterName("model");
        FluentActions.Invoking(() => LearnerState.Create("ana", null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("model");
    }

    [Fact]
    public void Evidence_IsInFoldOrder_AndRetractedIdsAreKeptOrderedById_WhateverTheArrivalOrder()
    {
        var engine = Engine();
        var state = engine.CreateLearner("ana");
        for (var minute = 8; minute >= 1; minute--)
        {
            state = engine.Record(state, Piece($"e{minute}", minute)); // newest first
        }

        state = engine.Retract(state, "x9", "e3"); // e3 was folded; x9 never arrived (a tombstone all the same)

        state.Evidence.Select(e => e.Id.Value).Should().Equal("e1", "e2", "e4", "e5", "e6", "e7", "e8");
        state.RetractedEvidence.Should().Equal("e3", "x9");
        state.RetractedEvidence.Should().Equal("e3", "x9");
        state.HasApplied("e1").Should().BeTrue();
        state.HasApplied("e3").Should().BeFalse("retracted");
        state.HasApplied("e0").Should().BeFalse("never seen");
        state.IsRetracted("e3").Should().BeTrue();
        state.IsRetracted("e1").Should().BeFalse();
        state.TryGetEvidence("e1", out var e1).Should().BeTrue();
        e1.Should().BeSameAs(state.Evidence[0]);
        state.TryGetEvidence("e3", out var e3).Should().BeFalse("retracted");
        e3.Should().BeNull();
        state.ToString().Should().Be($"LearnerState {{ Learner = ana, Model = {state.Model}, Competencies = 1, Evidence = 7, Retracted = 2 }}");
        LearnerState.Create("ben", "m").ToString().Should().Be("LearnerState { Learner = ben, Model = m, Competencies = 0, Evidence = 0 }");
    }

    [Fact]
    public void RecentEvidence_OfAStateReadFromJson_IsTheNewest100InFoldOrder()
    {
        // 102 pieces: a state read back from JSON finds its recent evidence again, the last 100 of 102 (e002 … e101).
        var engine = Engine();
        var state = engine.Rebuild("ana", Enumerable.Range(0, 102).Select(i => Piece($"e{i:D3}", i)));
        var read = PersonalizedLearningJson.Deserialize<LearnerState>(PersonalizedLearningJson.Serialize(state));

        read.RecentEvidence.Should().HaveCount(LearnerState.RecentCapacity);
        read.RecentEvidence.Select(e => e.Id.Value).Should().Equal(Enumerable.Range(2, 100).Select(i => $"e{i:D3}"));
        read.RecentEvidence.Should().Equal(state.RecentEvidence);
        read.Should().Be(state);
    }

    [Fact]
    public void Snapshot_OfAStateFromJson_NeedsTheEnginesCheckFirst_ThenWorksAsOfAnyMoment_AsForAFoldedState()
    {
        var engine = Engine();
        var folded = engine.Record(engine.CreateLearner("ana"), [Piece("e1", 0), Piece("e2", 30)]);
        var read = PersonalizedLearningJson.Deserialize<LearnerState>(PersonalizedLearningJson.Serialize(folded));
        MasterySnapshot Snapshot(LearnerState state, int minute) =>
            MasterySnapshot.Create(engine.Framework, state, engine.Model, MasteryPolicy.Default, TestData.Start.AddMinutes(minute));

        FluentActions.Invoking(() => Snapshot(read, 60)).Should().ThrowExactly<ArgumentException>().WithParameterName("state")
            .WithMessage("*was read from a document and not yet checked against its evidence*");
        engine.Assess(read, TestData.Start.AddMinutes(60)); // the engine checks it, and keeps what it built

        // As of minute 10 only e1 counts: the competency is folded again from its evidence, with the catalog it was
        // checked against (or, for the folded state, folded with).
        Snapshot(read, 60).Get("A").Should().Be(Snapshot(folded, 60).Get("A"));
        Snapshot(read, 10).Get("A").Should().Be(Snapshot(folded, 10).Get("A"));
        Snapshot(folded, 10).Get("A").EvidenceCount.Should().Be(1);
        Snapshot(folded, 60).Get("A").EvidenceCount.Should().Be(2);
    }

    [Fact]
    public void Equals_ComparesLearnerModelCompetencyStatesAndEvidence_EachOnItsOwn()
    {
        var at = TestData.Start;
        ImmutableSortedDictionary<CompetencyId, CompetencyState> States(double estimate) =>
            ImmutableSortedDictionary<CompetencyId, CompetencyState>.Empty.Add("A", new CompetencyState(1, estimate, at, at, default));
        var index = EvidenceIndex.Empty.With([new("e1", Piece("e1", 0))]);
        LearnerState Make(LearnerId learner, string model, ImmutableSortedDictionary<CompetencyId, CompetencyState> states, EvidenceIndex evidence) =>
            LearnerState.Restore(learner, model, states, evidence);

        var state = Make("ana", "m", States(0.5), index);
        var same = Make("ana", "m", States(0.5), EvidenceIndex.Empty.With([new("e1", Piece("e1", 0))]));

        state.Equals(state).Should().BeTrue();
        state.Equals(same).Should().BeTrue();
        state.Equals((object)same).Should().BeTrue();
        state.GetHashCode().Should().Be(same.GetHashCode());
        state.Equals(Make("ben", "m", States(0.5), index)).Should().BeFalse("another learner");
        state.Equals(Make("ana", "n", States(0.5), index)).Should().BeFalse("another model");
        state.Equals(Make("ana", "m", ImmutableSortedDictionary<CompetencyId, CompetencyState>.Empty, index)).Should().BeFalse("fewer competencies");
        state.Equals(Make("ana", "m", States(0.6), index)).Should().BeFalse("another estimate");
        state.Equals(Make("ana", "m", States(0.5), index.With([new("r1", null)]))).Should().BeFalse("a retracted id more");
        state.Equals(null).Should().BeFalse();
        state!.Equals((object?)null).Should().BeFalse();
    }

    [Fact]
    public void AnAssessment_IsKeptByTheState_UntilForgotten()
    {
        var engine = Engine();
        var first = engine.Record(engine.CreateLearner("ana"), Piece("e1", 0));
        var assessed = engine.Assess(first, TestData.Start.AddMinutes(5));

        first.Core.Should().NotBeNull("assessed at or after its newest evidence");
        var second = engine.Record(first, Piece("e2", 1));
        second.Seed.Should().NotBeNull("folded from an assessed state: its core and what changed");
        engine.Assess(second, TestData.Start.AddMinutes(5)).Get("A").EvidenceCount.Should().Be(2);
        second.Core.Should().NotBeNull();
        second.Seed.Should().BeNull("its own core is made: the seed is no longer needed");

        first.ForgetAssessment();
        first.Core.Should().BeNull();
        var third = engine.Record(second, Piece("e3", 2));
        third.Seed.Should().NotBeNull();
        third.ForgetAssessment();
        third.Seed.Should().BeNull();
        engine.Assess(first, TestData.Start.AddMinutes(5)).Get("A").Should().Be(assessed.Get("A"), "assessed again from its evidence, the same");
    }

    private static PersonalizedLearningEngine Engine() =>
        new(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.DecayingAverage(), timeProvider: new FakeTimeProvider(TestData.Start.AddDays(1)));

    private static Evidence Piece(string id, int minute) =>
        Evidence.ForCompetency(id, "ana", "A", EvidenceOutcome.FromScore(0.25 + (minute % 3 * 0.25)), TestData.Start.AddMinutes(minute));
}
