namespace PersonalizedLearning.Activities;

/// <summary>What kind of learning activity this is.</summary>
/// <remarks>The default value is <see cref="Lesson"/>.</remarks>
public enum ActivityKind
{
    /// <summary>Direct instruction: a mini-lesson, a worked example, an explainer.</summary>
    Lesson,

    /// <summary>Practice items that give feedback.</summary>
    Practice,

    /// <summary>An extended project that applies one or more competencies.</summary>
    Project,

    /// <summary>An assessment or checkpoint that can show mastery.</summary>
    Assessment,

    /// <summary>A text to read.</summary>
    Reading,

    /// <summary>A video to watch.</summary>
    Video,

    /// <summary>A discussion with peers.</summary>
    Discussion,

    /// <summary>A small-group or one-to-one session with a teacher.</summary>
    Tutoring,
}
