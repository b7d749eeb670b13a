using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Scheduling;

/// <summary>The rule a week plan broke, as reported in a <see cref="WeekPlanViolation"/>.</summary>
/// <remarks>The default value, <see cref="UnknownReference"/>, is a real rule; there is no "none" value.</remarks>
public enum WeekPlanRule
{
    /// <summary>The plan names a teacher, room, learner or slot the request does not have.</summary>
    UnknownReference,

    /// <summary>A teacher, room or learner is used in a slot they are not free in.</summary>
    NotAvailable,

    /// <summary>A teacher leads two sessions in one slot, a learner is in two places in one slot, or a room has two uses
    /// (or two workshops) in one slot.</summary>
    DoubleBooked,

    /// <summary>A room holds more learners (or one-to-ones) in a slot than its capacity.</summary>
    OverCapacity,

    /// <summary>A room is used for a kind of session it does not host.</summary>
    KindNotHosted,

    /// <summary>A workshop's teacher cannot teach its competency.</summary>
    NotQualified,

    /// <summary>A workshop holds a learner whose next competency is another.</summary>
    WrongCompetency,

    /// <summary>A workshop has fewer learners than the minimum or more than the maximum.</summary>
    GroupSize,

    /// <summary>A one-to-one is not exactly one learner with their own mentor.</summary>
    WrongMentor,

    /// <summary>A teacher leads more sessions than their weekly maximum.</summary>
    TeacherLimit,

    /// <summary>A learner has more workshops than they need, or more than one mentoring session.</summary>
    TooManySessions,

    /// <summary>A session is malformed: a kind other than workshop or one-to-one, a workshop without a competency, a
    /// one-to-one with one, or a learner listed twice.</summary>
    MalformedSession,

    /// <summary>The plan's unserved needs differ from those its sessions and seats leave
    /// (<see cref="WeekPlanRequest.FindUnserved"/>).</summary>
    UnservedMismatch,
}

/// <summary>One way a week plan breaks a request's rules.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record WeekPlanViolation
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal WeekPlanViolation(WeekPlanRule Rule, string Message)
    {
        this.Rule = Rule;
        this.Message = Message;
    }

    /// <summary>The rule broken.</summary>
    public WeekPlanRule Rule { get; internal init; }

    /// <summary>A culture-invariant English sentence naming the slot, the room, teacher or learner, and the values.</summary>
    public string Message { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Rule">The value of <see cref="Rule"/>.</param>
    /// <param name="Message">The value of <see cref="Message"/>.</param>
    public void Deconstruct(out WeekPlanRule Rule, out string Message)
    {
        Rule = this.Rule;
        Message = this.Message;
    }

    /// <inheritdoc />
    public override string ToString() => $"[{Rule}] {Message}";
}

/// <summary>
/// Checks a week plan against its request: every rule of <see cref="WeekPlanRequest"/> (availability, one place per slot,
/// capacities, kinds hosted, qualifications, workshop competency and size, mentors, weekly limits) and that the plan's
/// unserved needs are exactly those its sessions and seats leave, with the reasons
/// <see cref="WeekPlanRequest.FindUnserved"/> gives. For tests of any <see cref="IWeekScheduler"/>, and for hosts who
/// write their own or edit a plan by hand.
/// </summary>
/// <remarks>Stateless and thread-safe. Linear in the size of the plan and the request.</remarks>
public static class WeekPlanChecker
{
    /// <summary>Finds every violation.</summary>
    /// <param name="request">The request.</param>
    /// <param name="plan">The plan.</param>
    /// <returns>Every violation found, in the order of the plan's sessions, then seats, then the weekly totals, then the
    /// unserved list; empty for a plan that keeps every rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> or <paramref name="plan"/> is null, or a session of
    /// the plan is.</exception>
    public static ImmutableArray<WeekPlanViolation> Check(WeekPlanRequest request, WeekPlan plan)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(plan);
        var violations = new List<WeekPlanViolation>();
        void Add(WeekPlanRule rule, string message) => violations.Add(new WeekPlanViolation(rule, message));

        var week = request.Week.ToHashSet();
        var teacherBusy = new HashSet<(TeacherId, TimeSlot)>();
        var learnerBusy = new HashSet<(LearnerId, TimeSlot)>();
        var roomUse = new Dictionary<(RoomId, TimeSlot), (SessionKind Kind, int Count, int Learners)>();
        var teacherSessions = new Dictionary<TeacherId, int>();
        var workshops = new Dictionary<LearnerId, int>();
        var mentoring = new Dictionary<LearnerId, int>();

