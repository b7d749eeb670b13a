using System.Collections.Immutable;
using CsCheck;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Scheduling.OrTools.Tests;

public class CpSatWeekSchedulerTests
{
    private static readonly TimeSlot A = new(DayOfWeek.Monday, new TimeOnly(9, 0), 50);
    private static readonly TimeSlot B = new(DayOfWeek.Monday, new TimeOnly(10, 0), 50);

    private static readonly CompetencyFramework Framework = new CompetencyFrameworkBuilder("tiny")
        .AddCompetency("math", "Math").AddCompetency("fractions", "Fractions").AddCompetency("decimals", "Decimals")
        .AddChild("math", "fractions").AddChild("math", "decimals")
        .AddCompetency("reading", "Reading")
        .Build();

    private static CpSatWeekScheduler WholeWeek() => new(new CpSatWeekSchedulerOptions { DecomposeByDay = false });

    // Small generated schools (at most 16 learners: one of 24 took more than 20 s to prove) solved whole and without a
    // work limit, so each tier's stage is proven optimal.
    // Solved to proven optimality whatever the machine's load: a work limit (CP-SAT's deterministic seconds) far above what
    // these small schools need ends the search, not the clock, so a loaded machine only takes longer (with a wall-clock
    // limit of 60 s a loaded CI machine cut a tier's search and returned Feasible); the wall limit is the largest allowed.
    private static CpSatWeekScheduler Exact() =>
        new(new CpSatWeekSchedulerOptions { DecomposeByDay = false, DeterministicTimeLimit = 600, TimeLimit = TimeSpan.FromHours(1) });

    private static LearnerNeeds Learner(string id, CompetencyId? next, bool stuck, params TimeSlot[] slots) =>
        new(id, [.. slots], next, stuck, null, next is null ? 0 : 1);

    [Fact]
    public void Plan_Defaults_AStuckLearnerOnALaterDayIsNotBeatenByAnEarlierLowerNeed()
    {
        // The fresh review's case: teacher t leads at most one session in the week, Monday or Tuesday; n (not stuck) can
        // meet their mentor t only on Monday, s (stuck) only on Tuesday. Stuck first: s gets the one-to-one. Planned day
        // by day, Monday would have spent t's one session on n; a week this small is planned whole by default.
        var monday = new TimeSlot(DayOfWeek.Monday, new TimeOnly(9, 0), 30);
        var tuesday = new TimeSlot(DayOfWeek.Tuesday, new TimeOnly(9, 0), 30);
        var request = new WeekPlanRequest(Framework, [monday, tuesday],
            [new TeacherAvailability("t", [monday, tuesday], ["math"], MaximumSessions: 1)],
            [new RoomAvailability("office", 1, [SessionKind.OneToOne], [monday, tuesday])],
            [new LearnerNeeds("n", [monday], null, false, "t", 0), new LearnerNeeds("s", [tuesday], null, true, "t", 0)]);

        var plan = new CpSatWeekScheduler().Plan(request);

        plan.Sessions.Should().Equal(new ScheduledSession(tuesday, "office", "t", SessionKind.OneToOne, null, ["s"]));
        plan.Unserved.Where(u => u.Kind == NeedKind.Mentoring).Select(u => (u.Learner.Value, u.Reason)).Should().Equal(("n", UnservedReason.CapacityExhausted));
        new CpSatWeekScheduler(new CpSatWeekSchedulerOptions { DecomposeByDay = true }).Plan(request).Sessions.Single().Learners.Should().ContainSingle()
            .Which.Should().Be(new LearnerId("n"), "by day, Monday cannot see Tuesday: the documented price of the decomposition");
    }

