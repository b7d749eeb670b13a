namespace PersonalizedLearning.Scheduling;

/// <summary>What a room is used for in a slot; a room says which of these it hosts.</summary>
/// <remarks>The default value, <see cref="Workshop"/>, is a real kind; there is no "none" value.</remarks>
public enum SessionKind
{
    /// <summary>A teacher-led small group of learners who share the same next competency (workshop, in Summit Learning's
    /// terms); one workshop per room per slot.</summary>
    Workshop,

    /// <summary>A one-to-one session of a learner with their mentor (Summit Learning's weekly mentor check-in). A room
    /// hosts as many one-to-ones at once as its capacity (each at its own station).</summary>
    OneToOne,

    /// <summary>Independent time on the learner's playlist, in a seat of a supervised space, no teacher assigned.</summary>
    Independent,
}
