using Microsoft.Extensions.Time.Testing;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Tests.Planning;

/// <summary>The planning values: their refusals, their equality member by member, and their text. The plan is the
/// hand-worked one of <see cref="LearningPlannerTests"/> (goals C in 14 days, X in 7; 150 min of steps; at 70 min a week
/// m minutes end m ÷ 10 days from now).</summary>
public class PlanningValuesTests
{
    private static readonly DateTimeOffset Now = TestData.Start; // 2026-09-07T09:00:00+00:00
    private static readonly PersonalizedLearningEngine Engine = new(TestData.PlanCatalog, RollupMasteryModel.Latest());

    private static PlaylistRequest Request(params LearningGoal[] goals) =>
        new(TestData.PlanCatalog, Engine.Assess(Engine.Rebuild("ana", []), Now), goals.Length == 0 ? [new LearningGoal("C", Now.AddDays(14)), new LearningGoal("X", Now.AddDays(7))] : [.. goals],
            new PlaylistOptions(AgencyLevel.Guided, sessionMinutes: 60));

    private static LearningPlanner Planner => new(clock: new FakeTimeProvider(Now));

    private static LearningPlan Plan() =>
        Planner.Draft(Request(), [new PlanMilestone("Foundations", Now.AddDays(6), ["A"])], new ExternalDeadline("State test", Now.AddDays(10)));

    [Fact]
    public void PacingOptions_EveryBadValue_IsNamedInOneMessage()
    {
        FluentActions.Invoking(() => new PacingOptions(0, 0, 0, -1)).Should().ThrowExactly<ArgumentOutOfRangeException>().WithParameterName("minutesPerWeek").WithMessage(
            "The pacing options are not valid: minutesPerWeek: the weekly time must be a finite number of minutes greater than 0; got 0. paceWindow: the pace window must be at least 1; got 0. minimumTimedEvidence: the minimum timed evidence must be at least 1 (and at most the pace window, which is not valid itself); got 0. atRiskTolerance: the at-risk tolerance must be finite and not negative; got -1.*");
        // A window of 1 is valid, and bounds the minimum timed evidence.
        FluentActions.Invoking(() => new PacingOptions(60, 1, 2)).Should().ThrowExactly<ArgumentOutOfRangeException>().WithParameterName("minimumTimedEvidence").WithMessage(
            "The pacing options are not valid: minimumTimedEvidence: the minimum timed evidence must be in [1, 1] (the pace window); got 2.*");
        var smallest = new PacingOptions(60, 1, 1, 0);
        (smallest.PaceWindow, smallest.MinimumTimedEvidence, smallest.AtRiskTolerance).Should().Be((1, 1, 0.0));
    }

    [Fact]
    public void PlanChange_AnUndefinedKindOrABlankSummary_IsRefused()
    {
        FluentActions.Invoking(() => new PlanChange(Now, (PlanChangeKind)99, "x")).Should().ThrowExactly<ArgumentOutOfRangeException>()
            .WithMessage("Undefined plan change kind. (Parameter 'Kind')*");
        FluentActions.Invoking(() => new PlanChange(Now, PlanChangeKind.Created, " ")).Should().ThrowExactly<ArgumentException>()
            .WithMessage("A plan change needs a summary that is not blank. (Parameter 'Summary')");
        new PlanChange(Now, PlanChangeKind.Activated, "Go.").Should().Be(new PlanChange(Now, PlanChangeKind.Activated, "Go."));
    }

    [Fact]
    public void Milestones_AreEqualOnlyWithTheSameTitleDateAndCompetencies()
    {
        var milestone = new PlanMilestone("Unit", Now, ["A", "B"]);
        milestone.Should().Be(new PlanMilestone("Unit", Now, ["A", "B"]));
        milestone.Should().NotBe(new PlanMilestone("Unit 2", Now, ["A", "B"]));
        milestone.Should().NotBe(new PlanMilestone("Unit", Now.AddDays(1), ["A", "B"]));
        milestone.Should().NotBe(new PlanMilestone("Unit", Now, ["A"]));
        milestone.Equals(null).Should().BeFalse();
    }

