using PersonalizedLearning.Competencies;
using PersonalizedLearning.Scheduling;

namespace PersonalizedLearning.Tests.Scheduling;

public class WeekPlanRequestTests
{
    internal static readonly TimeSlot A = new(DayOfWeek.Monday, new TimeOnly(9, 0), 50);
    internal static readonly TimeSlot B = new(DayOfWeek.Monday, new TimeOnly(10, 0), 50);
    internal static readonly TimeSlot C = new(DayOfWeek.Tuesday, new TimeOnly(9, 0), 50);

    internal static readonly CompetencyFramework Framework = new CompetencyFrameworkBuilder("tiny")
        .AddCompetency("math", "Math").AddCompetency("fractions", "Fractions").AddCompetency("halves", "Halves")
        .AddChild("math", "fractions").AddChild("fractions", "halves")
        .AddCompetency("reading", "Reading")
        .Build();

    [Fact]
    public void Constructor_ManyProblems_ReportsEveryOneAtOnce()
    {
        var act = () => new WeekPlanRequest(Framework, [A, B, new TimeSlot(DayOfWeek.Monday, new TimeOnly(9, 30), 50)],
            [new TeacherAvailability("ana", [A, C], ["algebra"], -1), new TeacherAvailability("ana", [A], [])],
            [new RoomAvailability("r1", 0, [], [A])],
            [new LearnerNeeds("l1", [A], "fractions", false, "zoe", 2), new LearnerNeeds("l2", [A], null, false, null, 1)],
            minimumWorkshopSize: 3, maximumWorkshopSize: 2);

        var problems = act.Should().Throw<DefinitionValidationException>().Which.Problems;

        problems.Select(p => (p.Rule, p.Subject)).Should().Equal(
            (ValidationRule.OutOfRange, "maximumWorkshopSize"),
            (ValidationRule.DuplicateId, "Monday 09:30 (50 min)"),
            (ValidationRule.DuplicateId, "Monday 10:00 (50 min)"),
            (ValidationRule.UnknownReference, "Teacher 'ana'"),
            (ValidationRule.UnknownReference, "ana"),
            (ValidationRule.OutOfRange, "ana"),
            (ValidationRule.DuplicateId, "ana"),
            (ValidationRule.OutOfRange, "r1"),
            (ValidationRule.Empty, "r1"),
            (ValidationRule.UnknownReference, "l1"),
            (ValidationRule.OutOfRange, "l1"),
            (ValidationRule.MissingValue, "l2"));
        problems[1].Message.Should().Be("Slots Monday 09:00 (50 min) and Monday 09:30 (50 min) overlap; a week's slots must not share a minute.");
        problems[3].Message.Should().Be("Teacher 'ana' is free in slot Tuesday 09:00 (50 min), which is not in the week.");
    }

    [Fact]
    public void Constructor_DefaultSlotAndEmptyWeek_AreRejected()
    {
        FluentActions.Invoking(() => new WeekPlanRequest(Framework, [], [], [], []))
            .Should().Throw<DefinitionValidationException>().Which.Problems.Single().Rule.Should().Be(ValidationRule.Empty);
        FluentActions.Invoking(() => new WeekPlanRequest(Framework, [default], [], [], []))
            .Should().Throw<DefinitionValidationException>().Which.Problems.Single().Rule.Should().Be(ValidationRule.MissingValue);
    }

    [Fact]
    public void CanTeach_ParentInTheHierarchy_CoversEveryDescendantOnly()
    {
        var request = new WeekPlanRequest(Framework, [A], [new TeacherAvailability("ana", [A], ["fractions"])], [], []);

        request.CanTeach("ana", "fractions").Should().BeTrue();
        request.CanTeach("ana", "halves").Should().BeTrue("halves is under fractions");
        request.CanTeach("ana", "math").Should().BeFalse("a teacher of a strand does not teach its parent");
        request.CanTeach("ana", "reading").Should().BeFalse();
        FluentActions.Invoking(() => request.CanTeach("zoe", "math")).Should().Throw<ArgumentException>().WithParameterName("teacher");
        FluentActions.Invoking(() => request.CanTeach("ana", "algebra")).Should().Throw<ArgumentException>().WithParameterName("competency");
    }