        void UseRoom(RoomAvailability room, TimeSlot slot, SessionKind kind, int learners)
        {
            if (!room.CanHost(kind))
            {
                Add(WeekPlanRule.KindNotHosted, $"Room '{room.Id}' is used for {kind} on {slot}, which it does not host.");
            }

            if (!room.Slots.Contains(slot))
            {
                Add(WeekPlanRule.NotAvailable, $"Room '{room.Id}' is used on {slot}, when it is not free.");
            }

            if (roomUse.TryGetValue((room.Id, slot), out var use))
            {
                if (use.Kind != kind || kind == SessionKind.Workshop)
                {
                    Add(WeekPlanRule.DoubleBooked, $"Room '{room.Id}' has two uses on {slot}: {use.Kind} and {kind}.");
                }

                use = (use.Kind, use.Count + 1, use.Learners + learners);
            }
            else
            {
                use = (kind, 1, learners);
            }

            roomUse[(room.Id, slot)] = use;
        }

        void UseLearner(LearnerNeeds learner, TimeSlot slot)
        {
            if (!learner.Slots.Contains(slot))
            {
                Add(WeekPlanRule.NotAvailable, $"Learner '{learner.Learner}' is placed on {slot}, which is not in their schedule.");
            }

            if (!learnerBusy.Add((learner.Learner, slot)))
            {
                Add(WeekPlanRule.DoubleBooked, $"Learner '{learner.Learner}' is in two places on {slot}.");
            }
        }

        foreach (var session in plan.Sessions)
        {
            ArgumentNullException.ThrowIfNull(session, nameof(plan));
            var slot = session.Slot;
            if (!week.Contains(slot))
            {
                Add(WeekPlanRule.UnknownReference, $"A session is on {slot}, which is not in the week.");
                continue;
            }

            if (session.Kind is not (SessionKind.Workshop or SessionKind.OneToOne))
            {
                Add(WeekPlanRule.MalformedSession, $"A session on {slot} in room '{session.Room}' is of kind {session.Kind}; sessions are workshops or one-to-ones (independent time is a seat).");
                continue;
            }

            if (!request.TryGetTeacher(session.Teacher, out var teacher))
            {
                Add(WeekPlanRule.UnknownReference, $"A session on {slot} is led by '{session.Teacher}', who is not among the request's teachers.");
                continue;
            }

            if (!request.TryGetRoom(session.Room, out var room))
            {
                Add(WeekPlanRule.UnknownReference, $"A session on {slot} is in room '{session.Room}', which is not among the request's rooms.");
                continue;
            }

            if (!teacher.Slots.Contains(slot))
            {
                Add(WeekPlanRule.NotAvailable, $"Teacher '{teacher.Id}' leads a session on {slot}, when they are not free.");
            }

            if (!teacherBusy.Add((teacher.Id, slot)))
            {
                Add(WeekPlanRule.DoubleBooked, $"Teacher '{teacher.Id}' leads two sessions on {slot}.");
            }

            teacherSessions[teacher.Id] = teacherSessions.GetValueOrDefault(teacher.Id) + 1;
            if (session.Learners.Distinct().Count() != session.Learners.Length)
            {
                Add(WeekPlanRule.MalformedSession, $"A session on {slot} in room '{room.Id}' lists a learner twice.");
            }

            var learners = new List<LearnerNeeds>();
            foreach (var id in session.Learners.Distinct())
            {
                if (request.TryGetLearner(id, out var learner))
                {
                    learners.Add(learner);
                    UseLearner(learner, slot);
                }
                else
                {
                    Add(WeekPlanRule.UnknownReference, $"A session on {slot} holds '{id}', who is not among the request's learners.");
                }
            }

            UseRoom(room, slot, session.Kind, session.Learners.Length);
            if (session.Kind == SessionKind.Workshop)
            {
                if (session.Competency is not { } competency || !request.Framework.Contains(competency))
                {
                    Add(WeekPlanRule.MalformedSession, $"The workshop on {slot} in room '{room.Id}' has no competency of the framework ('{session.Competency}').");
                    continue;
                }

                if (!request.CanTeach(teacher.Id, competency))
                {
                    Add(WeekPlanRule.NotQualified, $"Teacher '{teacher.Id}' leads a workshop on '{competency}' on {slot}, which they cannot teach.");
                }

                var size = session.Learners.Length;
                var most = Math.Min(request.MaximumWorkshopSize, room.Capacity);
                if (size < request.MinimumWorkshopSize || size > request.MaximumWorkshopSize)
                {
                    Add(WeekPlanRule.GroupSize, string.Create(CultureInfo.InvariantCulture,
                        $"The workshop on '{competency}' on {slot} in room '{room.Id}' has {size} learners; it must have {request.MinimumWorkshopSize} to {request.MaximumWorkshopSize}."));
                }

                if (size > room.Capacity)
                {
                    Add(WeekPlanRule.OverCapacity, string.Create(CultureInfo.InvariantCulture,
                        $"The workshop on '{competency}' on {slot} in room '{room.Id}' has {size} learners; the room seats {room.Capacity} (so at most {most})."));
                }

                foreach (var learner in learners)
                {
                    if (learner.NextCompetency != competency || learner.WorkshopSessions == 0)
                    {
                        Add(WeekPlanRule.WrongCompetency, $"Learner '{learner.Learner}' is in the workshop on '{competency}' on {slot}, but needs {(learner.WorkshopSessions == 0 ? "no workshop" : $"'{learner.NextCompetency}'")}.");
                    }
                    else
                    {
                        workshops[learner.Learner] = workshops.GetValueOrDefault(learner.Learner) + 1;
                    }
                }
            }
            else
            {
                if (session.Competency is not null)
                {
                    Add(WeekPlanRule.MalformedSession, $"The one-to-one on {slot} led by '{teacher.Id}' names competency '{session.Competency}'; a one-to-one has none.");
                }

                if (session.Learners.Length != 1)
                {
                    Add(WeekPlanRule.WrongMentor, string.Create(CultureInfo.InvariantCulture, $"The one-to-one on {slot} led by '{teacher.Id}' has {session.Learners.Length} learners; it must have one."));
                }

                foreach (var learner in learners)
                {
                    if (learner.Mentor != teacher.Id)
                    {
                        Add(WeekPlanRule.WrongMentor, $"Learner '{learner.Learner}' meets '{teacher.Id}' one-to-one on {slot}, who is not their mentor ('{learner.Mentor}').");
                    }
                    else
                    {
                        mentoring[learner.Learner] = mentoring.GetValueOrDefault(learner.Learner) + 1;
                    }
                }
            }
        }