    [Fact]
    public void Plan_TwoTeachersOneRoom_StuckReadersTakeTheSharedSlot()
    {
        // Worked by hand. Room r1 (3 seats) hosts one workshop per slot. Ana teaches math (so fractions, under it), free A
        // and B; Ben teaches reading, free A only. l1, l2 (fractions) are free only in A; l3, l4 (fractions) only in B;
        // l5 (reading) in A and B; l6 (reading, stuck) only in A. In A the room holds either fractions (l1, l2) or reading
        // (l5, l6): the stuck reader ranks first, so reading in A, fractions (l3, l4) in B; l1 and l2 lose to capacity.
        // No room hosts independent time, so every other slot of a learner is unserved for that reason.
        var request = new WeekPlanRequest(Framework, [A, B],
            [new TeacherAvailability("ana", [A, B], ["math"]), new TeacherAvailability("ben", [A], ["reading"])],
            [new RoomAvailability("r1", 3, [SessionKind.Workshop], [A, B])],
            [
                Learner("l1", "fractions", false, A), Learner("l2", "fractions", false, A),
                Learner("l3", "fractions", false, B), Learner("l4", "fractions", false, B),
                Learner("l5", "reading", false, A, B), Learner("l6", "reading", true, A),
            ]);

        var plan = WholeWeek().Plan(request);

        plan.Status.Should().Be(WeekPlanStatus.Optimal);
        plan.Sessions.Should().Equal(
            new ScheduledSession(A, "r1", "ben", SessionKind.Workshop, "reading", ["l5", "l6"]),
            new ScheduledSession(B, "r1", "ana", SessionKind.Workshop, "fractions", ["l3", "l4"]));
        plan.Independent.Should().BeEmpty();
        plan.Unserved.Select(u => (u.Learner.Value, u.Kind, u.Slot, u.Reason)).Should().Equal(
            ("l1", NeedKind.Workshop, (TimeSlot?)null, UnservedReason.CapacityExhausted),
            ("l1", NeedKind.IndependentTime, A, UnservedReason.NoIndependentRoom),
            ("l2", NeedKind.Workshop, null, UnservedReason.CapacityExhausted),
            ("l2", NeedKind.IndependentTime, A, UnservedReason.NoIndependentRoom),
            ("l5", NeedKind.IndependentTime, B, UnservedReason.NoIndependentRoom));
        plan.ObjectiveValue.Should().Be(plan.BestBound);
        WeekPlanChecker.Check(request, plan).Should().BeEmpty();
    }

    [Fact]
    public void Plan_MentoringWithLimitAndSeats_StuckFirstAndExactUnservedList()
    {
        // Worked by hand. Ana mentors m1 and m2 but leads at most 1 session: m2 is stuck and free only in A, so m2 meets
        // her in A at the one desk; m1 is unserved (capacity). m3's mentor Ben is free only in A, m3 only in B: mentor
        // unavailable. The commons seats 2: in A, m1 and m4 are free (2 seats, enough); in B, m1, m3 and m4 (stuck first,
        // then by id: m1 and m3 seated, m4 not).
        var request = new WeekPlanRequest(Framework, [A, B],
            [new TeacherAvailability("ana", [A, B], [], MaximumSessions: 1), new TeacherAvailability("ben", [A], [])],
            [new RoomAvailability("desk", 1, [SessionKind.OneToOne], [A, B]), new RoomAvailability("commons", 2, [SessionKind.Independent], [A, B])],
            [
                new LearnerNeeds("m1", [A, B], null, false, "ana", 0),
                new LearnerNeeds("m2", [A], null, true, "ana", 0),
                new LearnerNeeds("m3", [B], null, false, "ben", 0),
                new LearnerNeeds("m4", [A, B], null, false, null, 0),
            ]);

        var plan = WholeWeek().Plan(request);

        plan.Status.Should().Be(WeekPlanStatus.Optimal);
        plan.Sessions.Should().Equal(new ScheduledSession(A, "desk", "ana", SessionKind.OneToOne, null, ["m2"]));
        plan.Independent.Should().Equal(
            new IndependentSeat("m1", A, "commons"), new IndependentSeat("m1", B, "commons"),
            new IndependentSeat("m3", B, "commons"), new IndependentSeat("m4", A, "commons"));
        plan.Unserved.Select(u => (u.Learner.Value, u.Kind, u.Slot, u.Reason)).Should().Equal(
            ("m1", NeedKind.Mentoring, (TimeSlot?)null, UnservedReason.CapacityExhausted),
            ("m3", NeedKind.Mentoring, null, UnservedReason.MentorUnavailable),
            ("m4", NeedKind.IndependentTime, B, UnservedReason.CapacityExhausted));
        WeekPlanChecker.Check(request, plan).Should().BeEmpty();
    }