    [Fact]
    public void Plans_AreEqualOnlyWithEveryMemberEqual()
    {
        var plan = Plan();
        var other = Planner.Draft(Request(), [new PlanMilestone("Foundations", Now.AddDays(6), ["A"])], new ExternalDeadline("State test", Now.AddDays(10)));
        other.Should().Be(plan);
        other.GetHashCode().Should().Be(plan.GetHashCode());

        LearningPlan Changed(ActivityCatalog? catalog = null, Playlist? pathway = null, System.Collections.Immutable.ImmutableArray<PlanMilestone>? milestones = null,
            ExternalDeadline? deadline = null, bool noDeadline = false, PlanStatus? status = null, System.Collections.Immutable.ImmutableArray<PlanChange>? history = null) =>
            new(catalog ?? plan.Catalog, pathway ?? plan.Pathway, milestones ?? plan.Milestones, noDeadline ? null : deadline ?? plan.Deadline, status ?? plan.Status, history ?? plan.History);

        Changed().Should().Be(plan);
        Changed(catalog: TestData.CatalogFor(TestData.PlanCatalog.Framework)).Should().NotBe(plan); // another catalog, even of the same framework
        Changed(pathway: Planner.Draft(Request(new LearningGoal("X"))).Pathway).Should().NotBe(plan);
        Changed(milestones: []).Should().NotBe(plan);
        Changed(noDeadline: true).Should().NotBe(plan);
        Changed(status: PlanStatus.Active).Should().NotBe(plan);
        Changed(history: plan.History.Add(new PlanChange(Now, PlanChangeKind.Activated, "Activated."))).Should().NotBe(plan);
        plan.Equals(null).Should().BeFalse();
    }

    [Fact]
    public void APlan_ReadsAsASentence_WithItsDeadline_AndAMovedDeadlineIsKept()
    {
        var plan = Plan();
        plan.ToString().Should().Be("Plan for ana (Draft): 2 goal(s), 4 step(s) left, 1 milestone(s), State test on 2026-09-17");
        Planner.Draft(Request()).ToString().Should().Be("Plan for ana (Draft): 2 goal(s), 4 step(s) left, 0 milestone(s)");

        var moved = Planner.SetDeadline(plan, new ExternalDeadline("State test", Now.AddDays(12)));
        moved.Deadline.Should().Be(new ExternalDeadline("State test", Now.AddDays(12)));
    }

    [Fact]
    public void Projections_AreEqualOnlyWithEveryMemberEqual()
    {
        var projection = Planner.Project(Plan(), new PacingOptions(70));
        var same = Planner.Project(Plan(), new PacingOptions(70));
        same.Should().Be(projection);
        same.GetHashCode().Should().Be(projection.GetHashCode());

        projection.Should().NotBe(projection with { Learner = "bo" });
        projection.Should().NotBe(projection with { AsOf = Now.AddDays(1) });
        projection.Should().NotBe(projection with { MinutesPerWeek = 80 });
        projection.Should().NotBe(projection with { Pace = new ObservedPace(2, false, 0, 0, 0) });
        projection.Should().NotBe(projection with { Overall = projection.Overall with { RemainingMinutes = 1 } });
        projection.Should().NotBe(projection with { Goals = projection.Goals.RemoveAt(1) });
        projection.Should().NotBe(projection with { Milestones = [] });
        projection.Should().NotBe(projection with { Deadline = null });

        var deadline = projection.Deadline!;
        deadline.Should().Be(same.Deadline);
        deadline.Should().NotBe(deadline with { Deadline = new ExternalDeadline("Other", Now.AddDays(10)) });
        deadline.Should().NotBe(deadline with { NotReached = [] });
        deadline.Should().NotBe(deadline with { GoalsNotReached = [] });
        deadline.Should().NotBe(deadline with { Forecast = deadline.Forecast with { Status = PacingStatus.AtRisk } });
        projection.Equals(null).Should().BeFalse();
        deadline.Equals(null).Should().BeFalse();
    }

