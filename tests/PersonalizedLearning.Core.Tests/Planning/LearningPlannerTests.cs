using System.Collections.Immutable;
using CsCheck;
using Microsoft.Extensions.Time.Testing;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Sequencing;
using PersonalizedLearning.Serialization;
using Xunit.Abstractions;

namespace PersonalizedLearning.Tests.Planning;

/// <summary>
/// Golden tests with a fake clock on a hand-built framework: A → B → C and A → X. Each competency has one practice
/// and one checkpoint (A 20 + 10 min, B 30 + 10, C 40 + 20, X 15 + 5). The learner has mastered nothing; the goals are
/// C in 14 days and X in 7 days; playlists are Guided.
/// </summary>
/// <remarks>
/// Order, by (earliest goal date, sequence): A (7 days, it leads to X too), X (7 days), B (14), C (14). Steps take
/// A 30, X 20, B 40, C 60 minutes: 30, 50, 90 and 150 minutes from now to the end of each. At 70 minutes a week
/// (10 a day), m minutes end m ÷ 10 days from now.
/// </remarks>
public class LearningPlannerTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = TestData.Start;

    private static readonly ActivityCatalog Catalog = TestData.PlanCatalog;

    private static readonly CompetencyFramework Framework = Catalog.Framework;

    private static readonly PersonalizedLearningEngine Engine = new(Catalog, RollupMasteryModel.Latest());

    private static readonly PlaylistOptions Guided = new(AgencyLevel.Guided, sessionMinutes: 60);

    private static readonly PacingOptions Weekly70 = new(minutesPerWeek: 70);

    private static LearningGoal[] Goals => [new("C", Now.AddDays(14)), new("X", Now.AddDays(7))];

    private static ImmutableArray<Evidence> Scores(params (string Competency, double Score)[] scores) => [.. scores.SelectMany((s, i) => new[]
    {
        Evidence.ForCompetency($"{s.Competency}{i}a", "ana", s.Competency, EvidenceOutcome.FromScore(s.Score), Now),
        Evidence.ForCompetency($"{s.Competency}{i}b", "ana", s.Competency, EvidenceOutcome.FromScore(s.Score), Now),
    })];

    private static PlaylistRequest Request(ImmutableArray<Evidence> evidence = default, LearnerAccommodations? accommodations = null, ImmutableArray<Evidence> history = default, DateTimeOffset? asOf = null, params LearningGoal[] goals) =>
        new(Catalog, Engine.Assess(Engine.Rebuild("ana", evidence.OrEmpty()), asOf ?? Now), goals.Length == 0 ? [.. Goals] : [.. goals], Guided, accommodations, history);

    private static Evidence Timed(string id, string activity, double minutes, int day = 0) =>
        new(id, "ana", EvidenceOutcome.Correct, Now.AddDays(day), activity: activity, duration: TimeSpan.FromMinutes(minutes));

    private static (LearningPlanner Planner, FakeTimeProvider Clock) Planner()
    {
        var clock = new FakeTimeProvider(Now);
        return (new LearningPlanner(clock: clock), clock);
    }

    [Fact]
    public void Draft_BuildsThePathway_AndRecordsItsCreation()
    {
        var (planner, _) = Planner();

        var plan = planner.Draft(Request());

        plan.Status.Should().Be(PlanStatus.Draft);
        plan.Learner.Should().Be(new LearnerId("ana"));
        plan.Goals.Should().Equal(Goals);
        plan.Pathway.Steps.Select(s => (s.Competency.Value, s.Minutes)).Should().Equal(("A", 30.0), ("X", 20.0), ("B", 40.0), ("C", 60.0));
        plan.History.Should().Equal(new PlanChange(Now, PlanChangeKind.Created, "Drafted for C by 2026-09-21, X by 2026-09-14: 4 step(s), 150 min."));
        plan.Milestones.Should().BeEmpty();
        plan.Deadline.Should().BeNull();
    }

    [Fact]
    public void Projection_AtTheExpectedPace_IsWorkedByHand()
    {
        var (planner, clock) = Planner();
        var plan = planner.Draft(Request(), [new PlanMilestone("Foundations", Now.AddDays(6), ["A"])], new ExternalDeadline("State test", Now.AddDays(10)));
        clock.Advance(TimeSpan.FromHours(1)); // the projection is made at the clock's time, not the plan's

        var projection = planner.Project(plan, Weekly70);

        var at = Now.AddHours(1);
        projection.AsOf.Should().Be(at);
        projection.Pace.Should().Be(new ObservedPace(1, false, 0, 0, 0)); // nothing timed: the pathway's own factor, 1
        // X ends after 50 min = 5 days; its target is 7 days away less an hour: 50 ÷ (167/168 weeks) min/week needed.
        var weeksToX = (Now.AddDays(7) - at).TotalDays / 7;
        projection.Goals[1].Should().Be(new GoalProjection("X", new PacingForecast(50, at.AddDays(5), PacingStatus.OnTrack, 50 / weeksToX), Now.AddDays(7)));
        // C ends after 150 min = 15 days, a day after its target: 150 ÷ ~2 weeks ≈ 75.2 min/week, within 70 × 1.25.
        var weeksToC = (Now.AddDays(14) - at).TotalDays / 7;
        projection.Goals[0].Should().Be(new GoalProjection("C", new PacingForecast(150, at.AddDays(15), PacingStatus.AtRisk, 150 / weeksToC), Now.AddDays(14)));
        projection.Goals[0].ToString().Should().Be("Goal C: 150 min left, projected 2026-09-22 against 2026-09-21: at risk (75 min/week would finish it on time).");
        // The milestone needs A: 30 min, 3 days, against 6 days.
        projection.Milestones.Should().Equal(new MilestoneProjection(plan.Milestones[0], new PacingForecast(30, at.AddDays(3), PacingStatus.OnTrack, 30 / ((Now.AddDays(6) - at).TotalDays / 7))));
        // The state test in 10 days sees A (3 days), X (5) and B (9), not C (15).
        projection.Deadline!.NotReached.Should().Equal(new CompetencyId("C"));
        projection.Deadline.GoalsNotReached.Should().Equal(new CompetencyId("C"));
        projection.Deadline.Forecast.Status.Should().Be(PacingStatus.OffTrack); // 150 min in ~10/7 weeks = 105.4 > 87.5
        projection.Overall.Should().Be(new PacingForecast(150, at.AddDays(15), PacingStatus.AtRisk, 150 / weeksToC));
        projection.ExtraMinutesPerWeek.Should().BeApproximately(150 / weeksToC - 70, 1e-12);
    }

    [Fact]
    public void Projection_AtTheObservedPace_IsWorkedByHand()
    {
        var (planner, _) = Planner();
        var plan = planner.Draft(Request());
        // Three timed pieces: 30 + 15 + 45 = 90 actual minutes against 20 + 10 + 30 = 60 estimated: pace 1.5.
        ImmutableArray<Evidence> evidence = [Timed("t1", "a-practice", 30), Timed("t2", "a-check", 15), Timed("t3", "b-practice", 45),
            Evidence.ForActivity("untimed", "ana", "x-practice", EvidenceOutcome.Correct, Now), Timed("t1", "a-practice", 30)]; // repeated id: once

        var projection = planner.Project(plan, Weekly70, evidence);

        projection.Pace.Should().Be(new ObservedPace(1.5, true, 3, 90, 60));
        // A 45, X 30, B 60, C 90: X ends at 75 min (7.5 days), C at 225 (22.5 days).
        projection.Goals[1].Forecast.Should().Be(new PacingForecast(75, Now.AddDays(7.5), PacingStatus.AtRisk, 75)); // 75 ≤ 87.5
        projection.Goals[0].Forecast.Should().Be(new PacingForecast(225, Now.AddDays(22.5), PacingStatus.OffTrack, 112.5)); // 112.5 > 87.5
        projection.Overall.Should().Be(new PacingForecast(225, Now.AddDays(22.5), PacingStatus.OffTrack, 112.5));
        projection.ExtraMinutesPerWeek.Should().Be(42.5);
        projection.Goals[1].ToString().Should().Be("Goal X: 75 min left, projected 2026-09-14 against 2026-09-14: at risk (75 min/week would finish it on time).");
    }

    [Fact]
    public void Pace_UsesTheNewestTimedEvidence_ExpectsTheExtendedTimeUntilEnoughIsTimed_AndIsBounded()
    {
        var (planner, _) = Planner();
        var plan = planner.Draft(Request(accommodations: new LearnerAccommodations(1.5)));

        // Two timed pieces are fewer than three: the pathway's factor (time and a half) is the pace, the same as observing 1.5.
        var expected = planner.Project(plan, Weekly70, [Timed("t1", "a-practice", 20), Timed("t2", "a-check", 10)]);
        expected.Pace.Should().Be(new ObservedPace(1.5, false, 2, 30, 30));
        expected.Overall.RemainingMinutes.Should().Be(225);

        // A window of 2 takes the two newest (days 2 and 3): 40 actual against 20 estimated.
        var windowed = planner.Project(plan, new PacingOptions(70, paceWindow: 2, minimumTimedEvidence: 2),
            [Timed("old", "a-practice", 200, day: 1), Timed("new1", "a-check", 20, day: 2), Timed("new2", "a-check", 20, day: 3)]);
        windowed.Pace.Should().Be(new ObservedPace(2, true, 2, 40, 20));

        // Zero minutes would promise everything now: the factor stops at 0.1.
        var instant = planner.Project(plan, Weekly70, [Timed("z1", "a-practice", 0), Timed("z2", "a-check", 0), Timed("z3", "b-check", 0)]);
        instant.Pace.Factor.Should().Be(PacingOptions.MinimumPace);
        instant.Overall.RemainingMinutes.Should().BeApproximately(15, 1e-12);
    }

    [Fact]
    public void Lifecycle_DraftActivateReplanComplete_IsRecordedWithTheClock()
    {
        var (planner, clock) = Planner();
        var draft = planner.Draft(Request());
        clock.Advance(TimeSpan.FromDays(1));
        var active = planner.Activate(draft);
        clock.Advance(TimeSpan.FromDays(1));

        // A mastered: its step is done.
        var afterA = planner.Update(active, Request(Scores(("A", 1))));
        // A failed B checkpoint (weakest prerequisite A) adds remediation of A before B.
        clock.Advance(TimeSpan.FromDays(1));
        var failed = Evidence.ForActivity("fail", "ana", "b-check", EvidenceOutcome.FromScore(0.2), Now);
        var remediated = planner.Update(afterA, Request(Scores(("A", 1)), history: [failed]));
        clock.Advance(TimeSpan.FromDays(1));
        var finished = planner.Update(remediated, Request(Scores(("A", 1), ("B", 1), ("C", 1), ("X", 1))));

        draft.Status.Should().Be(PlanStatus.Draft); // every change leaves the plan it came from as it was
        active.Status.Should().Be(PlanStatus.Active);
        afterA.Pathway.Steps.Select(s => s.Competency.Value).Should().Equal("X", "B", "C");
        remediated.Pathway.Steps.Select(s => $"{s.Kind} {s.Competency}").Should().Equal("Learn X", "Remediate A", "Learn B", "Learn C");
        finished.Status.Should().Be(PlanStatus.Complete);
        finished.Pathway.Steps.Should().BeEmpty();
        finished.History.Should().Equal(
            new PlanChange(Now, PlanChangeKind.Created, "Drafted for C by 2026-09-21, X by 2026-09-14: 4 step(s), 150 min."),
            new PlanChange(Now.AddDays(1), PlanChangeKind.Activated, "Activated."),
            new PlanChange(Now.AddDays(2), PlanChangeKind.Replanned, "Done: A. 3 step(s) left, 120 min."),
            new PlanChange(Now.AddDays(3), PlanChangeKind.Replanned, "Added: remediation of A (for B). 4 step(s) left, 140 min."),
            new PlanChange(Now.AddDays(4), PlanChangeKind.Replanned, "Done: X, remediation of A (for B), B, C. 0 step(s) left, 0 min."),
            new PlanChange(Now.AddDays(4), PlanChangeKind.Completed, "Complete: every goal is mastered."));
        planner.Project(finished, Weekly70).Overall.Status.Should().Be(PacingStatus.Complete);
    }

    [Fact]
    public void Update_AfterAGoalsDate_Replans_AndTheGoalIsLate_AsInADraftMadeThen()
    {
        // Goals C in 60 days and X in 7 days. On day 10 A is mastered and X's date has passed three days before: the
        // re-plan is made (it was refused before) and drops A; X keeps the earliest date, so it stays first. X 20, B 40,
        // C 60 minutes end 20, 60 and 120 minutes from now; at 70 minutes a week (10 a day), 2, 6 and 12 days.
        var (planner, clock) = Planner();
        LearningGoal[] goals = [new("C", Now.AddDays(60)), new("X", Now.AddDays(7))];
        var plan = planner.Activate(planner.Draft(Request(goals: goals)));
        clock.Advance(TimeSpan.FromDays(10));
        var at = Now.AddDays(10);
        var late = Request(Scores(("A", 1)), asOf: at, goals: goals);

        var updated = planner.Update(plan, late);

        updated.Status.Should().Be(PlanStatus.Active);
        updated.Pathway.Steps.Select(s => (s.Competency.Value, s.Minutes)).Should().Equal(("X", 20.0), ("B", 40.0), ("C", 60.0));
        updated.History[^1].Should().Be(new PlanChange(at, PlanChangeKind.Replanned, "Done: A. 3 step(s) left, 120 min."));
        var projection = planner.Project(updated, Weekly70);
        // X: its date has passed, so it is off track, with no weekly time that could finish it on time.
        projection.Goals[1].Should().Be(new GoalProjection("X", new PacingForecast(20, at.AddDays(2), PacingStatus.OffTrack, null), Now.AddDays(7)));
        // C: 120 minutes over the 50 days (50/7 weeks) left: 16.8 minutes a week, on track.
        projection.Goals[0].Should().Be(new GoalProjection("C", new PacingForecast(120, at.AddDays(12), PacingStatus.OnTrack, 120 / (50 / 7.0)), Now.AddDays(60)));
        projection.Overall.Should().Be(new PacingForecast(120, at.AddDays(12), PacingStatus.OffTrack, null));

        // One rule: a new plan drafted now, with X's date already past, is accepted and is the same pathway and projection.
        var fresh = planner.Draft(late);
        fresh.Pathway.Steps.Select(s => (s.Competency.Value, s.Minutes)).Should().Equal(("X", 20.0), ("B", 40.0), ("C", 60.0));
        planner.Project(fresh, Weekly70).Goals.Should().Equal(projection.Goals);
        // And the recommender treats X as the playlist does: late, so its urgency is 1 (the date is 3 days gone).
        var step = AdaptiveRecommender.Default.Recommend(Engine.CreateRequest(Engine.Rebuild("ana", Scores(("A", 1))), 3, new LearnerProfile("ana", [.. goals]), at))
            .Steps.Single(s => s.Competency == "X");
        step.Signals.Urgency.Should().Be(1);
        step.GoalDate.Should().Be(Now.AddDays(7));
    }

    [Fact]
    public void Update_WithNothingNew_ReturnsThePlanItself_AndGoalChangesAreNamed()
    {
        var (planner, clock) = Planner();
        var plan = planner.Draft(Request());
        planner.Update(plan, Request()).Should().BeSameAs(plan);

        clock.Advance(TimeSpan.FromHours(2));
        var changed = planner.Update(plan, Request(goals: [new LearningGoal("C", Now.AddDays(21)), new LearningGoal("Z")]));

        changed.History[^1].Should().Be(new PlanChange(Now.AddHours(2), PlanChangeKind.GoalsChanged,
            "Added goal(s): Z. Removed goal(s): X. Moved goal(s): C from 2026-09-21 to 2026-09-28. 4 step(s) left, 135 min."));
        changed.Pathway.Steps.Select(s => s.Competency.Value).Should().Equal("A", "B", "C", "Z");
    }

    [Fact]
    public void MilestonesAndDeadline_AreSetMovedAndRemoved_WithTheirHistory()
    {
        var (planner, clock) = Planner();
        var plan = planner.Draft(Request());
        clock.Advance(TimeSpan.FromMinutes(5));

        var withMilestones = planner.SetMilestones(plan, [new PlanMilestone("Unit 2", Now.AddDays(10), ["B", "X"]), new PlanMilestone("Unit 1", Now.AddDays(4), ["A"])]);
        var withDeadline = planner.SetDeadline(withMilestones, new ExternalDeadline("State test", Now.AddDays(30)));
        var moved = planner.SetDeadline(withDeadline, new ExternalDeadline("State test", Now.AddDays(40)));
        var removed = planner.SetDeadline(planner.SetMilestones(moved, []), null);

        withMilestones.Milestones.Select(m => m.Title).Should().Equal("Unit 1", "Unit 2"); // by date
        planner.SetMilestones(withMilestones, [.. withMilestones.Milestones]).Should().BeSameAs(withMilestones);
        planner.SetDeadline(moved, moved.Deadline).Should().BeSameAs(moved);
        removed.Deadline.Should().BeNull();
        removed.Milestones.Should().BeEmpty();
        removed.History.Skip(1).Select(c => (c.Kind, c.Summary)).Should().Equal(
            (PlanChangeKind.MilestonesChanged, "Milestones: 'Unit 1' by 2026-09-11 (A); 'Unit 2' by 2026-09-17 (B, X)."),
            (PlanChangeKind.DeadlineChanged, "Deadline: State test on 2026-10-07."),
            (PlanChangeKind.DeadlineChanged, "Deadline: State test on 2026-10-17 (was State test on 2026-10-07)."),
            (PlanChangeKind.MilestonesChanged, "Milestones removed."),
            (PlanChangeKind.DeadlineChanged, "Deadline 'State test' removed."));
        removed.History.Skip(1).Should().OnlyContain(c => c.At == Now.AddMinutes(5));
    }

    [Fact]
    public void TheSameMilestoneTwice_IsRefused_AndThePlanIsUnchanged()
    {
        // Issue 21: a plan held the same milestone twice, and its projection listed it twice, which the projection's
        // reader cannot tell from a tampered document. The same title on two dates, or with other competencies, is two
        // milestones.
        var (planner, clock) = Planner();
        var unit = new PlanMilestone("Unit 1", Now.AddDays(4), ["A"]);
        FluentActions.Invoking(() => planner.Draft(Request(), [unit, new PlanMilestone("Unit 1", Now.AddDays(4), ["A"])])).Should().ThrowExactly<ArgumentException>()
            .WithMessage("Milestone 'Unit 1' (2026-09-11T09:00:00.0000000+00:00) is listed twice; a plan holds each milestone once.*").And.ParamName.Should().Be("milestones");

        var plan = planner.Draft(Request(), [unit, new PlanMilestone("Unit 1", Now.AddDays(5), ["A"]), new PlanMilestone("Unit 1", Now.AddDays(4), ["B"])]);
        plan.Milestones.Should().HaveCount(3);
        clock.Advance(TimeSpan.FromMinutes(5));
        FluentActions.Invoking(() => planner.SetMilestones(plan, [unit, new PlanMilestone("Unit 1", Now.AddDays(4), ["B"]), unit])).Should().ThrowExactly<ArgumentException>()
            .WithMessage("Milestone 'Unit 1' (2026-09-11T09:00:00.0000000+00:00) is listed twice*");
        plan.Milestones.Select(m => (m.Title, m.Date, m.Competencies[0].Value)).Should().Equal(("Unit 1", Now.AddDays(4), "A"), ("Unit 1", Now.AddDays(4), "B"), ("Unit 1", Now.AddDays(5), "A"));
        plan.History.Should().ContainSingle("the refused change is not recorded");
    }

    [Fact]
    public void Complete_ByHand_RecordsTheReason_AndAClosedPlanNoLongerChanges()
    {
        var (planner, _) = Planner();
        var closed = planner.Complete(planner.Draft(Request()), "Moved to another school.");

        closed.Status.Should().Be(PlanStatus.Complete);
        closed.History[^1].Summary.Should().Be("Closed with 4 step(s) left: Moved to another school.");
        var message = "The plan for 'ana' is complete; draft a new one instead of changing it.";
        FluentActions.Invoking(() => planner.Update(closed, Request())).Should().Throw<InvalidOperationException>().WithMessage(message);
        FluentActions.Invoking(() => planner.SetDeadline(closed, null)).Should().Throw<InvalidOperationException>().WithMessage(message);
        FluentActions.Invoking(() => planner.SetMilestones(closed, [])).Should().Throw<InvalidOperationException>().WithMessage(message);
        FluentActions.Invoking(() => planner.Complete(closed, "again")).Should().Throw<InvalidOperationException>().WithMessage(message);
        FluentActions.Invoking(() => planner.Activate(closed)).Should().Throw<InvalidOperationException>().WithMessage("Only a draft plan can be activated; the plan for 'ana' is Complete.");
        closed.History.Should().HaveCount(2);
    }

    [Fact]
    public void AMilestone_OnAChildOfAGoal_IsOnTheWay_AsThePathwayTeachesIt()
    {
        // Fresh review of issue 21: a milestone on B, with goal U (TestData.Units: U ⊃ {B, C}, B → C; U has no activity),
        // was refused as "neither a goal nor a prerequisite of one", though the pathway teaches B: the check took the
        // prerequisite closure, not the library's walk, which reaches a parent through its children. Worked by hand: U's
        // way is B and C (children) and nothing else; Z (apart) is on no way.
        var catalog = TestData.Units();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var (planner, _) = Planner();
        var request = new PlaylistRequest(catalog, TestData.Mastered(engine, "ana"), [new LearningGoal("U", Now.AddDays(30))], Guided);

        var plan = planner.Draft(request, [new PlanMilestone("B first", Now.AddDays(7), ["B"]), new PlanMilestone("C next", Now.AddDays(14), ["C"])]);

        plan.Pathway.Steps.Select(s => s.Competency.Value).Should().Equal("B", "C");
        plan.Milestones.Select(m => m.Title).Should().Equal("B first", "C next");
        FluentActions.Invoking(() => planner.Draft(request, [new PlanMilestone("Apart", Now.AddDays(7), ["Z"])]))
            .Should().ThrowExactly<ArgumentException>().WithMessage("Milestone 'Apart' names competency 'Z', which is on no goal's way*");
        PersonalizedLearningJson.DeserializeLearningPlan(PersonalizedLearningJson.Serialize(plan), catalog).Should().Be(plan, "the plan reader holds milestones to the same walk");
    }

    [Fact]
    public void BadInput_GetsAClearError_AndTheClockCannotGoBack()
    {
        var (planner, clock) = Planner();
        var plan = planner.Draft(Request());
        var before = plan.History;

        FluentActions.Invoking(() => planner.Draft(Request(), [new PlanMilestone("Too far", Now.AddDays(3), ["Z"])]))
            .Should().Throw<ArgumentException>().WithMessage("Milestone 'Too far' names competency 'Z', which is on no goal's way: neither a goal nor, transitively, a prerequisite or child of one.*").And.ParamName.Should().Be("milestones");
        FluentActions.Invoking(() => planner.Draft(Request(), [new PlanMilestone("Unknown", Now.AddDays(3), ["A", "Q"])]))
            .Should().ThrowExactly<UnknownCompetencyException>().Which.Should().Match<UnknownCompetencyException>(e => e.Competency == "Q" && e.ParamName == "milestones"
                && e.Message == "Milestone 'Unknown' names competency 'Q', which is not in framework 'plan'. (Parameter 'milestones')");
        FluentActions.Invoking(() => planner.SetMilestones(plan, [new PlanMilestone("Unknown", Now.AddDays(3), ["Q"])]))
            .Should().ThrowExactly<UnknownCompetencyException>().Which.Should().Match<UnknownCompetencyException>(e => e.Competency == "Q" && e.ParamName == "milestones"
                && e.Message == "Milestone 'Unknown' names competency 'Q', which is not in framework 'plan'. (Parameter 'milestones')");
        plan.Milestones.Should().BeEmpty("the refused milestones changed nothing");
        FluentActions.Invoking(() => planner.SetMilestones(plan, [new PlanMilestone("Past", Now.AddDays(-1), ["A"])]))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("Milestone 'Past' (2026-09-06T09:00:00.0000000+00:00) is before now (2026-09-07T09:00:00.0000000+00:00).*");
        FluentActions.Invoking(() => planner.SetDeadline(plan, new ExternalDeadline("Past", Now.AddSeconds(-1))))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("Deadline 'Past' (*) is before now (*).*").And.ParamName.Should().Be("deadline");
        FluentActions.Invoking(() => planner.Update(plan, new PlaylistRequest(Catalog, Engine.Assess(Engine.CreateLearner("bo"), Now), [.. Goals], Guided)))
            .Should().Throw<ArgumentException>().WithMessage("The request is for learner 'bo', but the plan is for 'ana'.*");
        var otherCatalog = new ActivityCatalogBuilder(Framework).Add(new LearningActivity("only", "Only", ActivityKind.Practice, 5, TestData.Align("C"))).Build();
        FluentActions.Invoking(() => planner.Update(plan, new PlaylistRequest(otherCatalog, Engine.Assess(Engine.CreateLearner("ana"), Now), [.. Goals], Guided)))
            .Should().Throw<ArgumentException>().WithMessage("The request is over a different catalog from the plan's.*");
        FluentActions.Invoking(() => planner.Update(planner.SetMilestones(plan, [new PlanMilestone("X unit", Now.AddDays(3), ["X"])]), Request(goals: [new LearningGoal("C")])))
            .Should().Throw<ArgumentException>().WithMessage("Milestone 'X unit' names competency 'X', which is on no goal's way: neither a goal nor, transitively, a prerequisite or child of one.*");
        FluentActions.Invoking(() => planner.Complete(plan, " ")).Should().Throw<ArgumentException>().WithMessage("Closing a plan needs a reason for its history.*");
        FluentActions.Invoking(() => planner.Project(plan, Weekly70, [Timed("t", "a-check", 5), new Evidence("bo1", "bo", EvidenceOutcome.Correct, Now, activity: "a-check")]))
            .Should().Throw<ArgumentException>().WithMessage("Evidence 'bo1' is about learner 'bo', but the plan is for 'ana'.*").And.ParamName.Should().Be("evidence");
        FluentActions.Invoking(() => planner.Project(plan, Weekly70, [new Evidence("u", "ana", EvidenceOutcome.Correct, Now, activity: "nowhere")]))
            .Should().Throw<ArgumentException>().WithMessage("Evidence 'u' names activity 'nowhere', which is not in the catalog.*");
        FluentActions.Invoking(() => planner.Project(plan, null!)).Should().Throw<ArgumentNullException>().And.ParamName.Should().Be("options");
        FluentActions.Invoking(() => planner.Activate(null!)).Should().Throw<ArgumentNullException>().And.ParamName.Should().Be("plan");

        // A target date left at its default (not a late goal: a date never set) is refused by the playlist request, so
        // neither a draft nor a re-plan can be made with it; the plan is unchanged.
        FluentActions.Invoking(() => planner.Draft(Request(goals: [new LearningGoal("C", default(DateTimeOffset))])))
            .Should().ThrowExactly<ArgumentOutOfRangeException>().WithMessage("Goal 'C' has the default target date (0001-01-01T00:00:00.0000000+00:00), a date left unset; give a real date, or null for no date.*")
            .And.ParamName.Should().Be("goals");

        clock.SetUtcNow(Now.AddDays(1));
        var later = planner.Activate(plan);
        var behind = new LearningPlanner(clock: new FakeTimeProvider(Now)); // a clock a day behind
        FluentActions.Invoking(() => behind.Update(later, Request())).Should().Throw<InvalidOperationException>()
            .WithMessage("The clock (2026-09-07T09:00:00.0000000+00:00) is before the plan's last change (2026-09-08T09:00:00.0000000+00:00); a plan's history only moves forward.");
        plan.History.Should().Equal(before);
        later.History.Should().HaveCount(2);
    }

    [Theory]
    [InlineData(0, 20, 3, 0.25, "minutesPerWeek")]
    [InlineData(double.NaN, 20, 3, 0.25, "minutesPerWeek")]
    [InlineData(double.PositiveInfinity, 20, 3, 0.25, "minutesPerWeek")]
    [InlineData(60, 0, 1, 0.25, "paceWindow")]
    [InlineData(60, 5, 0, 0.25, "minimumTimedEvidence")]
    [InlineData(60, 5, 6, 0.25, "minimumTimedEvidence")]
    [InlineData(60, 20, 3, -0.1, "atRiskTolerance")]
    public void PacingOptions_OutOfRange_Throw(double minutes, int window, int minimum, double tolerance, string parameter)
    {
        var act = () => new PacingOptions(minutes, window, minimum, tolerance);
        act.Should().Throw<ArgumentOutOfRangeException>().And.ParamName.Should().Be(parameter);
    }

    [Fact]
    public void MilestoneAndDeadline_BadValues_Throw()
    {
        FluentActions.Invoking(() => new PlanMilestone(" ", Now, ["A"])).Should().Throw<ArgumentException>().WithMessage("A milestone needs a non-blank title.*");
        FluentActions.Invoking(() => new PlanMilestone("M", Now, [])).Should().Throw<ArgumentException>().WithMessage("Milestone 'M' needs at least one competency.*");
        FluentActions.Invoking(() => new PlanMilestone("M", Now, ["A", "A"])).Should().Throw<ArgumentException>().WithMessage("Milestone 'M' names competency 'A' twice.*");
        FluentActions.Invoking(() => new PlanMilestone("M", Now, [default])).Should().Throw<ArgumentException>().WithMessage("Milestone 'M' names an empty competency id.*");
        FluentActions.Invoking(() => new ExternalDeadline("", Now)).Should().Throw<ArgumentException>().WithMessage("An external deadline needs a non-blank name.*");
    }

    [Fact]
    public void Property_GeneratedPlans_FollowAFreshPlaylist_AndRecordEachChangeAtTheClock()
    {
        // Random frameworks (declared out of order), a practice and a checkpoint per competency, a third mastered at the
        // start, random goals and options; then up to ten updates an hour to two days apart: mostly the first step
        // mastered, sometimes a checkpoint failed or the goals changed; the plan is activated at a random round.
        var reach = new BranchReach(output)
            .Floor("declared out of topological order", 0.5).Floor("steps done", 0.5).Floor("goals changed", 0.2)
            .Floor("remediation added", 0.05).Floor("updated while a draft", 0.3).Floor("a plan completed", 0.2).Floor("nothing changed: the same plan", 0.05);
        Gen.Select(TestData.RandomDag, Gen.Int).Sample((dag, seed) =>
        {
            using var scope = reach.Case();
            scope.Hit("declared out of topological order", dag.DeclaredOutOfOrder);
            var random = new Random(seed);
            var builder = new ActivityCatalogBuilder(TestData.Build(dag));
            for (var i = 0; i < dag.Count; i++)
            {
                builder.Add(new LearningActivity($"p{i}", $"Practice {i}", ActivityKind.Practice, 5 + random.Next(40), TestData.Align($"c{i}")));
                builder.Add(new LearningActivity($"k{i}", $"Check {i}", ActivityKind.Assessment, 5 + random.Next(20), TestData.Align($"c{i}")));
            }

            var catalog = builder.Build();
            var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
            var log = Enumerable.Range(0, dag.Count).Where(_ => random.Next(3) == 0).SelectMany(i => Twice($"c{i}", "start")).ToList();
            var history = new List<Evidence>();
            var goals = Goals(random, dag.Count);
            var options = new PlaylistOptions((AgencyLevel)random.Next(3), 1 + random.Next(3), random.Next(2) == 0 ? null : 30 + random.Next(60));
            var clock = new FakeTimeProvider(Now);
            var planner = new LearningPlanner(clock: clock);
            PlaylistRequest Request() => new(catalog, engine.Assess(engine.Rebuild("ana", log), Now), goals, options, history: [.. history]);

            var plan = planner.Draft(Request());
            plan.Pathway.Should().Be(PlaylistBuilder.Default.Build(Request()), $"seed {seed}");
            var activateAt = random.Next(4);
            for (var round = 0; round < 10 && plan.Status != PlanStatus.Complete; round++)
            {
                clock.Advance(TimeSpan.FromHours(1 + random.Next(48)));
                if (round == activateAt)
                {
                    plan = planner.Activate(plan);
                    plan.History[^1].Should().Be(new PlanChange(clock.GetUtcNow(), PlanChangeKind.Activated, "Activated."));
                }

                scope.Hit("updated while a draft", plan.Status == PlanStatus.Draft);
                var learn = plan.Pathway.Steps.Where(st => st.Kind == PlaylistStepKind.Learn).ToList();
                switch (random.Next(8))
                {
                    case 0:
                        goals = Goals(random, dag.Count);
                        break;
                    case 1 or 2 when learn.Count > 0 && learn[random.Next(learn.Count)].Checkpoint is { } check:
                        var failed = Evidence.ForActivity($"f{round}", "ana", check.Id, EvidenceOutcome.FromScore(0.1), Now);
                        log.Add(failed);
                        history.Add(failed);
                        break;
                    case 3:
                        break; // nothing new
                    default:
                        log.AddRange(Twice(learn.Count > 0 ? learn[0].Competency : $"c{random.Next(dag.Count)}", $"r{round}"));
                        break;
                }

                var request = Request();
                var before = plan;
                plan = planner.Update(before, request);
                var timed = Enumerable.Range(0, random.Next(6)).Select(k => new Evidence($"t{round}-{k}", "ana", EvidenceOutcome.Correct, Now, activity: $"p{random.Next(dag.Count)}",
                    duration: TimeSpan.FromMinutes(random.Next(2) == 0 ? 0 : 1 + random.Next(90)))).ToImmutableArray();
                PersonalizedLearning.Serialization.PersonalizedLearningJson.DeserializeLearningPlan(PersonalizedLearning.Serialization.PersonalizedLearningJson.Serialize(plan), catalog)
                    .Should().Be(plan, $"seed {seed}, round {round}: the reader accepts every plan the planner makes");
                var projection = planner.Project(plan, new PacingOptions(20 + random.Next(400), atRiskTolerance: random.NextDouble()), timed);
                PersonalizedLearning.Serialization.PersonalizedLearningJson.Deserialize<PacingProjection>(PersonalizedLearning.Serialization.PersonalizedLearningJson.Serialize(projection))
                    .Should().Be(projection, $"seed {seed}, round {round}");
                var fresh = PlaylistBuilder.Default.Build(request);
                plan.Pathway.Should().Be(fresh, $"seed {seed}, round {round}");
                if (scope.Hit("nothing changed: the same plan", before.Pathway.Equals(fresh)))
                {
                    plan.Should().BeSameAs(before, $"seed {seed}, round {round}");
                    continue;
                }

                // One change, at the clock: goals changed or re-planned; then completion when an active plan has nothing left.
                var goalsChanged = scope.Hit("goals changed", !before.Goals.SequenceEqual(goals));
                var completes = scope.Hit("a plan completed", before.Status == PlanStatus.Active && fresh.Steps.IsEmpty);
                var added = plan.History.Skip(before.History.Length).ToList();
                plan.History.Take(before.History.Length).Should().Equal(before.History);
                added.Select(a => a.Kind).Should().Equal(
                    completes ? [goalsChanged ? PlanChangeKind.GoalsChanged : PlanChangeKind.Replanned, PlanChangeKind.Completed]
                    : [goalsChanged ? PlanChangeKind.GoalsChanged : PlanChangeKind.Replanned], $"seed {seed}, round {round}");
                added.Should().OnlyContain(a => a.At == clock.GetUtcNow());
                plan.Status.Should().Be(completes ? PlanStatus.Complete : before.Status);
                scope.Hit("steps done", !goalsChanged && added[0].Summary.StartsWith("Done: ", StringComparison.Ordinal));
                scope.Hit("remediation added", fresh.Steps.Any(st => st.Kind == PlaylistStepKind.Remediate) && !before.Pathway.Steps.Any(st => st.Kind == PlaylistStepKind.Remediate));
            }

            if (plan.Status == PlanStatus.Complete)
            {
                FluentActions.Invoking(() => planner.Update(plan, Request())).Should().Throw<InvalidOperationException>();
            }
        }, iter: PropertyRuns.Iter(200));
        reach.Check();

        static IEnumerable<Evidence> Twice(CompetencyId c, string tag) =>
            [Evidence.ForCompetency($"{c}{tag}a", "ana", c, EvidenceOutcome.Correct, Now), Evidence.ForCompetency($"{c}{tag}b", "ana", c, EvidenceOutcome.Correct, Now)];

        static ImmutableArray<LearningGoal> Goals(Random random, int count) =>
            [.. Enumerable.Range(0, 1 + random.Next(3)).Select(_ => random.Next(count)).Distinct()
                .Select(g => new LearningGoal($"c{g}", random.Next(2) == 0 ? null : Now.AddDays(random.Next(20, 90))))];
    }

    [Fact]
    public void Projection_Properties_HoldForAnyPaceAndWeeklyTime()
    {
        var (planner, _) = Planner();
        var plan = planner.Draft(Request(), [new PlanMilestone("B and X", Now.AddDays(9), ["B", "X"])], new ExternalDeadline("Test", Now.AddDays(12)));
        Gen.Select(Gen.Double[5, 2000], Gen.Double[1, 2000], Gen.Double[0, 1]).Sample((minutes, more, tolerance) =>
        {
            var slow = planner.Project(plan, new PacingOptions(minutes, atRiskTolerance: tolerance));
            var fast = planner.Project(plan, new PacingOptions(minutes + more, atRiskTolerance: tolerance));

            // The reader's checks of a projection (each forecast the planner's own, the overall one their tally) accept
            // every projection the planner makes.
            PersonalizedLearning.Serialization.PersonalizedLearningJson.Deserialize<PacingProjection>(PersonalizedLearning.Serialization.PersonalizedLearningJson.Serialize(slow)).Should().Be(slow);
            PersonalizedLearning.Serialization.PersonalizedLearningJson.Deserialize<PacingProjection>(PersonalizedLearning.Serialization.PersonalizedLearningJson.Serialize(fast)).Should().Be(fast);
            for (var i = 0; i < slow.Goals.Length; i++)
            {
                // More time per week never makes a goal worse, and the status agrees with the time it needs.
                ((int)fast.Goals[i].Forecast.Status).Should().BeLessThanOrEqualTo((int)slow.Goals[i].Forecast.Status);
                var needed = slow.Goals[i].Forecast.RequiredMinutesPerWeek!.Value;
                slow.Goals[i].Forecast.Status.Should().Be(needed <= minutes ? PacingStatus.OnTrack : needed <= minutes * (1 + tolerance) ? PacingStatus.AtRisk : PacingStatus.OffTrack);
                (slow.Goals[i].Forecast.ProjectedCompletion <= slow.Goals[i].TargetDate).Should().Be(needed <= minutes);
            }

            // The overall weekly time puts every dated goal and milestone on track.
            var enough = planner.Project(plan, new PacingOptions(slow.Overall.RequiredMinutesPerWeek!.Value * (1 + 1e-9), atRiskTolerance: tolerance));
            enough.Goals.Should().OnlyContain(g => g.Forecast.Status == PacingStatus.OnTrack);
            enough.Milestones.Should().OnlyContain(m => m.Forecast.Status == PacingStatus.OnTrack);
            enough.Overall.Status.Should().Be(PacingStatus.OnTrack);
            // What the deadline does not see is exactly the steps that end after it.
            slow.Deadline!.NotReached.Should().Equal(plan.Pathway.Steps.Select((s, i) => (s, end: plan.Pathway.Steps.Take(i + 1).Sum(t => t.Minutes)))
                .Where(x => Now.AddDays(x.end / minutes * 7) > Now.AddDays(12)).Select(x => x.s.Competency));
        });
    }

    [Fact]
    public void NullArguments_AreNamed_AndADeadlineOrMilestoneAtNowIsAccepted()
    {
        var (planner, _) = Planner();
        var plan = planner.Draft(Request());
        FluentActions.Invoking(() => planner.Draft(null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("request");
        FluentActions.Invoking(() => planner.Update(plan, null!)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("request");
        FluentActions.Invoking(() => planner.Project(null!, Weekly70)).Should().ThrowExactly<ArgumentNullException>().WithParameterName("plan");
        FluentActions.Invoking(() => planner.Draft(Request(), [null!])).Should().ThrowExactly<ArgumentNullException>().WithParameterName("milestones");
        // A draft checks its deadline as a later change does: a second before now is refused, now itself is not.
        FluentActions.Invoking(() => planner.Draft(Request(), deadline: new ExternalDeadline("Past", Now.AddSeconds(-1)))).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .WithMessage("Deadline 'Past' (2026-09-07T08:59:59.0000000+00:00) is before now (2026-09-07T09:00:00.0000000+00:00).*").And.ParamName.Should().Be("deadline");
        var atNow = planner.Draft(Request(), [new PlanMilestone("Now", Now, ["A"])], new ExternalDeadline("Now", Now));
        (atNow.Milestones.Single().Date, atNow.Deadline!.Date).Should().Be((Now, Now));

        var builder = new PlaylistBuilder();
        new LearningPlanner(builder).Builder.Should().BeSameAs(builder);
        new LearningPlanner().Builder.Should().BeSameAs(PlaylistBuilder.Default);
    }

    [Fact]
    public void Projection_OfWhatIsMastered_IsComplete_AndOfWhatHasNoDate_HasNoTargetDate()
    {
        var (planner, _) = Planner();
        // A and X mastered: X (a goal) and the milestone on A have no step left; B and C remain, 40 + 60 minutes.
        var plan = planner.Draft(Request(Scores(("A", 1), ("X", 1))), [new PlanMilestone("Foundations", Now.AddDays(6), ["A"])]);
        plan.Pathway.Steps.Select(s => s.Competency.Value).Should().Equal("B", "C");
        var projection = planner.Project(plan, Weekly70);
        projection.Goals[1].Forecast.Should().Be(new PacingForecast(0, Now, PacingStatus.Complete, 0));
        projection.Milestones.Single().Forecast.Should().Be(new PacingForecast(0, Now, PacingStatus.Complete, 0));
        projection.Goals[0].Forecast.Should().Be(new PacingForecast(100, Now.AddDays(10), PacingStatus.OnTrack, 50)); // 100 min over 2 weeks

        // Every goal mastered, with a deadline: nothing is left, so the deadline's forecast is complete too.
        var done = planner.Draft(Request(Scores(("A", 1), ("B", 1), ("C", 1), ("X", 1))), deadline: new ExternalDeadline("State test", Now.AddDays(10)));
        done.Pathway.Steps.Should().BeEmpty();
        var finished = planner.Project(done, Weekly70);
        finished.Deadline!.Forecast.Should().Be(new PacingForecast(0, Now, PacingStatus.Complete, 0));
        finished.Overall.Should().Be(new PacingForecast(0, Now, PacingStatus.Complete, 0));

        // Goals without dates, so in the framework's order (A, B, C, X: 30, 70, 130, 150 min): each with no target date and
        // no weekly time; overall no target date, and no dated goal
        // needs any weekly time (0, no extra).
        var undated = planner.Project(planner.Draft(Request(goals: [new LearningGoal("C"), new LearningGoal("X")])), Weekly70);
        undated.Goals.Select(g => g.Forecast).Should().Equal(new PacingForecast(130, Now.AddDays(13), PacingStatus.NoTargetDate, null), new PacingForecast(150, Now.AddDays(15), PacingStatus.NoTargetDate, null));
        undated.Overall.Should().Be(new PacingForecast(150, Now.AddDays(15), PacingStatus.NoTargetDate, 0));
        undated.ExtraMinutesPerWeek.Should().Be(0);
        // One undated goal beside a dated one on track: the dated one's status counts.
        planner.Project(planner.Draft(Request(goals: [new LearningGoal("C"), new LearningGoal("X", Now.AddDays(7))])), Weekly70).Overall.Status.Should().Be(PacingStatus.OnTrack);
    }

    [Fact]
    public void Status_AtExactlyThePlannedAndTheToleratedWeeklyTime_IsTheBetterOne()
    {
        var (planner, _) = Planner();
        var plan = planner.Draft(Request());
        // At 50 a week X needs exactly 50 (50 min in 1 week): on track. C needs 75, above 50 × 1.25 = 62.5: off track.
        var at50 = planner.Project(plan, new PacingOptions(50));
        at50.Goals.Select(g => (g.Competency.Value, g.Forecast.Status)).Should().Equal(("C", PacingStatus.OffTrack), ("X", PacingStatus.OnTrack));
        // At 60 a week C needs exactly 60 × 1.25 = 75: at risk.
        planner.Project(plan, new PacingOptions(60)).Goals[0].Forecast.Should().Be(new PacingForecast(150, Now.AddDays(17.5), PacingStatus.AtRisk, 75));
    }

    [Fact]
    public void Projection_OnAGoalsDate_IsOffTrackWithNoWeeklyTime_AndReadsBack()
    {
        // On day 7, X's date: no time is left before it, so it is off track with no weekly time (not 50 ÷ 0 a week).
        var (planner, clock) = Planner();
        var plan = planner.Draft(Request());
        clock.SetUtcNow(Now.AddDays(7));
        var projection = planner.Project(plan, Weekly70);
        projection.Goals[1].Forecast.Should().Be(new PacingForecast(50, Now.AddDays(12), PacingStatus.OffTrack, null));
        PersonalizedLearningJson.Deserialize<PacingProjection>(PersonalizedLearningJson.Serialize(projection)).Should().Be(projection);
    }

    [Fact]
    public void AVeryLongProjection_EndsOnTheLastDate()
    {
        // A weekly time of double.Epsilon puts any work past the last date: it ends there, not with an overflow.
        var (planner, _) = Planner();
        planner.Project(planner.Draft(Request()), new PacingOptions(double.Epsilon)).Overall.ProjectedCompletion.Should().Be(DateTimeOffset.MaxValue);
        // The last whole day before the end of the calendar and anything later end there too; a day earlier does not.
        var daysLeft = (DateTimeOffset.MaxValue - Now).TotalDays;
        LearningPlanner.AfterDays(Now, daysLeft - 1).Should().Be(DateTimeOffset.MaxValue);
        LearningPlanner.AfterDays(Now, daysLeft - 0.5).Should().Be(DateTimeOffset.MaxValue);
        LearningPlanner.AfterDays(Now, daysLeft - 2).Should().Be(Now.AddDays(daysLeft - 2));
    }

    [Fact]
    public void Lifecycle_AHistoryAndStatusThePlannerWouldNotMake_AreNamed()
    {
        PlanChange C(PlanChangeKind kind) => new(Now, kind, "x");
        const string Shape = "its history is not created once, activated at most once, and completed at most once, last";
        LearningPlanner.LifecycleContradiction([C(PlanChangeKind.Created)], PlanStatus.Draft).Should().BeNull();
        LearningPlanner.LifecycleContradiction([C(PlanChangeKind.Created), C(PlanChangeKind.Activated)], PlanStatus.Active).Should().BeNull();
        LearningPlanner.LifecycleContradiction([C(PlanChangeKind.Created), C(PlanChangeKind.Activated), C(PlanChangeKind.Completed)], PlanStatus.Complete).Should().BeNull();
        LearningPlanner.LifecycleContradiction([C(PlanChangeKind.Created), C(PlanChangeKind.Created)], PlanStatus.Draft).Should().Be(Shape);
        LearningPlanner.LifecycleContradiction([C(PlanChangeKind.Created), C(PlanChangeKind.Activated), C(PlanChangeKind.Activated)], PlanStatus.Active).Should().Be(Shape);
        LearningPlanner.LifecycleContradiction([C(PlanChangeKind.Created), C(PlanChangeKind.Completed), C(PlanChangeKind.Completed)], PlanStatus.Complete).Should().Be(Shape);
        LearningPlanner.LifecycleContradiction([C(PlanChangeKind.Created), C(PlanChangeKind.Completed), C(PlanChangeKind.Replanned)], PlanStatus.Complete).Should().Be(Shape);
        LearningPlanner.LifecycleContradiction([C(PlanChangeKind.Created)], PlanStatus.Active).Should().Be("its status is Active, but its history leaves it Draft");
    }

    [Fact]
    public void ChangeSummaries_ListEveryGoalAndStep()
    {
        var (planner, clock) = Planner();
        var plan = planner.Draft(Request(goals: [new LearningGoal("C")]));
        clock.Advance(TimeSpan.FromHours(1));
        // Two goals added, C given a date it did not have.
        planner.Update(plan, Request(goals: [new LearningGoal("C", Now.AddDays(21)), new LearningGoal("X"), new LearningGoal("Z")])).History[^1].Summary.Should()
            .StartWith("Added goal(s): X, Z. Moved goal(s): C from no date to 2026-09-28. ");
        // Only a move: nothing added or removed is named.
        planner.Update(plan, Request(goals: [new LearningGoal("C", Now.AddDays(21))])).History[^1].Summary.Should()
            .Be("Moved goal(s): C from no date to 2026-09-28. 3 step(s) left, 130 min.");
        // A and B mastered when drafted, not any more: both steps added back (A 30 and B 40 before X 20 and C 60).
        var withoutAB = planner.Draft(Request(Scores(("A", 1), ("B", 1)), goals: [.. Goals]));
        planner.Update(withoutAB, Request()).History[^1].Summary.Should().Be("Added: A, B. 4 step(s) left, 150 min.");
        // The same steps at time and a half: revised, none done or added.
        planner.Update(plan, Request(accommodations: new LearnerAccommodations(1.5), goals: [new LearningGoal("C")])).History[^1].Summary.Should()
            .Be("Steps revised. 3 step(s) left, 195 min.");
    }

    [Fact]
    public void ChangeSummaries_NameAProjectStepByItsActivity()
    {
        // A → B, with a 600-minute project on A and B, after both learn steps.
        var framework = new CompetencyFrameworkBuilder("F").AddCompetency("A", "a").AddCompetency("B", "b").AddPrerequisite("A", "B").Build();
        var catalog = new ActivityCatalogBuilder(framework)
            .Add(new LearningActivity("a1", "A lesson", ActivityKind.Lesson, 10, [new("A")]))
            .Add(new LearningActivity("b1", "B practice", ActivityKind.Practice, 10, [new("B")]))
            .Add(new LearningActivity("p1", "AB project", ActivityKind.Project, 600, [new("A"), new("B")])).Build();
        var engine = new PersonalizedLearningEngine(catalog, RollupMasteryModel.Latest());
        var (planner, clock) = Planner();
        var plan = planner.Draft(engine.CreatePlaylistRequest(engine.CreateLearner("ana"), [new LearningGoal("B")], asOf: Now));
        clock.Advance(TimeSpan.FromDays(1));
        var mastered = engine.Rebuild("ana", [.. new[] { "A", "B" }.SelectMany(c => new[] { Evidence.ForCompetency($"{c}1", "ana", c, EvidenceOutcome.Correct, Now), Evidence.ForCompetency($"{c}2", "ana", c, EvidenceOutcome.Correct, Now) })]);
        var updated = planner.Update(plan, engine.CreatePlaylistRequest(mastered, [new LearningGoal("B")], asOf: Now.AddDays(1)));

        // The goal B mastered, every step is done, the project named by its activity.
        plan.Pathway.Steps.Select(s => $"{s.Kind} {s.Competency}").Should().Equal("Learn A", "Learn B", "Project A");
        updated.History[^1].Summary.Should().Be("Done: A, B, project p1. 0 step(s) left, 0 min.");
    }
}