    [Fact]
    public void Plan_GroupLargerThanRoom_SplitsAcrossRoomsWithinCapacity()
    {
        // Worked by hand: 5 learners need fractions, all free in A; rooms of 3 and 2 seats, two math teachers. One
        // workshop per room: 3 + 2 = 5, all served; the first room by id takes the minimum (2), then fills to 3.
        var request = new WeekPlanRequest(Framework, [A],
            [new TeacherAvailability("ana", [A], ["math"]), new TeacherAvailability("cy", [A], ["fractions"])],
            [new RoomAvailability("big", 3, [SessionKind.Workshop], [A]), new RoomAvailability("small", 2, [SessionKind.Workshop], [A])],
            [.. Enumerable.Range(1, 5).Select(i => Learner($"f{i}", "fractions", false, A))]);

        var plan = WholeWeek().Plan(request);

        plan.Sessions.Should().HaveCount(2);
        plan.Sessions.Sum(s => s.Learners.Length).Should().Be(5);
        plan.Sessions.Single(s => s.Room == "big").Learners.Should().HaveCount(3);
        plan.Sessions.Single(s => s.Room == "small").Learners.Should().HaveCount(2);
        plan.Unserved.Should().BeEmpty();
        WeekPlanChecker.Check(request, plan).Should().BeEmpty();
    }

    [Fact]
    public void Plan_GeneratedSchools_KeepEveryRuleAndExplainEveryUnservedNeedTruly()
    {
        Gen.Select(Gen.Int[0, 10_000], Gen.Int[6, 30], Gen.Int[2, 5], Gen.Bool).Sample((seed, learners, teachers, byDay) =>
        {
            var request = GeneratedSchool.Create(seed, learners, teachers, days: 2, periods: 3, subjects: 2, competenciesPerSubject: 3,
                workshopRooms: 2, mentoringRooms: 1, commons: 1);
            var plan = new CpSatWeekScheduler(new CpSatWeekSchedulerOptions { DecomposeByDay = byDay, TimeLimit = TimeSpan.FromSeconds(5) }).Plan(request);

            WeekPlanChecker.Check(request, plan).Should().BeEmpty();
            NeverOverCapacity(request, plan);
            UnservedIffNotInPlan(request, plan);
            foreach (var need in plan.Unserved)
            {
                ReasonHolds(request, need).Should().BeTrue($"{need.Reason} should be true of {need.Explanation}");
            }
        }, iter: 25, threads: 1);
    }

    [Fact]
    public void Plan_GeneratedSchools_LowerNeedsNeverCostHigherOnes()
    {
        // The tiers are solved in order, each keeping what the ones before won. A plan of a request with fewer needs is a
        // plan of the whole request too, so the whole request's plan is at least as good tier by tier in order: it serves
        // as many stuck learners' needs as a plan with only those needs, and, stuck needs then mentoring compared in
        // that order, as much as a plan without the other learners' workshop demand (the stuck learners' workshops
        // rank above mentoring, so they stay; and with fewer classmates to group with they may get fewer).
        Gen.Select(Gen.Int[0, 10_000], Gen.Int[6, 16], Gen.Int[2, 4]).Sample((seed, learners, teachers) =>
        {
            var request = GeneratedSchool.Create(seed, learners, teachers, days: 2, periods: 3, subjects: 2, competenciesPerSubject: 3,
                workshopRooms: 2, mentoringRooms: 1, commons: 1, stuckShare: 0.3);
            var onlyStuck = With(request, request.Learners.Select(l => l.IsStuck ? l : l with { Mentor = null, WorkshopSessions = 0 }));
            var noOtherWorkshops = With(request, request.Learners.Select(l => l.IsStuck ? l : l with { WorkshopSessions = 0 }));

            var plan = Exact().Plan(request);
            var stuckAlone = Exact().Plan(onlyStuck);
            var mentoringAlone = Exact().Plan(noOtherWorkshops);

            new[] { plan.Status, stuckAlone.Status, mentoringAlone.Status }.Should().OnlyContain(s => s == WeekPlanStatus.Optimal);
            StuckServed(request, plan).Should().BeGreaterThanOrEqualTo(StuckServed(request, stuckAlone));
            StuckServed(request, plan).Should().BeGreaterThanOrEqualTo(StuckServed(request, mentoringAlone));
            if (StuckServed(request, plan) == StuckServed(request, mentoringAlone))
            {
                MentoringServed(request, plan).Should().BeGreaterThanOrEqualTo(MentoringServed(request, mentoringAlone));
            }
        }, iter: 12, threads: 1);
    }

