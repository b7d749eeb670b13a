using PersonalizedLearning.Scheduling;
using static PersonalizedLearning.Tests.Scheduling.WeekPlanRequestTests;

namespace PersonalizedLearning.Tests.Scheduling;

public class LearnerNeedsTests
{
    [Fact]
    public void Equals_EveryMemberByValue()
    {
        var needs = new LearnerNeeds("l1", [A, B], "fractions", false, "ana", 1);
        RecordEquality.Check(needs, new LearnerNeeds("l1", [A, B], "fractions", false, "ana", 1),
            needs with { Learner = "l2" }, needs with { Slots = [A] }, needs with { NextCompetency = "halves" },
            needs with { IsStuck = true }, needs with { Mentor = "ben" }, needs with { WorkshopSessions = 2 });
    }
}

public class RoomAvailabilityTests
{
    [Fact]
    public void Equals_EveryMemberByValue()
    {
        var room = new RoomAvailability("r1", 4, [SessionKind.Workshop], [A, B]);
        RecordEquality.Check(room, new RoomAvailability("r1", 4, [SessionKind.Workshop], [A, B]),
            room with { Id = "r2" }, room with { Capacity = 5 }, room with { Hosts = [SessionKind.OneToOne] }, room with { Slots = [A] });
    }
}

public class TeacherAvailabilityTests
{
    [Fact]
    public void Equals_EveryMemberByValue()
    {
        var teacher = new TeacherAvailability("ana", [A, B], ["math"], 3);
        RecordEquality.Check(teacher, new TeacherAvailability("ana", [A, B], ["math"], 3),
            teacher with { Id = "ben" }, teacher with { Slots = [A] }, teacher with { Teaches = ["reading"] }, teacher with { MaximumSessions = null });
    }
}

public class ScheduledSessionTests
{
    [Fact]
    public void Equals_EveryMemberByValue()
    {
        var session = new ScheduledSession(A, "r1", "ana", SessionKind.Workshop, "fractions", ["l1", "l2"]);
        RecordEquality.Check(session, new ScheduledSession(A, "r1", "ana", SessionKind.Workshop, "fractions", ["l1", "l2"]),
            session with { Slot = B }, session with { Room = "r2" }, session with { Teacher = "ben" }, session with { Kind = SessionKind.OneToOne },
            session with { Competency = "halves" }, session with { Learners = ["l1"] });
    }
}

public class WeekPlanTests
{
    [Fact]
    public void Equals_EveryMemberByValue()
    {
        static WeekPlan Make() => new(
            [new ScheduledSession(A, "r1", "ana", SessionKind.Workshop, "fractions", ["l1", "l2"])],
            [new IndependentSeat("l1", B, "commons")],
            [new UnservedNeed("l2", NeedKind.IndependentTime, null, B, UnservedReason.CapacityExhausted, "no seat")],
            WeekPlanStatus.Feasible, 10, 12, TimeSpan.FromSeconds(1));
        var plan = Make();
        RecordEquality.Check(plan, Make(),
            plan with { Sessions = [] }, plan with { Independent = [] }, plan with { Unserved = [] }, plan with { Status = WeekPlanStatus.Optimal },
            plan with { ObjectiveValue = 11 }, plan with { BestBound = 13 }, plan with { SolveTime = TimeSpan.FromSeconds(2) });
    }
}

public class UnservedNeedTests
{
    [Fact]
    public void Explanation_OfTheDefaultOrGivenAsNull_IsEmpty()
    {
        default(UnservedNeed).Explanation.Should().BeEmpty();
        new UnservedNeed("l1", NeedKind.Mentoring, null, null, UnservedReason.MentorUnavailable, null!).Explanation.Should().BeEmpty();
        new UnservedNeed("l1", NeedKind.Mentoring, null, null, UnservedReason.MentorUnavailable, "why").Explanation.Should().Be("why");
    }
}

public class WeekPlanViolationTests
{
    [Fact]
    public void Deconstruct_AndToString_GiveTheRuleAndMessage()
    {
        var violation = new WeekPlanViolation(WeekPlanRule.GroupSize, "Workshop too small.");

        var (rule, message) = violation;

        (rule, message).Should().Be((WeekPlanRule.GroupSize, "Workshop too small."));
        violation.ToString().Should().Be("[GroupSize] Workshop too small.");
    }
}
