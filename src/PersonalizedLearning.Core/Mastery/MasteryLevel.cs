namespace PersonalizedLearning.Mastery;

/// <summary>How far a learner has come with a competency, as a teacher or a learner reads it.</summary>
/// <remarks>Levels are ordered: a later value means more mastery. The default value is <see cref="NotStarted"/>.</remarks>
public enum MasteryLevel
{
    /// <summary>No evidence yet.</summary>
    NotStarted,

    /// <summary>Evidence exists but does not reach <see cref="Familiar"/>.</summary>
    Attempted,

    /// <summary>Partial understanding.</summary>
    Familiar,

    /// <summary>Meets the standard.</summary>
    Proficient,

    /// <summary>Meets the standard reliably; counts as mastered for prerequisites.</summary>
    Mastered,
}
