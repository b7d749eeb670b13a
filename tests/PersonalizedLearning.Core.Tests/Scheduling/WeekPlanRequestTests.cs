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
    [Fact]
    public void Constructor_NullArgumentOrItem_ThrowsArgumentNullNamingIt()
    {
        TeacherAvailability[] teachers = [new("ana", [A], [])];
        RoomAvailability[] rooms = [new("r1", 2, [SessionKind.Workshop], [A])];
        LearnerNeeds[] learners = [new("l1", [A], null, false, null, 0)];

        FluentActions.Invoking(() => new WeekPlanRequest(null!, [A], teachers, rooms, learners)).Should().Throw<ArgumentNullException>().WithParameterName("framework");
        FluentActions.Invoking(() => new WeekPlanRequest(Framework, null!, teachers, rooms, learners)).Should().Throw<ArgumentNullException>().WithParameterName("week");
        FluentActions.Invoking(() => new WeekPlanRequest(Framework, [A], null!, rooms, learners)).Should().Throw<ArgumentNullException>().WithParameterName("teachers");
        FluentActions.Invoking(() => new WeekPlanRequest(Framework, [A], teachers, null!, learners)).Should().Throw<ArgumentNullException>().WithParameterName("rooms");
        FluentActions.Invoking(() => new WeekPlanRequest(Framework, [A], teachers, rooms, null!)).Should().Throw<ArgumentNullException>().WithParameterName("learners");
        FluentActions.Invoking(() => new WeekPlanRequest(Framework, [A], [teachers[0], null!], rooms, learners)).Should().Throw<ArgumentNullException>().WithParameterName("teachers");
        FluentActions.Invoking(() => new WeekPlanRequest(Framework, [A], teachers, [null!, rooms[0]], learners)).Should().Throw<ArgumentNullException>().WithParameterName("rooms");
        FluentActions.Invoking(() => new WeekPlanRequest(Framework, [A], teachers, rooms, [learners[0], null!])).Should().Throw<ArgumentNullException>().WithParameterName("learners");
    }

    [Fact]
    public void Constructor_WorkshopSizesOfOne_AndALearnerWithNoWorkshopOrSlot_AreTaken()
    {
        // The bounds themselves: a minimum of 1, a maximum equal to the minimum, 0 workshop sessions with no next
        // competency, and a learner with no slot at all (0 sessions is then the most allowed).
        var request = new WeekPlanRequest(Framework, [A], [], [], [new LearnerNeeds("l1", [A], null, false, null, 0), new LearnerNeeds("l2", [], null, false, null, 0)],
            minimumWorkshopSize: 1, maximumWorkshopSize: 1);

        (request.MinimumWorkshopSize, request.MaximumWorkshopSize).Should().Be((1, 1));
        request.Learners.Should().HaveCount(2);
    }

    [Fact]
    public void Constructor_AnEmptyWeek_IsRefusedWithTheRequestNamed()
    {
        var exception = FluentActions.Invoking(() => new WeekPlanRequest(Framework, [], [], [], []))
            .Should().Throw<DefinitionValidationException>().Which;

        exception.Definition.Should().Be("week plan request");
        exception.Problems.Should().Equal(new ValidationProblem(ValidationRule.Empty, "week", "The week has no slot; give at least one."));
        exception.Message.Should().Be("The week plan request is not valid; 1 problem found:" + Environment.NewLine
            + "  - [Empty] The week has no slot; give at least one.");
    }

    [Fact]
    public void Constructor_SizesBelowOne_ADefaultSlotAndASlotTwice_AreEachNamedWithTheValues()
    {
        var problems = FluentActions.Invoking(() => new WeekPlanRequest(Framework, [A, default, A, B], [], [], [], minimumWorkshopSize: 0, maximumWorkshopSize: 0))
            .Should().Throw<DefinitionValidationException>().Which.Problems;

        problems.Should().Equal(
            new ValidationProblem(ValidationRule.OutOfRange, "minimumWorkshopSize", "The minimum workshop size must be at least 1; got 0."),
            new ValidationProblem(ValidationRule.OutOfRange, "maximumWorkshopSize", "The maximum workshop size must be at least the minimum (0) and at least 1; got 0."),
            new ValidationProblem(ValidationRule.MissingValue, "week", "The week holds the default (empty) slot; every slot needs a length."),
            new ValidationProblem(ValidationRule.DuplicateId, "Monday 09:00 (50 min)", "The week lists slot Monday 09:00 (50 min) twice."));
    }

    [Fact]
    public void Constructor_BadTeachersAndRooms_AreEachNamedWithTheirRule()
    {
        // Teacher #0 has no id and a slot twice; ana teaches a competency the framework lacks and is listed twice.
        // Room #0 has no id; r1 hosts an undefined kind and Workshop twice and is free on Tuesday, outside the week; the
        // second r1 is a duplicate that hosts nothing.
        var problems = FluentActions.Invoking(() => new WeekPlanRequest(Framework, [A, B],
                [new TeacherAvailability(default, [A, A], []), new TeacherAvailability("ana", [A], ["algebra"]), new TeacherAvailability("ana", [B], [])],
                [
                    new RoomAvailability(default, 1, [SessionKind.Workshop], [A]),
                    new RoomAvailability("r1", 1, [(SessionKind)9, SessionKind.Workshop, SessionKind.Workshop], [C]),
                    new RoomAvailability("r1", 1, [], [B]),
                ],
                []))
            .Should().Throw<DefinitionValidationException>().Which.Problems;

        problems.Should().Equal(
            new ValidationProblem(ValidationRule.MissingValue, "teacher", "Teacher #0 has the default (empty) id."),
            new ValidationProblem(ValidationRule.DuplicateRelation, "Teacher ''", "Teacher '' lists slot Monday 09:00 (50 min) twice."),
            new ValidationProblem(ValidationRule.UnknownReference, "ana", "Teacher 'ana' teaches 'algebra', which is not in framework 'tiny'."),
            new ValidationProblem(ValidationRule.DuplicateId, "ana", "Teacher 'ana' is listed twice."),
            new ValidationProblem(ValidationRule.MissingValue, "room", "Room #0 has the default (empty) id."),
            new ValidationProblem(ValidationRule.OutOfRange, "r1", "Room 'r1' hosts kind 9, which is not a defined session kind."),
            new ValidationProblem(ValidationRule.DuplicateRelation, "r1", "Room 'r1' lists a session kind twice."),
            new ValidationProblem(ValidationRule.UnknownReference, "Room 'r1'", "Room 'r1' is free in slot Tuesday 09:00 (50 min), which is not in the week."),
            new ValidationProblem(ValidationRule.DuplicateId, "r1", "Room 'r1' is listed twice."),
            new ValidationProblem(ValidationRule.Empty, "r1", "Room 'r1' hosts no kind of session; name at least one."));
    }

    [Fact]
    public void Constructor_BadLearners_AreEachNamedWithTheirRule()
    {
        // Learner #0 has no id; l1 is free on Tuesday (outside the week), needs a competency the framework lacks and has
        // a mentor who is not a teacher; the second l1 is a duplicate that wants a workshop with nothing next. l3 and l4
        // are valid, l4 with no slot at all.
        var problems = FluentActions.Invoking(() => new WeekPlanRequest(Framework, [A, B], [new TeacherAvailability("ana", [A], ["math"])], [],
                [
                    new LearnerNeeds(default, [A], null, false, null, 0),
                    new LearnerNeeds("l1", [C], "algebra", false, "zoe", 0),
                    new LearnerNeeds("l1", [A], null, false, null, 1),
                    new LearnerNeeds("l3", [A, B], "math", false, "ana", 2),
                    new LearnerNeeds("l4", [], null, false, null, 0),
                ]))
            .Should().Throw<DefinitionValidationException>().Which.Problems;

        problems.Should().Equal(
            new ValidationProblem(ValidationRule.MissingValue, "learner", "Learner #0 has the default (empty) id."),
            new ValidationProblem(ValidationRule.UnknownReference, "Learner 'l1'", "Learner 'l1' is free in slot Tuesday 09:00 (50 min), which is not in the week."),
            new ValidationProblem(ValidationRule.UnknownReference, "l1", "Learner 'l1' needs 'algebra' next, which is not in framework 'tiny'."),
            new ValidationProblem(ValidationRule.UnknownReference, "l1", "Learner 'l1' has mentor 'zoe', who is not among the request's teachers."),
            new ValidationProblem(ValidationRule.DuplicateId, "l1", "Learner 'l1' is listed twice."),
            new ValidationProblem(ValidationRule.MissingValue, "l1", "Learner 'l1' needs workshop sessions but has no next competency; name it, or ask for 0 sessions."));
    }

    [Fact]
    public void CanTeach_UnknownTeacherOrCompetency_IsRefusedWithItsMessage()
    {
        var request = new WeekPlanRequest(Framework, [A], [new TeacherAvailability("ana", [A], ["fractions"])], [], []);

        FluentActions.Invoking(() => request.CanTeach("zoe", "math")).Should().Throw<ArgumentException>()
            .Which.Message.Should().Be("Teacher 'zoe' is not in the request. (Parameter 'teacher')");
        FluentActions.Invoking(() => request.CanTeach("ana", "algebra")).Should().Throw<UnknownCompetencyException>()
            .Which.Message.Should().StartWith("Competency 'algebra' is not in framework 'tiny'.");
    }

    [Fact]
    public void FindUnserved_NullSessionsSeatsOrSession_ThrowsArgumentNullNamingIt()
    {
        var request = new WeekPlanRequest(Framework, [A], [], [], [new LearnerNeeds("l1", [A], null, false, null, 0)]);

        FluentActions.Invoking(() => request.FindUnserved(null!, [])).Should().Throw<ArgumentNullException>().WithParameterName("sessions");
        FluentActions.Invoking(() => request.FindUnserved([], null!)).Should().Throw<ArgumentNullException>().WithParameterName("seats");
        FluentActions.Invoking(() => request.FindUnserved([null!], [])).Should().Throw<ArgumentNullException>().WithParameterName("sessions");
    }

    [Fact]
    public void FindUnserved_SessionsAndSeatsServe_OnlyWhatTheyGive()
    {
        // Worked by hand. Ana (math, so fractions) and Ben (the mentor) are free in A, B and C; r1 hosts workshops and
        // one-to-ones (4 seats) and the commons independent time, in every slot.
        // l1 (fractions, 2 workshops, mentor Ben) gets the workshop in A and Ben's one-to-one in B: one workshop short,
        // which the request allows (3 slots with teacher, room and 2 learners), so CapacityExhausted; C has no seat.
        // l2 (fractions, 1 workshop, mentor Ben) is in the workshop (served), has a one-to-one with Ana in B (not their
        // mentor: no mentoring) and a seat in C: only the mentoring is missing, which Ben in B or C could give.
        // zz is in the workshop but not in the request: ignored. l3 needs nothing but its three slots, none given.
        var request = new WeekPlanRequest(Framework, [A, B, C],
            [new TeacherAvailability("ana", [A, B, C], ["math"]), new TeacherAvailability("ben", [A, B, C], ["reading"])],
            [
                new RoomAvailability("r1", 4, [SessionKind.Workshop, SessionKind.OneToOne], [A, B, C]),
                new RoomAvailability("commons", 10, [SessionKind.Independent], [A, B, C]),
            ],
            [
                new LearnerNeeds("l1", [A, B, C], "fractions", false, "ben", 2),
                new LearnerNeeds("l2", [A, B, C], "fractions", false, "ben", 1),
                new LearnerNeeds("l3", [A, B, C], null, false, null, 0),
            ]);
        ScheduledSession[] sessions =
        [
            new(A, "r1", "ana", SessionKind.Workshop, "fractions", ["l1", "zz", "l2"]),
            new(B, "r1", "ben", SessionKind.OneToOne, null, ["l1"]),
            new(B, "r1", "ana", SessionKind.OneToOne, null, ["l2"]),
        ];

        var unserved = request.FindUnserved(sessions, [new IndependentSeat("l2", C, "commons")]);

        unserved.Should().Equal(
            new UnservedNeed("l1", NeedKind.Workshop, "fractions", null, UnservedReason.CapacityExhausted,
                "Learner 'l1' could have a workshop on 'fractions', but the plan used the teachers, rooms or classmates it needed for other sessions."),
            new UnservedNeed("l1", NeedKind.IndependentTime, null, C, UnservedReason.CapacityExhausted,
                "Learner 'l1' has no seat for independent time on Tuesday 09:00 (50 min): the seats of the rooms that host it were all taken, or the rooms were used for sessions."),
            new UnservedNeed("l2", NeedKind.Mentoring, null, null, UnservedReason.CapacityExhausted,
                "Learner 'l2' could meet mentor 'ben', but the plan used every slot they share with a one-to-one room for other sessions."),
            new UnservedNeed("l3", NeedKind.IndependentTime, null, A, UnservedReason.CapacityExhausted,
                "Learner 'l3' has no seat for independent time on Monday 09:00 (50 min): the seats of the rooms that host it were all taken, or the rooms were used for sessions."),
            new UnservedNeed("l3", NeedKind.IndependentTime, null, B, UnservedReason.CapacityExhausted,
                "Learner 'l3' has no seat for independent time on Monday 10:00 (50 min): the seats of the rooms that host it were all taken, or the rooms were used for sessions."),
            new UnservedNeed("l3", NeedKind.IndependentTime, null, C, UnservedReason.CapacityExhausted,
                "Learner 'l3' has no seat for independent time on Tuesday 09:00 (50 min): the seats of the rooms that host it were all taken, or the rooms were used for sessions."));
    }

    [Fact]
    public void FindUnserved_MentorsOutOfReach_AreMentorUnavailableWithTheirReason()
    {
        // Worked by hand. The only one-to-one room is free in A and B; the commons (independent time) in C only.
        // m1 (A, B): mentor Ben is free in C only, so no slot has both and a room: MentorUnavailable.
        // m2 (A, B): mentor Dee is free in A, which has the room: one shared slot is enough, so CapacityExhausted.
        // m3 (A): mentor Cy leads no session this week (maximum 0). No learner has a seat: A and B host no independent time.
        var request = new WeekPlanRequest(Framework, [A, B, C],
            [new TeacherAvailability("ben", [C], []), new TeacherAvailability("cy", [A], [], 0), new TeacherAvailability("dee", [A], [])],
            [new RoomAvailability("r1", 1, [SessionKind.OneToOne], [A, B]), new RoomAvailability("commons", 10, [SessionKind.Independent], [C])],
            [
                new LearnerNeeds("m1", [A, B], null, false, "ben", 0),
                new LearnerNeeds("m2", [A, B], null, false, "dee", 0),
                new LearnerNeeds("m3", [A], null, false, "cy", 0),
            ]);

        var unserved = request.FindUnserved([], []);

        var noRoomA = ": no room hosts independent time then.";
        unserved.Should().Equal(
            new UnservedNeed("m1", NeedKind.Mentoring, null, null, UnservedReason.MentorUnavailable,
                "Learner 'm1' cannot meet mentor 'ben': no slot has the learner, the mentor and a room that hosts one-to-ones all free."),
            new UnservedNeed("m1", NeedKind.IndependentTime, null, A, UnservedReason.NoIndependentRoom, "Learner 'm1' has no seat for independent time on Monday 09:00 (50 min)" + noRoomA),
            new UnservedNeed("m1", NeedKind.IndependentTime, null, B, UnservedReason.NoIndependentRoom, "Learner 'm1' has no seat for independent time on Monday 10:00 (50 min)" + noRoomA),
            new UnservedNeed("m2", NeedKind.Mentoring, null, null, UnservedReason.CapacityExhausted,
                "Learner 'm2' could meet mentor 'dee', but the plan used every slot they share with a one-to-one room for other sessions."),
            new UnservedNeed("m2", NeedKind.IndependentTime, null, A, UnservedReason.NoIndependentRoom, "Learner 'm2' has no seat for independent time on Monday 09:00 (50 min)" + noRoomA),
            new UnservedNeed("m2", NeedKind.IndependentTime, null, B, UnservedReason.NoIndependentRoom, "Learner 'm2' has no seat for independent time on Monday 10:00 (50 min)" + noRoomA),
            new UnservedNeed("m3", NeedKind.Mentoring, null, null, UnservedReason.MentorUnavailable,
                "Learner 'm3' cannot meet mentor 'cy': the mentor leads no session this week (maximum 0)."),
            new UnservedNeed("m3", NeedKind.IndependentTime, null, A, UnservedReason.NoIndependentRoom, "Learner 'm3' has no seat for independent time on Monday 09:00 (50 min)" + noRoomA));
    }

    [Fact]
    public void FindUnserved_WorkshopSlots_NeedATeacherAndARoomOfTheMinimumSize_AndPeersWhoWantAWorkshop()
    {
        // Worked by hand, minimum size 2. Ana (math) is free in A and B. Room w2 seats exactly 2 (the minimum) and hosts
        // workshops in A; "small" hosts workshops in B but seats 1, under the minimum; the commons seats 10 in C but hosts
        // only independent time. w1 (fractions, A, B and C) wants 3 workshops: only A has a teacher and a workshop room
        // (B has no room big enough, C no teacher nor workshop room), so 1 slot; the other fractions learner in A, w2,
        // wants no workshop, so A has 1 learner who needs it, under 2. The 3 sessions: index 2 and 1 are beyond the 1
        // slot (NoCommonSlot), index 0 is in it without a group (GroupTooSmall).
        var request = new WeekPlanRequest(Framework, [A, B, C],
            [new TeacherAvailability("ana", [A, B], ["math"])],
            [
                new RoomAvailability("w2", 2, [SessionKind.Workshop], [A]),
                new RoomAvailability("small", 1, [SessionKind.Workshop], [B]),
                new RoomAvailability("commons", 10, [SessionKind.Independent], [C]),
            ],
            [new LearnerNeeds("w1", [A, B, C], "fractions", false, null, 3), new LearnerNeeds("w2", [A], "fractions", false, null, 0)]);

        var unserved = request.FindUnserved([], [new IndependentSeat("w1", C, "commons")]);

        var noCommonSlot = "Learner 'w1' needs 3 workshop(s) on 'fractions', but only 1 of their slots have a teacher who can teach it and a workshop room of at least 2 seats free.";
        unserved.Should().Equal(
            new UnservedNeed("w1", NeedKind.Workshop, "fractions", null, UnservedReason.NoCommonSlot, noCommonSlot),
            new UnservedNeed("w1", NeedKind.Workshop, "fractions", null, UnservedReason.NoCommonSlot, noCommonSlot),
            new UnservedNeed("w1", NeedKind.Workshop, "fractions", null, UnservedReason.GroupTooSmall,
                "Learner 'w1' needs 3 workshop(s) on 'fractions', but in only 0 of their slots with a teacher and a room are at least 2 learners who need it free."),
            new UnservedNeed("w1", NeedKind.IndependentTime, null, A, UnservedReason.NoIndependentRoom,
                "Learner 'w1' has no seat for independent time on Monday 09:00 (50 min): no room hosts independent time then."),
            new UnservedNeed("w1", NeedKind.IndependentTime, null, B, UnservedReason.NoIndependentRoom,
                "Learner 'w1' has no seat for independent time on Monday 10:00 (50 min): no room hosts independent time then."),
            new UnservedNeed("w2", NeedKind.IndependentTime, null, A, UnservedReason.NoIndependentRoom,
                "Learner 'w2' has no seat for independent time on Monday 09:00 (50 min): no room hosts independent time then."));
    }
}