    [Fact]
    public void FindUnserved_EmptyPlan_GivesEachReasonTheRequestRulesOut()
    {
        // Worked by hand. Ana teaches math, free A; Ben reading, free B, but leads nobody this week (maximum 0).
        // The only workshop room is free in A. l1 (halves, A and B, 2 sessions): in A a teacher and a room, in B none,
        // and only l1 needs halves: one session NoCommonSlot (beyond the one slot), one GroupTooSmall. l2 (reading): no
        // teacher who leads sessions can teach it. l3 and l4 (fractions, A): possible, so CapacityExhausted. l3's
        // mentor is Ben (maximum 0): MentorUnavailable. The commons is free in B only.
        var request = new WeekPlanRequest(Framework, [A, B],
            [new TeacherAvailability("ana", [A], ["math"]), new TeacherAvailability("ben", [B], ["reading"], 0)],
            [new RoomAvailability("r1", 4, [SessionKind.Workshop], [A]), new RoomAvailability("commons", 10, [SessionKind.Independent], [B])],
            [
                new LearnerNeeds("l1", [A, B], "halves", false, null, 2),
                new LearnerNeeds("l2", [B], "reading", false, null, 1),
                new LearnerNeeds("l3", [A], "fractions", false, "ben", 1),
                new LearnerNeeds("l4", [A], "fractions", false, null, 1),
            ]);

        var unserved = request.FindUnserved([], [new IndependentSeat("l1", B, "commons"), new IndependentSeat("l2", B, "commons")]);

        unserved.Select(u => (u.Learner.Value, u.Kind, u.Slot, u.Reason)).Should().Equal(
            ("l1", NeedKind.Workshop, (TimeSlot?)null, UnservedReason.NoCommonSlot),
            ("l1", NeedKind.Workshop, null, UnservedReason.GroupTooSmall),
            ("l1", NeedKind.IndependentTime, A, UnservedReason.NoIndependentRoom),
            ("l2", NeedKind.Workshop, null, UnservedReason.NoQualifiedTeacher),
            ("l3", NeedKind.Workshop, null, UnservedReason.CapacityExhausted),
            ("l3", NeedKind.Mentoring, null, UnservedReason.MentorUnavailable),
            ("l3", NeedKind.IndependentTime, A, UnservedReason.NoIndependentRoom),
            ("l4", NeedKind.Workshop, null, UnservedReason.CapacityExhausted),
            ("l4", NeedKind.IndependentTime, A, UnservedReason.NoIndependentRoom));
        unserved[3].Explanation.Should().Be("Learner 'l2' needs a workshop on 'reading', but no teacher who leads sessions this week can teach it.");
    }

    [Fact]
    public void TimeSlot_BadArguments_ThrowOutOfRange()
    {
        FluentActions.Invoking(() => new TimeSlot(DayOfWeek.Monday, new TimeOnly(23, 30), 31))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("lengthMinutes");
        FluentActions.Invoking(() => new TimeSlot(DayOfWeek.Monday, new TimeOnly(9, 0), 0))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("lengthMinutes");
        FluentActions.Invoking(() => new TimeSlot((DayOfWeek)7, new TimeOnly(9, 0), 10))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("day");
        new TimeSlot(DayOfWeek.Sunday, new TimeOnly(8, 0), 10).Should().BeGreaterThan(new TimeSlot(DayOfWeek.Saturday, new TimeOnly(9, 0), 10), "weeks start on Monday");
        new TimeSlot(DayOfWeek.Monday, new TimeOnly(23, 30), 30).ToString().Should().Be("Monday 23:30 (30 min)");
    }
}