    [Fact]
    public void Plan_DeterministicLimit_SamePlanTwiceEvenWithAGenerousWallLimit()
    {
        // A mid-size school the work limit cuts (the plan is not proven optimal): with one worker and a seed, the work
        // limit, not the clock, ends each stage, so the second plan is the first.
        var request = GeneratedSchool.Create(11, 150, 10, days: 3, periods: 5, subjects: 3, competenciesPerSubject: 5,
            workshopRooms: 4, mentoringRooms: 2, commons: 2);
        var scheduler = new CpSatWeekScheduler(new CpSatWeekSchedulerOptions
        {
            DeterministicTimeLimit = 0.3, TimeLimit = TimeSpan.FromMinutes(5), RandomSeed = 2, DecomposeByDay = false,
        });

        var first = scheduler.Plan(request);
        var second = scheduler.Plan(request);

        first.Status.Should().Be(WeekPlanStatus.Feasible, "the work limit cut the search");
        first.SolveTime.Should().BeLessThan(TimeSpan.FromMinutes(4));
        second.Should().Be(first with { SolveTime = second.SolveTime });
        WeekPlanChecker.Check(request, first).Should().BeEmpty();
    }

    [Fact]
    public void Plan_StoppedBeforeAnyPlan_SaysTheSolverStopped_NotThatCapacityRanOut()
    {
        // A work limit too small for CP-SAT to find anything: no session, and every need the request allows is put down
        // to the stop; what the request rules out keeps its own reason.
        var request = GeneratedSchool.Create(11, 150, 10, days: 3, periods: 5, subjects: 3, competenciesPerSubject: 5,
            workshopRooms: 4, mentoringRooms: 2, commons: 2);
        var plan = new CpSatWeekScheduler(new CpSatWeekSchedulerOptions { DeterministicTimeLimit = 1e-9, DecomposeByDay = false }).Plan(request);

        plan.Status.Should().Be(WeekPlanStatus.NoSolution, "the work limit is deterministic, and too small to find a plan");
        plan.Sessions.Should().BeEmpty();
        var reasons = request.FindUnserved(plan.Sessions, plan.Independent);
        plan.Unserved.Select(n => n.Reason).Should().Equal(reasons.Select(n => n.Reason == UnservedReason.CapacityExhausted ? UnservedReason.SolverStopped : n.Reason));
        plan.Unserved.Should().Contain(n => n.Reason == UnservedReason.SolverStopped);
        plan.Unserved.First(n => n.Reason == UnservedReason.SolverStopped).Explanation.Should().Contain("stopped at its time or work limit");
    }

    [Fact]
    public void Plan_SameRequestTwice_GivesTheSamePlan()
    {
        var request = GeneratedSchool.Create(7, 40, 5, days: 2, periods: 3, subjects: 2, competenciesPerSubject: 3);
        var scheduler = new CpSatWeekScheduler(new CpSatWeekSchedulerOptions { RandomSeed = 3 });

        var first = scheduler.Plan(request);
        var second = scheduler.Plan(request);

        second.Should().Be(first with { SolveTime = second.SolveTime });
    }

