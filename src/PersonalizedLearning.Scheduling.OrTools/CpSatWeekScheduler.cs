using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Scheduling.OrTools;

/// <summary>
/// Plans a school week with Google OR-Tools' CP-SAT solver (https://developers.google.com/optimization/cp/cp_solver):
/// workshops of learners who share a next competency, each learner's weekly one-to-one with their mentor (Summit
/// Learning's mentoring model), and independent playlist time in every other slot, keeping every rule of
/// <see cref="WeekPlanRequest"/>.
/// </summary>
/// <remarks>
/// <para><b>Model.</b> Boolean variables exist only where a choice is possible: a learner in a workshop in a slot only
/// where the learner, a teacher who can teach their next competency and a workshop room are free and enough classmates
/// who need it could be; a teacher opening a workshop only on what they can teach in their free slots; a one-to-one
/// only where learner, mentor and a one-to-one room are free; a room's use only for the kinds it hosts in its free
/// slots. Workshops are counted per (competency, slot): as many teachers as rooms, between the minimum size times the
/// rooms and the sum of the rooms' seats (capped at the maximum size) of learners; the learners are then split among
/// those rooms and teachers in id order, which those bounds make always possible (no search after the solve).
/// Independent seats are counted per slot and handed out after the solve, stuck learners first, then by id.</para>
/// <para><b>Objective: tier by tier</b> (lexicographic optimisation). The tiers, highest first: the needs of stuck
/// learners (workshop sessions and mentoring), the other learners' mentoring, their workshop sessions, independent seats.
/// Each is maximized in its own solve: the tier's value is added as a constraint ("at least what was won"), the whole
/// plan found is given as the next solve's hint, and the next tier is maximized. A stage that ends early leaves its time
/// and work to the stages after it (shares 2 : 2 : 5 : 1 of what is left); a stage cut before it improves on the plan it
/// started from keeps that plan, so a limit never costs a higher tier for a lower one. <see cref="WeekPlan.ObjectiveValue"/>
/// and <see cref="WeekPlan.BestBound"/> put the tiers on one scale (each tier's weight exceeds the most all lower tiers
/// could add); the bound is exact up to the first stage not proven optimal.</para>
/// <para><b>Planning by day.</b> By default a week of more than 2,000 learner-slots
/// (<see cref="CpSatWeekSchedulerOptions.DecomposeByDay"/>) is planned one day at a time, each day given what the days before left, and each day tier by tier; a whole week of a
/// large school is a model CP-SAT does not solve in seconds (for 600 learners its presolve alone takes about 2 s per
/// stage). With one worker on a model of more than 2,000 learner-slots the search runs without CP-SAT's LP relaxation
/// (<c>linearization_level:0</c>), which on such models serves far more (measured on a 600-learner week at the same work
/// limit: 447 of 672 workshop sessions without it, 145 with it); smaller models keep it, and prove their optimum
/// quickly.</para>
/// <para><b>Unserved needs</b> come from <see cref="WeekPlanRequest.FindUnserved"/>: what the request alone rules out
/// gets its reason; the rest is <see cref="UnservedReason.CapacityExhausted"/>, or <see cref="UnservedReason.SolverStopped"/>
/// where a day's (or the week's) search stopped at its limit before it found any plan.</para>
/// <para><b>Determinism.</b> <see cref="CpSatWeekSchedulerOptions.DeterministicTimeLimit"/> (by default 10 of CP-SAT's
/// deterministic seconds) bounds the work of the search independently of the machine and its load; with one worker (the
/// default) and a fixed seed, a plan that ends on it, or before any limit, is the same on every run and machine. The
/// wall-clock <see cref="CpSatWeekSchedulerOptions.TimeLimit"/> (60 s by default) is a safety net: when it cuts the
/// search first, or with more workers, two runs may return different plans of which each is valid.</para>
/// <para>Thread-safe: it keeps only its options, and each call builds its own model and solver.</para>
/// </remarks>
public sealed class CpSatWeekScheduler : IWeekScheduler
{
    private const int LargeModel = 2_000;

    // The objective's tiers, highest first.
    private const int Stuck = 0;
    private const int Mentoring = 1;
    private const int Workshops = 2;
    private const int Seats = 3;
    private const int TierCount = 4;

    // How the time and work of a solve are shared among the stages (of what is left when a stage starts, so a stage that
    // ends early leaves its rest to the stages after it): workshops, which must form groups around teachers and rooms,
    // are the hardest search; the stuck learners' needs are few, mentoring is close to an assignment problem, and the
    // seats are counts.
    private static readonly int[] StageWeights = [2, 2, 5, 1];

    private readonly CpSatWeekSchedulerOptions _options;

