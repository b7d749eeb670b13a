namespace PersonalizedLearning.Scheduling;

/// <summary>Which of a learner's needs a <see cref="UnservedNeed"/> is.</summary>
/// <remarks>The default value, <see cref="Workshop"/>, is a real kind; there is no "none" value.</remarks>
public enum NeedKind
{
    /// <summary>One workshop session on the learner's next competency.</summary>
    Workshop,

    /// <summary>The weekly one-to-one with the learner's mentor.</summary>
    Mentoring,

    /// <summary>A seat for independent playlist time in one slot of the learner's schedule.</summary>
    IndependentTime,
}
