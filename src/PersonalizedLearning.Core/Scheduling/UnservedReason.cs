namespace PersonalizedLearning.Scheduling;

/// <summary>Why a need is not in a week plan.</summary>
/// <remarks>
/// <para>Every reason but <see cref="CapacityExhausted"/> and <see cref="SolverStopped"/> is a fact of the request alone, whatever any scheduler does:
/// <see cref="WeekPlanRequest.FindUnserved"/> tests it on the request. <see cref="CapacityExhausted"/> says the request
/// allows the need on its own, but the plan spent the teachers, rooms, seats or classmates it needed on other needs
/// (an optimal plan does so only for needs it ranks at least as high).</para>
/// <para>The default value, <see cref="NoQualifiedTeacher"/>, is a real reason; there is no "none" value.</para>
/// </remarks>
public enum UnservedReason
{
    /// <summary>No teacher who may lead sessions can teach the competency (neither it nor an ancestor in the framework's
    /// hierarchy is among what any teacher teaches).</summary>
    NoQualifiedTeacher,

    /// <summary>No slot (or not as many as the sessions needed) in which the learner, a teacher who can teach the
    /// competency and a room that hosts workshops of the minimum size are all free.</summary>
    NoCommonSlot,

    /// <summary>In every slot where the learner could meet a qualified teacher in a room, fewer learners who need the same
    /// competency are free than the minimum workshop size.</summary>
    GroupTooSmall,

    /// <summary>The mentor may lead no session, or has no slot in common with the learner and a room that hosts
    /// one-to-ones.</summary>
    MentorUnavailable,

    /// <summary>No room hosts independent time in the slot.</summary>
    NoIndependentRoom,

    /// <summary>Possible on its own, but the plan used up the teachers' slots, the rooms, the seats or the classmates the
    /// need required for other needs.</summary>
    CapacityExhausted,

    /// <summary>Possible on its own, but the scheduler stopped (its time or work limit) before it found any plan for the
    /// slots the need could use; a longer limit may serve it. Not a fact of the request: a scheduler gives it, in place of
    /// <see cref="CapacityExhausted"/>, where its search found nothing.</summary>
    SolverStopped,
}
