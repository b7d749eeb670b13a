using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Scheduling;

namespace PersonalizedLearning.Tests.Scheduling;

public class ScheduleNeedsTests
{
    private static readonly DateTimeOffset Now = TestData.Start;
    private static readonly TimeSlot A = WeekPlanRequestTests.A;
    private static readonly TimeSlot B = WeekPlanRequestTests.B;
    private static readonly TimeSlot C = WeekPlanRequestTests.C;
    private static readonly PersonalizedLearningEngine Engine = new(TestData.CatalogFor(TestData.Diamond()), RollupMasteryModel.Latest());

    // Ten answers on A without mastery: wheel-spinning (Beck and Gong 2013), so stuck on A.
    private static LearnerState StuckOnA(string id) =>
        Engine.Rebuild(id, Enumerable.Range(0, 10).Select(i => Evidence.ForCompetency($"{id}{i}", id, "A", EvidenceOutcome.FromScore(0.3), Now)));

    // Every competency of the diamond mastered: nothing is next.
    private static LearnerState Finished(string id) =>
        Engine.Rebuild(id, new[] { "U", "A", "B", "C", "D", "E" }.SelectMany(c => new[] { 1, 2 }.Select(i => Evidence.ForCompetency($"{id}{c}{i}", id, c, EvidenceOutcome.Correct, Now))));

    [Fact]
    public void FromRecommendation_NotStuck_TakesTheBestStepsCompetency_AndCapsSessionsAtTheSlots()
    {
        // A new learner's best step on the diamond is A (the first without unmet prerequisites). Three sessions wanted,
        // two slots free: two.
        var recommendation = Engine.RecommendNext(Engine.CreateLearner("ana"), asOf: Now);

        var needs = ScheduleNeeds.FromRecommendation(recommendation, [A, B], "tess", workshopSessions: 3);

        needs.Should().Be(new LearnerNeeds("ana", [A, B], "A", false, "tess", 2));
    }

    [Fact]
    public void FromRecommendation_Stuck_TakesTheStuckCompetencyAndFlagsIt()
    {
        var recommendation = Engine.RecommendNext(StuckOnA("ben"), asOf: Now);

        var needs = ScheduleNeeds.FromRecommendation(recommendation, [C], null);

        recommendation.IsStuck.Should().BeTrue();
        needs.Should().Be(new LearnerNeeds("ben", [C], "A", true, null, 1));
    }

    [Fact]
    public void FromRecommendation_NothingRecommended_NeedsNoWorkshop()
    {
        var needs = ScheduleNeeds.FromRecommendation(new NextStepResult("cy", default, default), [A], "tess", workshopSessions: 2);

        needs.Should().Be(new LearnerNeeds("cy", [A], null, false, "tess", 0));
    }

    [Fact]
    public void FromSnapshots_StuckFinishedAndFewSlots_GoldenNeedsInTheSnapshotsOrder()
    {
        // ben is stuck on A (his first stuck competency in the sequence); ana, new, starts on the first competency of her
        // frontier (U, first in the diamond's sequence) but has one slot for the two sessions wanted; dee has mastered everything, so nothing is next and
        // she needs no workshop, only her mentor.
        var snapshots = new[]
        {
            Engine.Assess(StuckOnA("ben"), Now),
            Engine.Assess(Engine.CreateLearner("ana"), Now),
            Engine.Assess(Finished("dee"), Now),
        };
        var slots = new Dictionary<LearnerId, TimeSlot[]> { ["ben"] = [A, B, C], ["ana"] = [B], ["dee"] = [A, C] };
        var mentors = new Dictionary<LearnerId, TeacherId?> { ["ben"] = "tess", ["ana"] = null, ["dee"] = "uma" };

        var needs = ScheduleNeeds.FromSnapshots(snapshots, l => slots[l], l => mentors[l], workshopSessions: 2);

        needs.Select(n => (n.Learner.Value, n.NextCompetency?.Value, n.IsStuck, n.Mentor?.Value, n.WorkshopSessions)).Should().Equal(
            ("ben", "A", true, "tess", 2),
            ("ana", "U", false, null, 1),
            ("dee", null, false, "uma", 0));
        needs.Select(n => n.Slots.Length).Should().Equal(3, 1, 2);
        needs[0].Slots.Should().Equal(A, B, C);
    }