    [Fact]
    public void Constructor_BadOptions_ThrowsNamingEveryProblemAndKeepsNothing()
    {
        var options = new CpSatWeekSchedulerOptions { TimeLimit = TimeSpan.Zero, DeterministicTimeLimit = 0, Workers = 0, RandomSeed = -1 };

        var act = () => new CpSatWeekScheduler(options);

        act.Should().Throw<ArgumentException>().Which.Message.Should()
            .Contain("TimeLimit must be positive and at most 1 hour; got 00:00:00.")
            .And.Contain("DeterministicTimeLimit must be null or in (0, 3600]; got 0.")
            .And.Contain("Workers must be in [1, 64]; got 0.")
            .And.Contain("RandomSeed must be at least 0; got -1.");
        options.Workers.Should().Be(0, "validation reads the options and changes nothing");
        FluentActions.Invoking(() => new CpSatWeekScheduler(new CpSatWeekSchedulerOptions { Workers = 65 }))
            .Should().Throw<ArgumentException>().WithParameterName("options");
        foreach (var bad in new[] { -1, double.NaN, double.PositiveInfinity, 3600.5 })
        {
            FluentActions.Invoking(() => new CpSatWeekScheduler(new CpSatWeekSchedulerOptions { DeterministicTimeLimit = bad }))
                .Should().Throw<ArgumentException>().WithParameterName("options").Which.Message.Should().Contain("DeterministicTimeLimit");
        }

        new CpSatWeekScheduler(new CpSatWeekSchedulerOptions { DeterministicTimeLimit = null }).DeterministicTimeLimit.Should().BeNull();
        new CpSatWeekScheduler().DeterministicTimeLimit.Should().Be(10);
        FluentActions.Invoking(() => new CpSatWeekScheduler(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Constructor_OptionsChangedAfterwards_SchedulerKeepsItsCopy()
    {
        var options = new CpSatWeekSchedulerOptions { Workers = 2, RandomSeed = 5, TimeLimit = TimeSpan.FromSeconds(3), DeterministicTimeLimit = 2.5 };
        var scheduler = new CpSatWeekScheduler(options);

        options.Workers = 64;
        options.TimeLimit = TimeSpan.FromHours(1);
        options.DeterministicTimeLimit = null;

        (scheduler.Workers, scheduler.RandomSeed, scheduler.TimeLimit, scheduler.DeterministicTimeLimit).Should().Be((2, 5, TimeSpan.FromSeconds(3), (double?)2.5));
    }

    [Fact]
    public void Plan_NullRequest_ThrowsArgumentNull()
    {
        FluentActions.Invoking(() => new CpSatWeekScheduler().Plan(null!)).Should().Throw<ArgumentNullException>().WithParameterName("request");
    }

    [Fact]
    public void Plan_CancelledBefore_ThrowsWithoutSolving()
    {
        var request = GeneratedSchool.Create(1, 10, 2, days: 1, periods: 2);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        FluentActions.Invoking(() => new CpSatWeekScheduler().Plan(request, cancelled.Token)).Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void Plan_CancelledDuringSolve_StopsTheSolverAndThrows()
    {
        // A whole week of 600 learners does not solve in the 60 s limit, so only the token can end it early.
        var request = GeneratedSchool.Create(1, 600, 30, workshopRooms: 12, mentoringRooms: 5, commons: 3);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var scheduler = new CpSatWeekScheduler(new CpSatWeekSchedulerOptions { DecomposeByDay = false, TimeLimit = TimeSpan.FromSeconds(60), DeterministicTimeLimit = null });

        var started = DateTime.UtcNow;
        FluentActions.Invoking(() => scheduler.Plan(request, cancel.Token)).Should().Throw<OperationCanceledException>();
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(45), "the token stops the search long before the time limit");
    }

    private static WeekPlanRequest With(WeekPlanRequest request, IEnumerable<LearnerNeeds> learners) =>
        new(request.Framework, request.Week, request.Teachers, request.Rooms, learners, request.MinimumWorkshopSize, request.MaximumWorkshopSize);

    private static int StuckServed(WeekPlanRequest request, WeekPlan plan)
    {
        var stuck = request.Learners.Where(l => l.IsStuck).ToDictionary(l => l.Learner);
        return plan.Sessions.Sum(s => s.Learners.Count(l => stuck.TryGetValue(l, out var needs)
            && (s.Kind == SessionKind.OneToOne ? s.Teacher == needs.Mentor : s.Competency == needs.NextCompetency)));
    }

    private static int MentoringServed(WeekPlanRequest request, WeekPlan plan)
    {
        var others = request.Learners.Where(l => !l.IsStuck && l.Mentor is not null).ToDictionary(l => l.Learner);
        return plan.Sessions.Count(s => s.Kind == SessionKind.OneToOne && others.TryGetValue(s.Learners[0], out var needs) && s.Teacher == needs.Mentor);
    }

    private static void NeverOverCapacity(WeekPlanRequest request, WeekPlan plan)
    {
        var rooms = request.Rooms.ToDictionary(r => r.Id);
        foreach (var group in plan.Sessions.GroupBy(s => (s.Room, s.Slot)))
        {
            var capacity = rooms[group.Key.Room].Capacity;
            if (group.First().Kind == SessionKind.Workshop)
            {
                group.Should().ContainSingle();
                group.Single().Learners.Length.Should().BeInRange(request.MinimumWorkshopSize, Math.Min(request.MaximumWorkshopSize, capacity));
            }
            else
            {
                group.Count().Should().BeLessThanOrEqualTo(capacity);
            }
        }

        foreach (var group in plan.Independent.GroupBy(s => (s.Room, s.Slot)))
        {
            group.Count().Should().BeLessThanOrEqualTo(rooms[group.Key.Room].Capacity);
            plan.Sessions.Should().NotContain(s => s.Room == group.Key.Room && s.Slot == group.Key.Slot);
        }
    }

    private static void UnservedIffNotInPlan(WeekPlanRequest request, WeekPlan plan)
    {
        foreach (var learner in request.Learners)
        {
            var id = learner.Learner;
            var workshops = plan.Sessions.Count(s => s.Kind == SessionKind.Workshop && s.Learners.Contains(id));
            plan.Unserved.Count(u => u.Learner == id && u.Kind == NeedKind.Workshop).Should().Be(learner.WorkshopSessions - workshops);
            var mentored = plan.Sessions.Any(s => s.Kind == SessionKind.OneToOne && s.Learners.Contains(id));
            plan.Unserved.Any(u => u.Learner == id && u.Kind == NeedKind.Mentoring).Should().Be(learner.Mentor is not null && !mentored);
            foreach (var slot in learner.Slots)
            {
                var placed = plan.Sessions.Any(s => s.Slot == slot && s.Learners.Contains(id)) || plan.Independent.Contains(new IndependentSeat(id, slot, plan.Independent.FirstOrDefault(x => x.Learner == id && x.Slot == slot).Room));
                plan.Unserved.Any(u => u.Learner == id && u.Kind == NeedKind.IndependentTime && u.Slot == slot).Should().Be(!placed);
            }
        }
    }

    // The reasons re-derived from the request by brute force, independently of the core's code.
    private static bool ReasonHolds(WeekPlanRequest request, UnservedNeed need)
    {
        var learner = request.Learners.Single(l => l.Learner == need.Learner);
        bool Teaches(TeacherAvailability t, CompetencyId c) =>
            t.MaximumSessions != 0 && (t.Teaches.Contains(c) || request.Framework.GetParents(c).Any(t.Teaches.Contains));
        bool WorkshopRoom(TimeSlot s) => request.Rooms.Any(r => r.CanHost(SessionKind.Workshop) && r.Capacity >= request.MinimumWorkshopSize && r.Slots.Contains(s));
        switch (need.Kind)
        {
            case NeedKind.Workshop:
                var c = learner.NextCompetency!.Value;
                var withTeacher = learner.Slots.Where(s => request.Teachers.Any(t => Teaches(t, c) && t.Slots.Contains(s)) && WorkshopRoom(s)).ToArray();
                var withGroup = withTeacher.Where(s => request.Learners.Count(o => o.NextCompetency == c && o.WorkshopSessions > 0 && o.Slots.Contains(s)) >= request.MinimumWorkshopSize).ToArray();
                return need.Reason switch
                {
                    UnservedReason.NoQualifiedTeacher => !request.Teachers.Any(t => Teaches(t, c)),
                    UnservedReason.NoCommonSlot => withTeacher.Length < learner.WorkshopSessions,
                    UnservedReason.GroupTooSmall => withGroup.Length < learner.WorkshopSessions,
                    UnservedReason.CapacityExhausted => withGroup.Length > 0,
                    _ => false,
                };
            case NeedKind.Mentoring:
                var mentor = request.Teachers.Single(t => t.Id == learner.Mentor);
                var possible = mentor.MaximumSessions != 0 && learner.Slots.Any(s => mentor.Slots.Contains(s)
                    && request.Rooms.Any(r => r.CanHost(SessionKind.OneToOne) && r.Slots.Contains(s)));
                return need.Reason == (possible ? UnservedReason.CapacityExhausted : UnservedReason.MentorUnavailable);
            default:
                var hosted = request.Rooms.Any(r => r.CanHost(SessionKind.Independent) && r.Slots.Contains(need.Slot!.Value));
                return need.Reason == (hosted ? UnservedReason.CapacityExhausted : UnservedReason.NoIndependentRoom);
        }
    }

    [Fact]
    public void OptionsAndScheduler_PrintWhatTheyHold_CultureInvariant()
    {
        // Issue 21, section 2: both printed their type name.
        var options = new CpSatWeekSchedulerOptions { TimeLimit = TimeSpan.FromSeconds(90), DeterministicTimeLimit = 2.5, Workers = 4, RandomSeed = 7, DecomposeByDay = false };
        options.ToString().Should().Be("CpSatWeekSchedulerOptions { TimeLimit = 00:01:30, DeterministicTimeLimit = 2.5, Workers = 4, RandomSeed = 7, DecomposeByDay = false }");
        new CpSatWeekSchedulerOptions { DeterministicTimeLimit = null }.ToString().Should().Be("CpSatWeekSchedulerOptions { TimeLimit = 00:01:00, DeterministicTimeLimit = null, Workers = 1, RandomSeed = 0, DecomposeByDay = null }");
        new CpSatWeekScheduler(options).ToString().Should().Be("CpSatWeekScheduler { " + options + " }");
    }
}