        foreach (var seat in plan.Independent)
        {
            if (!week.Contains(seat.Slot))
            {
                Add(WeekPlanRule.UnknownReference, $"A seat for '{seat.Learner}' is on {seat.Slot}, which is not in the week.");
                continue;
            }

            if (!request.TryGetLearner(seat.Learner, out var learner))
            {
                Add(WeekPlanRule.UnknownReference, $"A seat on {seat.Slot} is for '{seat.Learner}', who is not among the request's learners.");
                continue;
            }

            if (!request.TryGetRoom(seat.Room, out var room))
            {
                Add(WeekPlanRule.UnknownReference, $"A seat on {seat.Slot} is in room '{seat.Room}', which is not among the request's rooms.");
                continue;
            }

            UseLearner(learner, seat.Slot);
            UseRoom(room, seat.Slot, SessionKind.Independent, 1);
        }

        foreach (var ((roomId, slot), use) in roomUse.OrderBy(u => u.Key.Item2).ThenBy(u => u.Key.Item1))
        {
            request.TryGetRoom(roomId, out var room);
            var load = use.Kind == SessionKind.OneToOne ? use.Count : use.Learners;
            if (use.Kind != SessionKind.Workshop && load > room!.Capacity)
            {
                Add(WeekPlanRule.OverCapacity, string.Create(CultureInfo.InvariantCulture,
                    $"Room '{roomId}' holds {load} {(use.Kind == SessionKind.OneToOne ? "one-to-ones" : "independent learners")} on {slot}; it seats {room.Capacity}."));
            }
        }

        foreach (var teacher in request.Teachers)
        {
            if (teacher.MaximumSessions is { } most && teacherSessions.GetValueOrDefault(teacher.Id) > most)
            {
                Add(WeekPlanRule.TeacherLimit, string.Create(CultureInfo.InvariantCulture,
                    $"Teacher '{teacher.Id}' leads {teacherSessions[teacher.Id]} sessions; their weekly maximum is {most}."));
            }
        }

        foreach (var learner in request.Learners)
        {
            if (workshops.GetValueOrDefault(learner.Learner) > learner.WorkshopSessions)
            {
                Add(WeekPlanRule.TooManySessions, string.Create(CultureInfo.InvariantCulture,
                    $"Learner '{learner.Learner}' has {workshops[learner.Learner]} workshops; they need {learner.WorkshopSessions}."));
            }

            if (mentoring.GetValueOrDefault(learner.Learner) > 1)
            {
                Add(WeekPlanRule.TooManySessions, string.Create(CultureInfo.InvariantCulture,
                    $"Learner '{learner.Learner}' meets their mentor {mentoring[learner.Learner]} times; the plan gives one weekly one-to-one."));
            }
        }

        var expected = request.FindUnserved(plan.Sessions, plan.Independent);
        if (!SequenceEquality.Equal(expected, plan.Unserved))
        {
            var missing = expected.Except(plan.Unserved).ToArray();
            var extra = plan.Unserved.Except(expected).ToArray();
            Add(WeekPlanRule.UnservedMismatch, string.Create(CultureInfo.InvariantCulture,
                $"The plan's unserved needs differ from those its sessions and seats leave: {missing.Length} missing (first: {(missing.Length > 0 ? missing[0].Explanation : "none")}), {extra.Length} not so (first: {(extra.Length > 0 ? extra[0].Explanation : "none")}){(missing.Length + extra.Length == 0 ? ", in another order" : string.Empty)}."));
        }

        return [.. violations];
    }
}