    [Fact]
    public void FromSnapshots_NoSnapshots_NoNeeds()
    {
        ScheduleNeeds.FromSnapshots([], _ => [A], _ => null).Should().BeEmpty();
    }

    [Fact]
    public void FromSnapshots_StuckThreshold_IsTheWheelSpinningAttempts()
    {
        // Ten answers without mastery: stuck at the default 10, not at 11.
        var snapshot = Engine.Assess(StuckOnA("ben"), Now);

        ScheduleNeeds.FromSnapshots([snapshot], _ => [A], _ => null, wheelSpinningAttempts: 11).Single().IsStuck.Should().BeFalse();
        ScheduleNeeds.FromSnapshots([snapshot], _ => [A], _ => null).Single().IsStuck.Should().BeTrue();
    }

    [Fact]
    public void BadInput_ThrowsTheExactExceptionNamingTheParameter()
    {
        var recommendation = new NextStepResult("cy", default, default);
        FluentActions.Invoking(() => ScheduleNeeds.FromRecommendation(recommendation, null!, null))
            .Should().Throw<ArgumentNullException>().WithParameterName("slots");
        FluentActions.Invoking(() => ScheduleNeeds.FromRecommendation(recommendation, [A], null, -1))
            .Should().ThrowExactly<ArgumentOutOfRangeException>().WithParameterName("workshopSessions");

        var ana = Engine.Assess(Engine.CreateLearner("ana"), Now);
        FluentActions.Invoking(() => ScheduleNeeds.FromSnapshots(null!, _ => [A], _ => null))
            .Should().ThrowExactly<ArgumentNullException>().WithParameterName("snapshots");
        FluentActions.Invoking(() => ScheduleNeeds.FromSnapshots([ana], null!, _ => null))
            .Should().ThrowExactly<ArgumentNullException>().WithParameterName("slots");
        FluentActions.Invoking(() => ScheduleNeeds.FromSnapshots([ana], _ => [A], null!))
            .Should().ThrowExactly<ArgumentNullException>().WithParameterName("mentor");
        FluentActions.Invoking(() => ScheduleNeeds.FromSnapshots([ana], _ => [A], _ => null, workshopSessions: -1))
            .Should().ThrowExactly<ArgumentOutOfRangeException>().WithParameterName("workshopSessions");
        FluentActions.Invoking(() => ScheduleNeeds.FromSnapshots([ana], _ => [A], _ => null, wheelSpinningAttempts: 0))
            .Should().ThrowExactly<ArgumentOutOfRangeException>().WithParameterName("wheelSpinningAttempts");
        FluentActions.Invoking(() => ScheduleNeeds.FromSnapshots([ana], _ => null!, _ => null))
            .Should().ThrowExactly<ArgumentNullException>().WithParameterName("slots").WithMessage("No slots were given for learner 'ana'.*");
        FluentActions.Invoking(() => ScheduleNeeds.FromSnapshots([ana, ana], _ => [A], _ => null))
            .Should().ThrowExactly<ArgumentException>().WithMessage("Learner 'ana' is listed twice.*");
    }
    [Fact]
    public void FromRecommendation_StuckWithNoStepLeft_StillNeedsTheStuckCompetency()
    {
        // A result stuck on B with no step to recommend: the need is B (stuck), not "nothing next".
        var recommendation = new NextStepResult("dee", [], [new StuckCompetency("B", 10, MasteryLevel.Attempted)]);

        var needs = ScheduleNeeds.FromRecommendation(recommendation, [A], null);

        needs.Should().Be(new LearnerNeeds("dee", [A], "B", true, null, 1));
    }

    [Fact]
    public void FromSnapshots_NoSnapshots_StillRefusesFewerThanOneAttempt()
    {
        FluentActions.Invoking(() => ScheduleNeeds.FromSnapshots([], _ => [], _ => null, wheelSpinningAttempts: 0))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("wheelSpinningAttempts");
        ScheduleNeeds.FromSnapshots([], _ => [], _ => null, wheelSpinningAttempts: 1).Should().BeEmpty();
    }
}