    /// <summary>Creates a scheduler with the default options (see <see cref="CpSatWeekSchedulerOptions"/>).</summary>
    public CpSatWeekScheduler()
        : this(new CpSatWeekSchedulerOptions())
    {
    }

    /// <summary>Creates a scheduler.</summary>
    /// <param name="options">The options; validated now and copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range; the message lists every one.</exception>
    public CpSatWeekScheduler(CpSatWeekSchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.TimeLimit <= TimeSpan.Zero || options.TimeLimit > TimeSpan.FromHours(1))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"TimeLimit must be positive and at most 1 hour; got {options.TimeLimit}."));
        }

        if (options.DeterministicTimeLimit is { } work && !(work > 0 && work <= 3600))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"DeterministicTimeLimit must be null or in (0, 3600]; got {work}."));
        }

        if (options.Workers is < 1 or > 64)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Workers must be in [1, 64]; got {options.Workers}."));
        }

        if (options.RandomSeed < 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"RandomSeed must be at least 0; got {options.RandomSeed}."));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("The CP-SAT week scheduler options are not valid: " + string.Join(" ", problems), nameof(options));
        }

        _options = options.Clone();
    }

    /// <summary>The scheduler and the options in force.</summary>
    /// <returns>For example <c>CpSatWeekScheduler { CpSatWeekSchedulerOptions { … } }</c>.</returns>
    public override string ToString() => $"CpSatWeekScheduler {{ {_options} }}";

    /// <summary>The wall-clock time limit in force.</summary>
    /// <value>As validated at construction.</value>
    public TimeSpan TimeLimit => _options.TimeLimit;

    /// <summary>The deterministic work limit in force, in CP-SAT's deterministic seconds; null for none.</summary>
    /// <value>As validated at construction.</value>
    public double? DeterministicTimeLimit => _options.DeterministicTimeLimit;

    /// <summary>The number of CP-SAT workers in force.</summary>
    /// <value>As validated at construction.</value>
    public int Workers => _options.Workers;

    /// <summary>The random seed in force.</summary>
    /// <value>As validated at construction.</value>
    public int RandomSeed => _options.RandomSeed;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">CP-SAT reported the model invalid or infeasible, which would be a fault of
    /// this package (the empty plan is always feasible).</exception>
    public WeekPlan Plan(WeekPlanRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        var days = request.Week.GroupBy(s => s.Day).OrderBy(g => g.Min()).ToArray();
        var byDay = _options.DecomposeByDay ?? request.Learners.Sum(l => l.Slots.Length) > LargeModel;
        if (!byDay || days.Length == 1)
        {
            var whole = Solve(request, _options.TimeLimit, _options.DeterministicTimeLimit, cancellationToken);
            var none = whole.Status == WeekPlanStatus.NoSolution ? request.Week.ToHashSet() : [];
            return new WeekPlan(whole.Sessions, whole.Seats, Stopped(request, request.FindUnserved(whole.Sessions, whole.Seats), none), whole.Status, whole.Objective, whole.Bound, clock.Elapsed);
        }

        // By day, in the week's order: each day's model gets what the days before left of each need and each teacher's
        // weekly maximum, and an even share of the time and work that are left.
        var allSessions = new List<ScheduledSession>();
        var allSeats = new List<IndependentSeat>();
        var workshopsLeft = request.Learners.ToDictionary(l => l.Learner, l => l.WorkshopSessions);
        var mentored = new HashSet<LearnerId>();
        var led = new Dictionary<TeacherId, int>();
        double objectiveSum = 0, boundSum = 0, workUsed = 0;
        var anySolution = false;
        var stopped = new HashSet<TimeSlot>();
        for (var d = 0; d < days.Length; d++)
        {
            var daySlots = days[d].ToHashSet();
            var teachers = request.Teachers.Select(t => t with
            {
                Slots = [.. t.Slots.Where(daySlots.Contains)],
                MaximumSessions = t.MaximumSessions - led.GetValueOrDefault(t.Id),
            });
            var learners = request.Learners.Select(l =>
            {
                ImmutableArray<TimeSlot> slots = [.. l.Slots.Where(daySlots.Contains)];
                return l with
                {
                    Slots = slots,
                    Mentor = mentored.Contains(l.Learner) ? null : l.Mentor,
                    WorkshopSessions = Math.Min(workshopsLeft[l.Learner], slots.Length),
                };
            });
            var rooms = request.Rooms.Select(r => r with { Slots = [.. r.Slots.Where(daySlots.Contains)] });
            var day = new WeekPlanRequest(request.Framework, days[d], teachers, rooms, learners, request.MinimumWorkshopSize, request.MaximumWorkshopSize);
            var share = (_options.TimeLimit - clock.Elapsed) / (days.Length - d);
            double? workShare = _options.DeterministicTimeLimit is { } work ? (work - workUsed) / (days.Length - d) : null;
            var result = Solve(day, share, workShare, cancellationToken);
            workUsed += result.Work;
            anySolution |= result.Status != WeekPlanStatus.NoSolution;
            if (result.Status == WeekPlanStatus.NoSolution)
            {
                stopped.UnionWith(days[d]);
            }

            objectiveSum += result.Objective;
            boundSum += result.Bound;
            allSessions.AddRange(result.Sessions);
            allSeats.AddRange(result.Seats);
            foreach (var session in result.Sessions)
            {
                led[session.Teacher] = led.GetValueOrDefault(session.Teacher) + 1;
                foreach (var learner in session.Learners)
                {
                    if (session.Kind == SessionKind.OneToOne)
                    {
                        mentored.Add(learner);
                    }
                    else
                    {
                        workshopsLeft[learner]--;
                    }
                }
            }
        }

        allSessions.Sort((a, b) => a.Slot != b.Slot ? a.Slot.CompareTo(b.Slot) : a.Room != b.Room ? a.Room.CompareTo(b.Room) : a.Teacher.CompareTo(b.Teacher));
        allSeats.Sort((a, b) => a.Learner != b.Learner ? a.Learner.CompareTo(b.Learner) : a.Slot.CompareTo(b.Slot));
        ImmutableArray<ScheduledSession> planned = [.. allSessions];
        ImmutableArray<IndependentSeat> seated = [.. allSeats];
        return new WeekPlan(planned, seated, Stopped(request, request.FindUnserved(planned, seated), stopped), anySolution ? WeekPlanStatus.Feasible : WeekPlanStatus.NoSolution,
            objectiveSum, boundSum, clock.Elapsed);
    }

    // A need the request allows but a day whose search found nothing could have served: the solver stopped, not capacity.
    private static ImmutableArray<UnservedNeed> Stopped(WeekPlanRequest request, ImmutableArray<UnservedNeed> unserved, HashSet<TimeSlot> stopped)
    {
        if (stopped.Count == 0)
        {
            return unserved;
        }

        var slots = request.Learners.ToDictionary(l => l.Learner, l => l.Slots);
        return [.. unserved.Select(n => n.Reason == UnservedReason.CapacityExhausted
            && (n.Slot is { } slot ? stopped.Contains(slot) : slots[n.Learner].Any(stopped.Contains))
            ? n with
            {
                Reason = UnservedReason.SolverStopped,
                Explanation = $"Learner '{n.Learner}' was not planned for this {Describe(n.Kind)}: CP-SAT stopped at its time or work limit before it found a plan for the slots it could use. A longer limit may serve it.",
            }
            : n)];
    }

    private static string Describe(NeedKind kind) => kind switch
    {
        NeedKind.Workshop => "workshop",
        NeedKind.Mentoring => "one-to-one",
        _ => "independent time",
    };

    /// <summary>Solves one request tier by tier (lexicographic optimisation): maximise the stuck learners' needs; keep
    /// what was won as a constraint, start from that plan (a full hint) and maximise mentoring; then workshops; then
    /// independent seats. Each stage gets an even share of the time and work left (a stage that ends early leaves the
    /// rest to the next), and keeps the previous stage's plan when it finds nothing better, so a stage cut by a limit
    /// never loses what the stages before won.</summary>
    private Solution Solve(WeekPlanRequest request, TimeSpan timeLimit, double? workLimit, CancellationToken cancellationToken)
    {
        // One worker on a large model runs without the LP relaxation (linearization_level 0): a 600-learner week, by day
        // and tier by tier to a work limit of 10, served 488 of 494 mentoring and 447 of 672 workshop sessions without it,
        // 483 and 145 with it (the LP-guided search spends its work on bounds). Small models keep the LP, which proves
        // their optimum quickly where the search without it runs to the limit. Large: more than LargeModel learner-slots.
        var clock = Stopwatch.StartNew();
        var large = request.Learners.Sum(l => l.Slots.Length) > LargeModel;
        var model = new WeekModel(request);
        var values = new long[model.Variables.Count]; // the empty plan, always feasible
        var stages = Enumerable.Range(0, TierCount).Where(k => model.Tiers[k].Count > 0).ToArray();
        var achieved = new long[TierCount];
        var bounds = new long[TierCount];
        var proven = new bool[TierCount];
        var anySolution = stages.Length == 0; // nothing to serve: the empty plan is the only one
        double workUsed = 0;
        for (var i = 0; i < stages.Length; i++)
        {
            var k = stages[i];
            var tier = model.Tiers[k];
            var expression = LinearExpr.WeightedSum(tier.Select(t => t.Var), tier.Select(t => t.Coefficient));
            model.Model.Maximize(expression);
            model.Model.ClearHints();
            for (var v = 0; v < values.Length; v++)
            {
                model.Model.AddHint(model.Variables[v], values[v]);
            }

            // The stage's share of what is left: its weight over the weights of the stages left.
            var share = (double)StageWeights[k] / stages.Skip(i).Sum(j => StageWeights[j]);
            var wall = (timeLimit - clock.Elapsed) * share;
            var parameters = string.Create(CultureInfo.InvariantCulture,
                $"max_time_in_seconds:{Math.Max(0.01, wall.TotalSeconds):R} num_workers:{_options.Workers} random_seed:{_options.RandomSeed}");
            if (workLimit is { } work)
            {
                parameters += string.Create(CultureInfo.InvariantCulture, $" max_deterministic_time:{Math.Max(0.001, (work - workUsed) * share):R}");
            }

            if (_options.Workers == 1 && large)
            {
                parameters += " linearization_level:0";
            }

            using var solver = new CpSolver { StringParameters = parameters };
            CpSolverStatus status;
            using (cancellationToken.Register(solver.StopSearch))
            {
                status = solver.Solve(model.Model);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var response = solver.Response ?? throw new InvalidOperationException("CP-SAT returned no response.");
            workUsed += response.DeterministicTime;
            var before = model.TierValue(k, values);
            switch (status)
            {
                case CpSolverStatus.Optimal or CpSolverStatus.Feasible:
                    var found = response.Solution.ToArray();
                    if (model.TierValue(k, found) >= before)
                    {
                        values = found;
                    }

                    anySolution = true;
                    proven[k] = status == CpSolverStatus.Optimal;
                    bounds[k] = Math.Max(model.TierValue(k, values), (long)Math.Floor(solver.BestObjectiveBound + 1e-6));
                    break;
                case CpSolverStatus.Unknown:
                    bounds[k] = model.TierMaximum(k); // the stage was cut before it had anything: keep the plan before
                    break;
                default:
                    throw new InvalidOperationException($"CP-SAT returned {status} for the week model; the plan before is always feasible, so this is a fault of the scheduler.");
            }

            achieved[k] = model.TierValue(k, values);
            if (i < stages.Length - 1 && achieved[k] > 0)
            {
                model.Model.Add(expression >= achieved[k]);
            }
        }

        // One scale for the plan's objective and bound: the tiers' values by their weights. The bound is exact up to the
        // first stage not proven optimal; below it, everything lower tiers could add.
        double objective = 0, bound = 0;
        var open = false;
        foreach (var k in stages)
        {
            objective += (double)model.Weights[k] * achieved[k];
            if (!open)
            {
                bound += (double)model.Weights[k] * (proven[k] ? achieved[k] : bounds[k]);
                if (!proven[k])
                {
                    open = true;
                    bound += model.Weights[k] - 1;
                }
            }
        }

        var planStatus = !anySolution ? WeekPlanStatus.NoSolution : stages.All(k => proven[k]) ? WeekPlanStatus.Optimal : WeekPlanStatus.Feasible;
        var (sessions, seats) = model.Read(values);
        return new Solution(sessions, seats, planStatus, objective, Math.Max(bound, objective), workUsed);
    }

    private sealed record Solution(ImmutableArray<ScheduledSession> Sessions, ImmutableArray<IndependentSeat> Seats, WeekPlanStatus Status,
        double Objective, double Bound, double Work);
    /// <summary>The CP-SAT model of one request, and how to read a solution back.</summary>
    private sealed class WeekModel
    {
        private readonly WeekPlanRequest _request;
        private readonly TimeSlot[] _slots;
        private readonly Dictionary<TimeSlot, int> _slotIndex = [];
        private readonly bool[,] _learnerFree;
        private readonly bool[,] _teacherFree;

        // Rooms of one class (same capacity, same kinds hosted) free in the same slot are interchangeable: the model
        // counts how many of a class each use takes, and the reading hands out the rooms themselves in id order.
        private readonly (int Capacity, ImmutableArray<SessionKind> Hosts)[] _classes;
        private readonly List<int>[,] _members;
        private readonly Dictionary<(int Learner, int Slot), BoolVar> _workshop = [];
        private readonly Dictionary<(int Learner, int Slot), BoolVar> _mentoring = [];
        private readonly Dictionary<(CompetencyId Competency, int Slot), List<(int Teacher, BoolVar Open)>> _teachersOf = [];
        private readonly Dictionary<(CompetencyId Competency, int Slot), List<(int Class, IntVar Rooms)>> _roomsOf = [];
        private readonly Dictionary<(int Class, int Slot), IntVar> _oneToOneRooms = [];

        public WeekModel(WeekPlanRequest request)
        {
            _request = request;
            _slots = [.. request.Week.Order()];
            for (var s = 0; s < _slots.Length; s++)
            {
                _slotIndex[_slots[s]] = s;
            }

            var learners = request.Learners;
            var teachers = request.Teachers;
            var rooms = request.Rooms;
            _learnerFree = Free(learners.Select(l => l.Slots));
            _teacherFree = Free(teachers.Select(t => t.Slots));
            var roomFree = Free(rooms.Select(r => r.Slots));
            var min = request.MinimumWorkshopSize;
            var max = request.MaximumWorkshopSize;
            var slotCount = _slots.Length;

            var classOf = rooms.Select(r => (r.Capacity, Hosts: r.Hosts.Distinct().Order().ToImmutableArray())).ToArray();
            _classes = [.. classOf.Distinct(ClassComparer.Default).OrderBy(c => c.Capacity).ThenBy(c => string.Join(",", c.Hosts))];
            _members = new List<int>[_classes.Length, slotCount];
            for (var q = 0; q < _classes.Length; q++)
            {
                for (var s = 0; s < slotCount; s++)
                {
                    _members[q, s] = [];
                }
            }

            foreach (var r in Enumerable.Range(0, rooms.Length).OrderBy(r => rooms[r].Id))
            {
                var q = Array.FindIndex(_classes, c => ClassComparer.Default.Equals(c, classOf[r]));
                for (var s = 0; s < slotCount; s++)
                {
                    if (roomFree[r, s])
                    {
                        _members[q, s].Add(r);
                    }
                }
            }

            bool Hosts(int q, SessionKind kind) => _classes[q].Hosts.Contains(kind);
            var workshopClasses = Enumerable.Range(0, _classes.Length).Where(q => Hosts(q, SessionKind.Workshop) && _classes[q].Capacity >= min).ToArray();

            // Tier sizes, for the weights that put the tiers' values on one scale (ObjectiveValue, BestBound).
            long seatsBound = 0, workshopUnits = 0, mentoringUnits = 0;
            foreach (var l in learners)
            {
                seatsBound += l.Slots.Length;
                if (!l.IsStuck)
                {
                    workshopUnits += l.WorkshopSessions;
                    mentoringUnits += l.Mentor is null ? 0 : 1;
                }
            }

            Weights[Seats] = 1;
            Weights[Workshops] = checked(Weights[Seats] * (seatsBound + 1));
            Weights[Mentoring] = checked(Weights[Workshops] * (workshopUnits + 1));
            Weights[Stuck] = checked(Weights[Mentoring] * (mentoringUnits + 1));
            for (var k = 0; k < TierCount; k++)
            {
                Tiers[k] = [];
            }

            var roomUses = new Dictionary<(int Class, int Slot), LinearExprBuilder>();
            LinearExprBuilder UsesOf(int q, int s) => roomUses.TryGetValue((q, s), out var b) ? b : roomUses[(q, s)] = LinearExpr.NewBuilder();

            // Workshops: per (competency, slot), the teachers who could open one, the rooms that could hold one, the
            // learners who could join; only where each of the three is possible.
            var byCompetency = Enumerable.Range(0, learners.Length)
                .Where(l => learners[l].WorkshopSessions > 0)
                .GroupBy(l => learners[l].NextCompetency!.Value)
                .OrderBy(g => g.Key);
            var teacherLoad = new List<(int Teacher, int Slot, BoolVar Session)>();
            foreach (var group in byCompetency)
            {
                var competency = group.Key;
                var qualified = Enumerable.Range(0, teachers.Length)
                    .Where(t => teachers[t].MaximumSessions != 0 && request.CanTeach(teachers[t].Id, competency)).ToArray();
                for (var s = 0; s < slotCount; s++)
                {
                    var free = group.Where(l => _learnerFree[l, s]).ToArray();
                    var openers = qualified.Where(t => _teacherFree[t, s]).ToArray();
                    var holders = workshopClasses.Where(q => _members[q, s].Count > 0).ToArray();
                    if (free.Length < min || openers.Length == 0 || holders.Length == 0)
                    {
                        continue;
                    }

                    var open = openers.Select(t => (t, Bool($"open_{competency}_{s}_{t}"))).ToList();
                    var most = Math.Min(openers.Length, free.Length / min);
                    var hosts = holders.Select(q => (q, Int(0, Math.Min(most, _members[q, s].Count), $"rooms_{competency}_{s}_{q}"))).ToList();
                    _teachersOf[(competency, s)] = open;
                    _roomsOf[(competency, s)] = hosts;
                    teacherLoad.AddRange(open.Select(o => (o.t, s, o.Item2)));
                    var joined = LinearExpr.NewBuilder();
                    foreach (var l in free)
                    {
                        var x = Bool($"workshop_{l}_{s}");
                        _workshop[(l, s)] = x;
                        joined.Add(x);
                        Tiers[learners[l].IsStuck ? Stuck : Workshops].Add((x, 1));
                    }

                    var roomCount = LinearExpr.NewBuilder();
                    var seats = LinearExpr.NewBuilder();
                    foreach (var (q, n) in hosts)
                    {
                        roomCount.Add(n);
                        seats.AddTerm(n, Math.Min(max, _classes[q].Capacity));
                        UsesOf(q, s).Add(n);
                    }

                    Model.Add(LinearExpr.Sum(open.Select(o => o.Item2)) == roomCount);
                    Model.Add(joined >= LinearExpr.Term(roomCount, min));
                    Model.Add(joined <= seats);
                }
            }

            for (var l = 0; l < learners.Length; l++)
            {
                var mine = Enumerable.Range(0, slotCount).Where(s => _workshop.ContainsKey((l, s))).Select(s => _workshop[(l, s)]).ToArray();
                if (mine.Length > learners[l].WorkshopSessions)
                {
                    Model.Add(LinearExpr.Sum(mine) <= learners[l].WorkshopSessions);
                }
            }

            // One-to-ones with the learner's own mentor, at the stations of rooms that host them.
            var stations = new LinearExprBuilder?[slotCount];
            for (var s = 0; s < slotCount; s++)
            {
                for (var q = 0; q < _classes.Length; q++)
                {
                    if (Hosts(q, SessionKind.OneToOne) && _members[q, s].Count > 0)
                    {
                        var n = Int(0, _members[q, s].Count, $"one_{q}_{s}");
                        _oneToOneRooms[(q, s)] = n;
                        UsesOf(q, s).Add(n);
                        (stations[s] ??= LinearExpr.NewBuilder()).AddTerm(n, _classes[q].Capacity);
                    }
                }
            }

            var teacherIndex = Enumerable.Range(0, teachers.Length).ToDictionary(t => teachers[t].Id);
            var meetings = new List<BoolVar>[slotCount];
            for (var l = 0; l < learners.Length; l++)
            {
                if (learners[l].Mentor is not { } mentorId || teachers[teacherIndex[mentorId]].MaximumSessions == 0)
                {
                    continue;
                }

                var mentor = teacherIndex[mentorId];
                var options = new List<BoolVar>();
                for (var s = 0; s < slotCount; s++)
                {
                    if (_learnerFree[l, s] && _teacherFree[mentor, s] && stations[s] is not null)
                    {
                        var m = Bool($"mentor_{l}_{s}");
                        _mentoring[(l, s)] = m;
                        options.Add(m);
                        (meetings[s] ??= []).Add(m);
                        teacherLoad.Add((mentor, s, m));
                        Tiers[learners[l].IsStuck ? Stuck : Mentoring].Add((m, 1));
                    }
                }

                if (options.Count > 1)
                {
                    Model.AddAtMostOne(options);
                }
            }

            // A teacher leads one session per slot and at most their weekly maximum.
            foreach (var byTeacher in teacherLoad.GroupBy(x => x.Teacher))
            {
                foreach (var bySlot in byTeacher.GroupBy(x => x.Slot).Where(g => g.Count() > 1))
                {
                    Model.AddAtMostOne(bySlot.Select(x => x.Session));
                }

                if (teachers[byTeacher.Key].MaximumSessions is { } most && byTeacher.Count() > most)
                {
                    Model.Add(LinearExpr.Sum(byTeacher.Select(x => x.Session)) <= most);
                }
            }

            for (var s = 0; s < slotCount; s++)
            {
                if (meetings[s] is { } held)
                {
                    Model.Add(LinearExpr.Sum(held) <= stations[s]!);
                }

                // Independent seats: rooms of the classes that host it, as many as the other uses leave.
                var independentSeats = LinearExpr.NewBuilder();
                var anyIndependent = false;
                for (var q = 0; q < _classes.Length; q++)
                {
                    if (Hosts(q, SessionKind.Independent) && _members[q, s].Count > 0)
                    {
                        var n = Int(0, _members[q, s].Count, $"independent_{q}_{s}");
                        UsesOf(q, s).Add(n);
                        independentSeats.AddTerm(n, _classes[q].Capacity);
                        anyIndependent = true;
                    }
                }

                // A learner is in one session per slot; the rest of the free learners want a seat.
                var inSessions = LinearExpr.NewBuilder();
                var free = 0;
                for (var l = 0; l < learners.Length; l++)
                {
                    if (!_learnerFree[l, s])
                    {
                        continue;
                    }

                    free++;
                    var hasWorkshop = _workshop.TryGetValue((l, s), out var x);
                    var hasMentoring = _mentoring.TryGetValue((l, s), out var m);
                    if (hasWorkshop && hasMentoring)
                    {
                        Model.AddAtMostOne([x!, m!]);
                    }

                    if (hasWorkshop)
                    {
                        inSessions.Add(x!);
                    }

                    if (hasMentoring)
                    {
                        inSessions.Add(m!);
                    }
                }

                if (anyIndependent && free > 0)
                {
                    var seated = Int(0, free, $"seats_{s}");
                    Model.Add(seated <= independentSeats);
                    Model.Add(seated + inSessions <= free);
                    Tiers[Seats].Add((seated, 1));
                }
            }

            foreach (var ((q, s), uses) in roomUses)
            {
                Model.Add(uses <= _members[q, s].Count);
            }
        }

        public CpModel Model { get; } = new();

        /// <summary>Every variable, by index (the empty plan is all zeros, and always feasible).</summary>
        public List<IntVar> Variables { get; } = [];

        /// <summary>The objective's tiers, highest first: each a sum of (variable, coefficient).</summary>
        public List<(IntVar Var, long Coefficient)>[] Tiers { get; } = new List<(IntVar, long)>[TierCount];

        /// <summary>Each tier's weight on the one scale of <see cref="WeekPlan.ObjectiveValue"/>: more than all lower
        /// tiers could add.</summary>
        public long[] Weights { get; } = new long[TierCount];

        /// <summary>A tier's value in an assignment.</summary>
        public long TierValue(int tier, long[] values) => Tiers[tier].Sum(t => t.Coefficient * values[t.Var.Index]);

        /// <summary>The most a tier could be, from its variables' domains.</summary>
        public long TierMaximum(int tier) => Tiers[tier].Sum(t => t.Coefficient * t.Var.Domain.FlattenedIntervals()[^1]);

        private BoolVar Bool(string name)
        {
            var v = Model.NewBoolVar(name);
            Variables.Add(v);
            return v;
        }

        private IntVar Int(long lower, long upper, string name)
        {
            var v = Model.NewIntVar(lower, upper, name);
            Variables.Add(v);
            return v;
        }

        public (ImmutableArray<ScheduledSession> Sessions, ImmutableArray<IndependentSeat> Seats) Read(long[] values)
        {
            long Value(IntVar v) => values[v.Index];
            bool BooleanValue(IntVar v) => values[v.Index] != 0;
            var request = _request;
            var learners = request.Learners;
            var teachers = request.Teachers;
            var rooms = request.Rooms;
            var sessions = new List<ScheduledSession>();
            var busyLearners = new HashSet<(int Learner, int Slot)>();
            var busyRooms = new HashSet<(int Room, int Slot)>();
            var next = new int[_classes.Length, _slots.Length]; // the next unused member of a class in a slot
            foreach (var ((competency, s), open) in _teachersOf.OrderBy(k => k.Key.Slot).ThenBy(k => k.Key.Competency))
            {
                var openers = open.Where(o => BooleanValue(o.Open)).Select(o => o.Teacher).OrderBy(t => teachers[t].Id).ToArray();
                if (openers.Length == 0)
                {
                    continue;
                }

                var hosts = new List<int>();
                foreach (var (q, n) in _roomsOf[(competency, s)])
                {
                    for (var i = 0; i < Value(n); i++)
                    {
                        hosts.Add(_members[q, s][next[q, s]++]);
                    }
                }

                var joined = Enumerable.Range(0, learners.Length)
                    .Where(l => _workshop.TryGetValue((l, s), out var x) && learners[l].NextCompetency == competency && BooleanValue(x))
                    .OrderBy(l => learners[l].Learner).ToArray();

                // min · rooms ≤ learners ≤ Σ seats: give each room the minimum, then fill in order up to its seats.
                var sizes = hosts.Select(_ => request.MinimumWorkshopSize).ToArray();
                var left = joined.Length - sizes.Sum();
                for (var i = 0; i < hosts.Count && left > 0; i++)
                {
                    var more = Math.Min(left, Math.Min(request.MaximumWorkshopSize, rooms[hosts[i]].Capacity) - sizes[i]);
                    sizes[i] += more;
                    left -= more;
                }

                var start = 0;
                for (var i = 0; i < hosts.Count; i++)
                {
                    var members = joined.Skip(start).Take(sizes[i]).ToArray();
                    start += sizes[i];
                    sessions.Add(new ScheduledSession(_slots[s], rooms[hosts[i]].Id, teachers[openers[i]].Id, SessionKind.Workshop, competency,
                        [.. members.Select(l => learners[l].Learner)]));
                    busyRooms.Add((hosts[i], s));
                    foreach (var l in members)
                    {
                        busyLearners.Add((l, s));
                    }
                }
            }

            for (var s = 0; s < _slots.Length; s++)
            {
                var meeting = Enumerable.Range(0, learners.Length)
                    .Where(l => _mentoring.TryGetValue((l, s), out var m) && BooleanValue(m))
                    .OrderBy(l => learners[l].Learner).ToArray();
                var stations = new List<int>();
                for (var q = 0; q < _classes.Length; q++)
                {
                    if (_oneToOneRooms.TryGetValue((q, s), out var n))
                    {
                        for (var i = 0; i < Value(n); i++)
                        {
                            stations.AddRange(Enumerable.Repeat(_members[q, s][next[q, s]++], _classes[q].Capacity));
                        }
                    }
                }

                for (var i = 0; i < meeting.Length; i++)
                {
                    var l = meeting[i];
                    sessions.Add(new ScheduledSession(_slots[s], rooms[stations[i]].Id, learners[l].Mentor!.Value, SessionKind.OneToOne, null, [learners[l].Learner]));
                    busyRooms.Add((stations[i], s));
                    busyLearners.Add((l, s));
                }
            }

            sessions.Sort((a, b) => a.Slot != b.Slot ? a.Slot.CompareTo(b.Slot) : a.Room != b.Room ? a.Room.CompareTo(b.Room) : a.Teacher.CompareTo(b.Teacher));
            return ([.. sessions], Seat(busyLearners, busyRooms));
        }

        // Seats every learner not in a session in the free rooms that host independent time and hold no session, as
        // far as seats go: stuck learners first, then by id.
        private ImmutableArray<IndependentSeat> Seat(HashSet<(int Learner, int Slot)> busyLearners, HashSet<(int Room, int Slot)> busyRooms)
        {
            var learners = _request.Learners;
            var rooms = _request.Rooms;
            var order = Enumerable.Range(0, learners.Length).OrderBy(l => learners[l].IsStuck ? 0 : 1).ThenBy(l => learners[l].Learner).ToArray();
            var seats = new List<IndependentSeat>();
            for (var s = 0; s < _slots.Length; s++)
            {
                var chairs = new Queue<int>();
                for (var q = 0; q < _classes.Length; q++)
                {
                    if (_classes[q].Hosts.Contains(SessionKind.Independent))
                    {
                        foreach (var r in _members[q, s].Where(r => !busyRooms.Contains((r, s))))
                        {
                            for (var i = 0; i < rooms[r].Capacity; i++)
                            {
                                chairs.Enqueue(r);
                            }
                        }
                    }
                }

                foreach (var l in order)
                {
                    if (chairs.Count > 0 && _learnerFree[l, s] && !busyLearners.Contains((l, s)))
                    {
                        seats.Add(new IndependentSeat(learners[l].Learner, _slots[s], rooms[chairs.Dequeue()].Id));
                    }
                }
            }

            seats.Sort((a, b) => a.Learner != b.Learner ? a.Learner.CompareTo(b.Learner) : a.Slot.CompareTo(b.Slot));
            return [.. seats];
        }

        private bool[,] Free(IEnumerable<ImmutableArray<TimeSlot>> slotsOf)
        {
            var all = slotsOf.ToArray();
            var free = new bool[all.Length, _slots.Length];
            for (var i = 0; i < all.Length; i++)
            {
                foreach (var slot in all[i])
                {
                    free[i, _slotIndex[slot]] = true;
                }
            }

            return free;
        }
    }

    private sealed class ClassComparer : IEqualityComparer<(int Capacity, ImmutableArray<SessionKind> Hosts)>
    {
        public static readonly ClassComparer Default = new();

        public bool Equals((int Capacity, ImmutableArray<SessionKind> Hosts) x, (int Capacity, ImmutableArray<SessionKind> Hosts) y) =>
            x.Capacity == y.Capacity && x.Hosts.SequenceEqual(y.Hosts);

        public int GetHashCode((int Capacity, ImmutableArray<SessionKind> Hosts) obj) => HashCode.Combine(obj.Capacity, obj.Hosts.Length, obj.Hosts.IsEmpty ? default : obj.Hosts[0]);
    }
}
