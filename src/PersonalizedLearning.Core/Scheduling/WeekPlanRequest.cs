using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Scheduling;

/// <summary>
/// Everything a week plan is made from: the week's slots, the teachers, the rooms and stations, and each learner's needs
/// (workshops on their next competency, a weekly one-to-one with their mentor, independent playlist time in every other
/// slot), with the workshop size limits. Validated as a whole on construction.
/// </summary>
/// <remarks>
/// <para>The rules a plan keeps (<see cref="WeekPlanChecker"/> checks them): a teacher, a learner and a room are used only
/// in their free slots; a teacher leads at most one session per slot and at most their maximum in the week, and teaches a
/// workshop only on what they can teach (<see cref="CanTeach"/>); a room has one use per slot, of a kind it hosts: one
/// workshop, or up to its capacity of one-to-ones, or up to its capacity of independent seats; a workshop has between
/// <see cref="MinimumWorkshopSize"/> and <see cref="MaximumWorkshopSize"/> learners (and no more than its room seats),
/// all needing its competency next; a one-to-one is one learner with their own mentor; a learner is in one place per slot,
/// gets at most their number of workshops and one mentoring session.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class WeekPlanRequest
{
    private readonly Dictionary<TeacherId, int> _teacherIndex = [];
    private readonly Dictionary<RoomId, int> _roomIndex = [];
    private readonly Dictionary<LearnerId, int> _learnerIndex = [];
    private readonly bool[][] _canTeach;

    /// <summary>Creates and validates a request.</summary>
    /// <param name="framework">The competency framework that learners' next competencies and teachers' subjects are in.</param>
    /// <param name="week">The week's slots: at least one, none empty, no two overlapping.</param>
    /// <param name="teachers">The teachers; ids unique.</param>
    /// <param name="rooms">The rooms and stations; ids unique.</param>
    /// <param name="learners">The learners' needs; ids unique.</param>
    /// <param name="minimumWorkshopSize">The fewest learners in a workshop; at least 1. Default 2.</param>
    /// <param name="maximumWorkshopSize">The most learners in a workshop (a room may seat fewer); at least
    /// <paramref name="minimumWorkshopSize"/>. Default 6.</param>
    /// <exception cref="ArgumentNullException">An argument or an item is null.</exception>
    /// <exception cref="DefinitionValidationException">The request breaks one or more rules: every problem is listed
    /// (empty or duplicate ids, slots outside the week or overlapping, unknown competencies or mentors, out-of-range
    /// numbers).</exception>
    public WeekPlanRequest(
        CompetencyFramework framework,
        IEnumerable<TimeSlot> week,
        IEnumerable<TeacherAvailability> teachers,
        IEnumerable<RoomAvailability> rooms,
        IEnumerable<LearnerNeeds> learners,
        int minimumWorkshopSize = 2,
        int maximumWorkshopSize = 6)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(week);
        ArgumentNullException.ThrowIfNull(teachers);
        ArgumentNullException.ThrowIfNull(rooms);
        ArgumentNullException.ThrowIfNull(learners);
        Framework = framework;
        Week = [.. week];
        Teachers = [.. teachers];
        Rooms = [.. rooms];
        Learners = [.. learners];
        foreach (var t in Teachers)
        {
            ArgumentNullException.ThrowIfNull(t, nameof(teachers));
        }

        foreach (var r in Rooms)
        {
            ArgumentNullException.ThrowIfNull(r, nameof(rooms));
        }

        foreach (var l in Learners)
        {
            ArgumentNullException.ThrowIfNull(l, nameof(learners));
        }

        MinimumWorkshopSize = minimumWorkshopSize;
        MaximumWorkshopSize = maximumWorkshopSize;
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new DefinitionValidationException("week plan request", [.. problems]);
        }

        _canTeach = [.. Teachers.Select(Qualifications)];
    }

    /// <summary>The competency framework.</summary>
    public CompetencyFramework Framework { get; }

    /// <summary>The week's slots, as given.</summary>
    public ImmutableArray<TimeSlot> Week { get; }

    /// <summary>The teachers, as given.</summary>
    public ImmutableArray<TeacherAvailability> Teachers { get; }

    /// <summary>The rooms and stations, as given.</summary>
    public ImmutableArray<RoomAvailability> Rooms { get; }

    /// <summary>The learners' needs, as given.</summary>
    public ImmutableArray<LearnerNeeds> Learners { get; }

    /// <summary>The fewest learners in a workshop.</summary>
    /// <value>At least 1; 2 unless given.</value>
    public int MinimumWorkshopSize { get; }

    /// <summary>The most learners in a workshop (a room may seat fewer).</summary>
    /// <value>At least <see cref="MinimumWorkshopSize"/>; 6 unless given.</value>
    public int MaximumWorkshopSize { get; }

    /// <summary>The request in brief, as culture-invariant text: the framework, and how many slots, teachers, rooms and
    /// learners it holds.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"WeekPlanRequest {{ Framework = {Framework.Title}, Week = {Week.Length} slots, Teachers = {Teachers.Length}, Rooms = {Rooms.Length}, Learners = {Learners.Length}, WorkshopSize = [{MinimumWorkshopSize}, {MaximumWorkshopSize}] }}");

    /// <summary>Finds a teacher.</summary>
    /// <param name="id">The teacher's id.</param>
    /// <param name="teacher">The teacher when found.</param>
    /// <returns>True when the request has the teacher.</returns>
    public bool TryGetTeacher(TeacherId id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TeacherAvailability? teacher)
    {
        teacher = _teacherIndex.TryGetValue(id, out var i) ? Teachers[i] : null;
        return teacher is not null;
    }

    /// <summary>Finds a room.</summary>
    /// <param name="id">The room's id.</param>
    /// <param name="room">The room when found.</param>
    /// <returns>True when the request has the room.</returns>
    public bool TryGetRoom(RoomId id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RoomAvailability? room)
    {
        room = _roomIndex.TryGetValue(id, out var i) ? Rooms[i] : null;
        return room is not null;
    }

    /// <summary>Finds a learner's needs.</summary>
    /// <param name="id">The learner's id.</param>
    /// <param name="learner">The needs when found.</param>
    /// <returns>True when the request has the learner.</returns>
    public bool TryGetLearner(LearnerId id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LearnerNeeds? learner)
    {
        learner = _learnerIndex.TryGetValue(id, out var i) ? Learners[i] : null;
        return learner is not null;
    }

    /// <summary>Whether a teacher can teach a competency: it, or one of its ancestors in the framework's hierarchy, is among
    /// what they teach. Says nothing of whether they are free.</summary>
    /// <param name="teacher">The teacher.</param>
    /// <param name="competency">The competency.</param>
    /// <returns>True when they can teach it.</returns>
    /// <exception cref="ArgumentException">The teacher is not in the request, or the competency not in the framework.</exception>
    public bool CanTeach(TeacherId teacher, CompetencyId competency)
    {
        if (!_teacherIndex.TryGetValue(teacher, out var t))
        {
            throw new ArgumentException($"Teacher '{teacher}' is not in the request.", nameof(teacher));
        }

        if (!Framework.Contains(competency))
        {
            throw new UnknownCompetencyException(competency, $"Competency '{competency}' is not in framework '{Framework.Title}'.", nameof(competency));
        }

        return _canTeach[t][Framework.IndexOf(competency)];
    }

    /// <summary>
    /// The needs that sessions and seats leave unserved, each with its reason: for each learner, the workshops on their
    /// next competency short of their number, the mentoring when no one-to-one with their mentor holds them, and each
    /// slot of theirs in no session and no seat. A reason other than <see cref="UnservedReason.CapacityExhausted"/> is
    /// what the request alone rules out (see <see cref="UnservedReason"/>).
    /// </summary>
    /// <param name="sessions">The plan's sessions; those that name a learner not in the request are ignored.</param>
    /// <param name="seats">The plan's independent seats.</param>
    /// <returns>The unserved needs by learner id, then kind (workshop, mentoring, independent time), then slot. A
    /// learner missing k workshops has k entries: as many as the request rules out first, then capacity.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sessions"/>, <paramref name="seats"/> or a session is null.</exception>
    public ImmutableArray<UnservedNeed> FindUnserved(IEnumerable<ScheduledSession> sessions, IEnumerable<IndependentSeat> seats)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(seats);
        var workshops = new int[Learners.Length];
        var mentored = new bool[Learners.Length];
        var busy = new HashSet<(int Learner, TimeSlot Slot)>();
        foreach (var session in sessions)
        {
            ArgumentNullException.ThrowIfNull(session, nameof(sessions));
            foreach (var id in session.Learners)
            {
                if (!_learnerIndex.TryGetValue(id, out var l))
                {
                    continue;
                }

                busy.Add((l, session.Slot));
                var needs = Learners[l];
                if (session.Kind == SessionKind.Workshop && session.Competency is { } c && c == needs.NextCompetency)
                {
                    workshops[l]++;
                }
                else if (session.Kind == SessionKind.OneToOne && needs.Mentor is { } mentor && mentor == session.Teacher)
                {
                    mentored[l] = true;
                }
            }
        }

        foreach (var seat in seats)
        {
            if (_learnerIndex.TryGetValue(seat.Learner, out var l))
            {
                busy.Add((l, seat.Slot));
            }
        }

        var unserved = new List<UnservedNeed>();
        var facts = new UnservedIndex(this);
        var order = Enumerable.Range(0, Learners.Length).OrderBy(l => Learners[l].Learner).ToArray();
        foreach (var l in order)
        {
            var needs = Learners[l];
            var missing = needs.WorkshopSessions - workshops[l];
            if (missing > 0)
            {
                AddWorkshopNeeds(needs, missing, unserved, facts);
            }

            if (needs.Mentor is { } mentor && !mentored[l])
            {
                var obstacle = MentoringObstacle(needs, mentor, facts);
                unserved.Add(new UnservedNeed(needs.Learner, NeedKind.Mentoring, null, null,
                    obstacle is null ? UnservedReason.CapacityExhausted : UnservedReason.MentorUnavailable,
                    obstacle ?? $"Learner '{needs.Learner}' could meet mentor '{mentor}', but the plan used every slot they share with a one-to-one room for other sessions."));
            }

            foreach (var slot in needs.Slots.Where(s => !busy.Contains((l, s))).Order())
            {
                var hosted = facts.IndependentRoom.Contains(slot);
                unserved.Add(new UnservedNeed(needs.Learner, NeedKind.IndependentTime, null, slot,
                    hosted ? UnservedReason.CapacityExhausted : UnservedReason.NoIndependentRoom,
                    hosted
                        ? $"Learner '{needs.Learner}' has no seat for independent time on {slot}: the seats of the rooms that host it were all taken, or the rooms were used for sessions."
                        : $"Learner '{needs.Learner}' has no seat for independent time on {slot}: no room hosts independent time then."));
            }
        }

        return [.. unserved];
    }

    /// <summary>How many slots of the learner's could hold a workshop on their next competency, first counting teacher and
    /// room, then also a group of the minimum size; and the reason when there is no teacher at all.</summary>
    internal (int WithTeacherAndRoom, int WithGroup, bool AnyTeacher) WorkshopSlots(LearnerNeeds needs, CompetencyId competency, UnservedIndex facts)
    {
        var (teacherSlots, anyTeacher) = facts.TeachersOf(competency);
        var withRoom = 0;
        var withGroup = 0;
        foreach (var slot in needs.Slots)
        {
            if (!teacherSlots.Contains(slot) || !facts.WorkshopRoom.Contains(slot))
            {
                continue;
            }

            withRoom++;
            if (facts.Peers.GetValueOrDefault((competency, slot)) >= MinimumWorkshopSize)
            {
                withGroup++;
            }
        }

        return (withRoom, withGroup, anyTeacher);
    }

    /// <summary>Why a learner can never meet their mentor in this request, or null when they could.</summary>
    internal string? MentoringObstacle(LearnerNeeds needs, TeacherId mentor, UnservedIndex facts)
    {
        var teacher = Teachers[_teacherIndex[mentor]];
        if (teacher.MaximumSessions == 0)
        {
            return $"Learner '{needs.Learner}' cannot meet mentor '{mentor}': the mentor leads no session this week (maximum 0).";
        }

        var common = needs.Slots.Any(s => facts.OneToOneRoom.Contains(s) && teacher.Slots.Contains(s));
        return common ? null
            : $"Learner '{needs.Learner}' cannot meet mentor '{mentor}': no slot has the learner, the mentor and a room that hosts one-to-ones all free.";
    }

    private void AddWorkshopNeeds(LearnerNeeds needs, int missing, List<UnservedNeed> unserved, UnservedIndex facts)
    {
        var competency = needs.NextCompetency!.Value;
        var (withRoom, withGroup, anyTeacher) = WorkshopSlots(needs, competency, facts);
        var k = needs.WorkshopSessions;
        var n = string.Create(CultureInfo.InvariantCulture, $"{k}");
        for (var unit = 0; unit < missing; unit++)
        {
            // The sessions past what the request allows come first: they are unserved whatever a plan does.
            var index = k - 1 - unit;
            UnservedReason reason;
            string text;
            if (!anyTeacher)
            {
                reason = UnservedReason.NoQualifiedTeacher;
                text = $"Learner '{needs.Learner}' needs a workshop on '{competency}', but no teacher who leads sessions this week can teach it.";
            }
            else if (index >= withRoom)
            {
                reason = UnservedReason.NoCommonSlot;
                text = string.Create(CultureInfo.InvariantCulture,
                    $"Learner '{needs.Learner}' needs {n} workshop(s) on '{competency}', but only {withRoom} of their slots have a teacher who can teach it and a workshop room of at least {MinimumWorkshopSize} seats free.");
            }
            else if (index >= withGroup)
            {
                reason = UnservedReason.GroupTooSmall;
                text = string.Create(CultureInfo.InvariantCulture,
                    $"Learner '{needs.Learner}' needs {n} workshop(s) on '{competency}', but in only {withGroup} of their slots with a teacher and a room are at least {MinimumWorkshopSize} learners who need it free.");
            }
            else
            {
                reason = UnservedReason.CapacityExhausted;
                text = $"Learner '{needs.Learner}' could have a workshop on '{competency}', but the plan used the teachers, rooms or classmates it needed for other sessions.";
            }

            unserved.Add(new UnservedNeed(needs.Learner, NeedKind.Workshop, competency, null, reason, text));
        }
    }

    /// <summary>What <see cref="FindUnserved"/> asks of the request for every learner, counted once per call: the slots
    /// with a room of each use free, learners needing each competency per slot, and per competency the slots a qualified
    /// teacher is free (in time linear in the request, where asking per learner grew with the learners squared).</summary>
    internal sealed class UnservedIndex
    {
        private readonly WeekPlanRequest _request;
        private readonly Dictionary<CompetencyId, (HashSet<TimeSlot> Slots, bool Any)> _teachers = [];

        public UnservedIndex(WeekPlanRequest request)
        {
            _request = request;
            foreach (var room in request.Rooms)
            {
                foreach (var slot in room.Slots)
                {
                    if (room.CanHost(SessionKind.Workshop) && room.Capacity >= request.MinimumWorkshopSize)
                    {
                        WorkshopRoom.Add(slot);
                    }

                    if (room.CanHost(SessionKind.OneToOne))
                    {
                        OneToOneRoom.Add(slot);
                    }

                    if (room.CanHost(SessionKind.Independent))
                    {
                        IndependentRoom.Add(slot);
                    }
                }
            }

            foreach (var learner in request.Learners)
            {
                if (learner.WorkshopSessions > 0 && learner.NextCompetency is { } c)
                {
                    foreach (var slot in learner.Slots)
                    {
                        Peers[(c, slot)] = Peers.GetValueOrDefault((c, slot)) + 1;
                    }
                }
            }
        }

        public HashSet<TimeSlot> WorkshopRoom { get; } = [];

        public HashSet<TimeSlot> OneToOneRoom { get; } = [];

        public HashSet<TimeSlot> IndependentRoom { get; } = [];

        /// <summary>Learners who need a workshop on a competency and are free in a slot.</summary>
        public Dictionary<(CompetencyId Competency, TimeSlot Slot), int> Peers { get; } = [];

        /// <summary>The slots in which a teacher who leads sessions and can teach the competency is free, and whether
        /// any such teacher exists.</summary>
        public (HashSet<TimeSlot> Slots, bool Any) TeachersOf(CompetencyId competency)
        {
            if (!_teachers.TryGetValue(competency, out var found))
            {
                var qualified = _request.Teachers.Where(t => t.MaximumSessions != 0 && _request.CanTeach(t.Id, competency)).ToArray();
                found = ([.. qualified.SelectMany(t => t.Slots)], qualified.Length > 0);
                _teachers[competency] = found;
            }

            return found;
        }
    }

    // Which competencies a teacher can teach: those they name and every one below them in the hierarchy.
    private bool[] Qualifications(TeacherAvailability teacher)
    {
        var state = new sbyte[Framework.Count]; // 0 unknown, 1 yes, -1 no
        foreach (var c in teacher.Teaches)
        {
            state[Framework.IndexOf(c)] = 1;
        }

        bool Resolve(int c)
        {
            if (state[c] == 0)
            {
                state[c] = -1; // the hierarchy is acyclic; this only guards the recursion
                state[c] = Framework.GetParents(Framework.Competencies[c].Id).Any(p => Resolve(Framework.IndexOf(p))) ? (sbyte)1 : (sbyte)-1;
            }

            return state[c] == 1;
        }

        return [.. Enumerable.Range(0, Framework.Count).Select(Resolve)];
    }

    private List<ValidationProblem> Validate()
    {
        var problems = new List<ValidationProblem>();
        void Add(ValidationRule rule, string subject, string message) => problems.Add(new ValidationProblem(rule, subject, message));

        if (MinimumWorkshopSize < 1)
        {
            Add(ValidationRule.OutOfRange, "minimumWorkshopSize", string.Create(CultureInfo.InvariantCulture, $"The minimum workshop size must be at least 1; got {MinimumWorkshopSize}."));
        }

        if (MaximumWorkshopSize < Math.Max(1, MinimumWorkshopSize))
        {
            Add(ValidationRule.OutOfRange, "maximumWorkshopSize", string.Create(CultureInfo.InvariantCulture, $"The maximum workshop size must be at least the minimum ({MinimumWorkshopSize}) and at least 1; got {MaximumWorkshopSize}."));
        }

        var week = new HashSet<TimeSlot>();
        if (Week.IsEmpty)
        {
            Add(ValidationRule.Empty, "week", "The week has no slot; give at least one.");
        }

        var sorted = Week.Where(s => !s.IsEmpty).Order().ToArray();
        foreach (var slot in Week)
        {
            if (slot.IsEmpty)
            {
                Add(ValidationRule.MissingValue, "week", "The week holds the default (empty) slot; every slot needs a length.");
            }
            else if (!week.Add(slot))
            {
                Add(ValidationRule.DuplicateId, slot.ToString(), $"The week lists slot {slot} twice.");
            }
        }

        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] != sorted[i - 1] && sorted[i].Overlaps(sorted[i - 1]))
            {
                Add(ValidationRule.DuplicateId, sorted[i].ToString(), $"Slots {sorted[i - 1]} and {sorted[i]} overlap; a week's slots must not share a minute.");
            }
        }

        void CheckSlots(string who, ImmutableArray<TimeSlot> slots)
        {
            var seen = new HashSet<TimeSlot>();
            foreach (var slot in slots)
            {
                if (!week.Contains(slot))
                {
                    Add(ValidationRule.UnknownReference, who, $"{who} is free in slot {slot}, which is not in the week.");
                }
                else if (!seen.Add(slot))
                {
                    Add(ValidationRule.DuplicateRelation, who, $"{who} lists slot {slot} twice.");
                }
            }
        }

        for (var i = 0; i < Teachers.Length; i++)
        {
            var teacher = Teachers[i];
            var who = $"Teacher '{teacher.Id}'";
            if (teacher.Id.IsEmpty)
            {
                Add(ValidationRule.MissingValue, "teacher", string.Create(CultureInfo.InvariantCulture, $"Teacher #{i} has the default (empty) id."));
            }
            else if (!_teacherIndex.TryAdd(teacher.Id, i))
            {
                Add(ValidationRule.DuplicateId, teacher.Id.Value, $"{who} is listed twice.");
            }

            CheckSlots(who, teacher.Slots);
            foreach (var competency in teacher.Teaches)
            {
                if (competency.IsEmpty || !Framework.Contains(competency))
                {
                    Add(ValidationRule.UnknownReference, teacher.Id.Value, $"{who} teaches '{competency}', which is not in framework '{Framework.Title}'.");
                }
            }

            if (teacher.MaximumSessions < 0)
            {
                Add(ValidationRule.OutOfRange, teacher.Id.Value, string.Create(CultureInfo.InvariantCulture, $"{who} has a maximum of {teacher.MaximumSessions} sessions; it must be at least 0, or null for no limit."));
            }
        }

        for (var i = 0; i < Rooms.Length; i++)
        {
            var room = Rooms[i];
            var who = $"Room '{room.Id}'";
            if (room.Id.IsEmpty)
            {
                Add(ValidationRule.MissingValue, "room", string.Create(CultureInfo.InvariantCulture, $"Room #{i} has the default (empty) id."));
            }
            else if (!_roomIndex.TryAdd(room.Id, i))
            {
                Add(ValidationRule.DuplicateId, room.Id.Value, $"{who} is listed twice.");
            }

            if (room.Capacity < 1)
            {
                Add(ValidationRule.OutOfRange, room.Id.Value, string.Create(CultureInfo.InvariantCulture, $"{who} has capacity {room.Capacity}; it must be at least 1."));
            }

            if (room.Hosts.IsEmpty)
            {
                Add(ValidationRule.Empty, room.Id.Value, $"{who} hosts no kind of session; name at least one.");
            }

            foreach (var kind in room.Hosts)
            {
                if (!Enum.IsDefined(kind))
                {
                    Add(ValidationRule.OutOfRange, room.Id.Value, string.Create(CultureInfo.InvariantCulture, $"{who} hosts kind {(int)kind}, which is not a defined session kind."));
                }
            }

            if (room.Hosts.Distinct().Count() != room.Hosts.Length)
            {
                Add(ValidationRule.DuplicateRelation, room.Id.Value, $"{who} lists a session kind twice.");
            }

            CheckSlots(who, room.Slots);
        }

        for (var i = 0; i < Learners.Length; i++)
        {
            var learner = Learners[i];
            var who = $"Learner '{learner.Learner}'";
            if (learner.Learner.IsEmpty)
            {
                Add(ValidationRule.MissingValue, "learner", string.Create(CultureInfo.InvariantCulture, $"Learner #{i} has the default (empty) id."));
            }
            else if (!_learnerIndex.TryAdd(learner.Learner, i))
            {
                Add(ValidationRule.DuplicateId, learner.Learner.Value, $"{who} is listed twice.");
            }

            CheckSlots(who, learner.Slots);
            if (learner.NextCompetency is { } next && (next.IsEmpty || !Framework.Contains(next)))
            {
                Add(ValidationRule.UnknownReference, learner.Learner.Value, $"{who} needs '{next}' next, which is not in framework '{Framework.Title}'.");
            }

            if (learner.Mentor is { } mentor && !Teachers.Any(t => t.Id == mentor))
            {
                Add(ValidationRule.UnknownReference, learner.Learner.Value, $"{who} has mentor '{mentor}', who is not among the request's teachers.");
            }

            if (learner.WorkshopSessions < 0 || learner.WorkshopSessions > learner.Slots.Length)
            {
                Add(ValidationRule.OutOfRange, learner.Learner.Value, string.Create(CultureInfo.InvariantCulture,
                    $"{who} needs {learner.WorkshopSessions} workshop sessions; it must be in [0, {learner.Slots.Length}] (their slot count)."));
            }
            else if (learner.WorkshopSessions > 0 && learner.NextCompetency is null)
            {
                Add(ValidationRule.MissingValue, learner.Learner.Value, $"{who} needs workshop sessions but has no next competency; name it, or ask for 0 sessions.");
            }
        }

        return problems;
    }
}
