using System.Collections.Immutable;
using PersonalizedLearning.Scheduling;
using static PersonalizedLearning.Tests.Scheduling.WeekPlanRequestTests;

namespace PersonalizedLearning.Tests.Scheduling;

public class WeekPlanCheckerTests
{
    private static readonly WeekPlanRequest Request = new(Framework, [A, B],
        [new TeacherAvailability("ana", [A], ["fractions"], 1), new TeacherAvailability("ben", [A, B], ["reading"])],
        [new RoomAvailability("r1", 2, [SessionKind.Workshop, SessionKind.OneToOne], [A, B]), new RoomAvailability("commons", 1, [SessionKind.Independent], [A, B])],
        [
            new LearnerNeeds("l1", [A, B], "fractions", false, "ben", 1),
            new LearnerNeeds("l2", [A, B], "fractions", false, null, 1),
            new LearnerNeeds("l3", [A], "reading", false, null, 1),
        ]);

    private static WeekPlan Plan(ImmutableArray<ScheduledSession> sessions, ImmutableArray<IndependentSeat> seats = default) =>
        new(sessions, seats, Request.FindUnserved(sessions, seats.IsDefault ? [] : seats), WeekPlanStatus.Feasible, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Check_ValidPlan_FindsNothing()
    {
        var plan = Plan([
            new ScheduledSession(A, "r1", "ana", SessionKind.Workshop, "fractions", ["l1", "l2"]),
            new ScheduledSession(B, "r1", "ben", SessionKind.OneToOne, null, ["l1"])],
            [new IndependentSeat("l2", B, "commons"), new IndependentSeat("l3", A, "commons")]);

        WeekPlanChecker.Check(Request, plan).Should().BeEmpty();
    }

    [Fact]
    public void Check_EachBrokenRule_IsReportedByName()
    {
        var plan = Plan([
            new ScheduledSession(A, "r1", "ben", SessionKind.Workshop, "fractions", ["l1", "l2", "l3"]),   // not qualified, too big, wrong competency
            new ScheduledSession(A, "commons", "ana", SessionKind.OneToOne, null, ["l2"]),                 // kind not hosted, wrong mentor
            new ScheduledSession(B, "r1", "ana", SessionKind.Workshop, "fractions", ["l1"])],              // ana not free, limit, too small
            [new IndependentSeat("l1", A, "commons"), new IndependentSeat("l9", B, "commons")]);            // l1 double-booked, unknown learner

        var rules = WeekPlanChecker.Check(Request, plan).Select(v => v.Rule).ToArray();

        rules.Should().Contain([WeekPlanRule.NotQualified, WeekPlanRule.GroupSize, WeekPlanRule.OverCapacity, WeekPlanRule.WrongCompetency,
            WeekPlanRule.KindNotHosted, WeekPlanRule.WrongMentor, WeekPlanRule.NotAvailable, WeekPlanRule.TeacherLimit,
            WeekPlanRule.DoubleBooked, WeekPlanRule.UnknownReference]);
        rules.Should().NotContain(WeekPlanRule.UnservedMismatch);
    }

    [Fact]
    public void Check_UnservedListThatHidesANeed_IsAMismatch()
    {
        var plan = Plan([]) with { Unserved = [] };

        WeekPlanChecker.Check(Request, plan).Should().ContainSingle().Which.Rule.Should().Be(WeekPlanRule.UnservedMismatch);
    }

    [Fact]
    public void Check_OverfullCommons_IsOverCapacity()
    {
        var plan = Plan([], [new IndependentSeat("l1", A, "commons"), new IndependentSeat("l2", A, "commons")]);

        WeekPlanChecker.Check(Request, plan).Select(v => v.Message).Should().Equal("Room 'commons' holds 2 independent learners on Monday 09:00 (50 min); it seats 1.");
    }
}