    [Fact]
    public void Forecasts_ReadAsSentences_ForEveryStatus()
    {
        var date = Now.AddDays(14); // 2026-09-21
        var end = Now.AddDays(15); // 2026-09-22
        new GoalProjection("C", new PacingForecast(0, Now, PacingStatus.Complete, 0), date).ToString().Should().Be("Goal C: complete.");
        new GoalProjection("C", new PacingForecast(150, end, PacingStatus.NoTargetDate)).ToString().Should().Be("Goal C: 150 min left, projected 2026-09-22; no target date.");
        new GoalProjection("C", new PacingForecast(150, end, PacingStatus.OnTrack, 70), date).ToString().Should()
            .Be("Goal C: 150 min left, projected 2026-09-22 against 2026-09-21: on track (70 min/week would finish it on time).");
        new GoalProjection("C", new PacingForecast(150, end, PacingStatus.OffTrack, 100), date).ToString().Should()
            .Be("Goal C: 150 min left, projected 2026-09-22 against 2026-09-21: off track (100 min/week would finish it on time).");
        new GoalProjection("C", new PacingForecast(150, end, PacingStatus.OffTrack), date).ToString().Should()
            .Be("Goal C: 150 min left, projected 2026-09-22, but the target date 2026-09-21 has passed: off track.");
        new MilestoneProjection(new PlanMilestone("Unit", date, ["A"]), new PacingForecast(30, Now.AddDays(3), PacingStatus.AtRisk, 80)).ToString().Should()
            .Be("Milestone 'Unit': 30 min left, projected 2026-09-10 against 2026-09-21: at risk (80 min/week would finish it on time).");
    }

    [Fact]
    public void Results_DeconstructIntoTheirMembers_InOrder()
    {
        var projection = Planner.Project(Plan(), new PacingOptions(70));
        var (learner, asOf, minutesPerWeek, pace, overall, goals, milestones, deadline) = projection;
        (learner, asOf, minutesPerWeek, pace, overall).Should().Be((new LearnerId("ana"), Now, 70.0, new ObservedPace(1, false, 0, 0, 0), new PacingForecast(150, Now.AddDays(15), PacingStatus.AtRisk, 75)));
        (goals, milestones, deadline).Should().Be((projection.Goals, projection.Milestones, projection.Deadline));

        var (factor, isObserved, timed, actual, estimated) = new ObservedPace(1.5, true, 3, 90, 60);
        (factor, isObserved, timed, actual, estimated).Should().Be((1.5, true, 3, 90.0, 60.0));
        var (remaining, completion, status, required) = overall;
        (remaining, completion, status, required).Should().Be((150.0, Now.AddDays(15), PacingStatus.AtRisk, (double?)75));
        var (competency, targetDate, forecast) = goals[1];
        (competency, targetDate, forecast).Should().Be((new CompetencyId("X"), (DateTimeOffset?)Now.AddDays(7), new PacingForecast(50, Now.AddDays(5), PacingStatus.OnTrack, 50)));
        var (milestone, milestoneForecast) = milestones[0];
        (milestone.Title, milestoneForecast).Should().Be(("Foundations", new PacingForecast(30, Now.AddDays(3), PacingStatus.OnTrack, 35)));
        var (external, notReached, goalsNotReached, deadlineForecast) = deadline!;
        (external.Name, notReached.Single().Value, goalsNotReached.Single().Value, deadlineForecast.Status).Should().Be(("State test", "C", "C", PacingStatus.OffTrack));

        // 5 of 6 planned on time, on track: released from Guided; the adherence reason is the second.
        var decision = GradualReleasePolicy.Default.Decide(AgencyLevel.Guided, new SelfRegulationEvidence(6, 5, 0, 0, PacingStatus.OnTrack));
        var (from, to, reasons) = decision;
        (from, to, reasons.Length).Should().Be((AgencyLevel.Guided, AgencyLevel.Choice, 3));
        var (criterion, met, value, threshold, explanation) = reasons[1];
        (criterion, met, value, threshold, explanation).Should().Be((ReleaseCriterion.PlanAdherence, true, (double?)(5.0 / 6), (double?)0.8, "83.3 % of planned work done by its date; 80 % is needed for release."));
    }
}
