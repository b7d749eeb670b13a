namespace PersonalizedLearning.Activities;

/// <summary>How an activity is delivered; learner profiles can prefer some modalities.</summary>
/// <remarks>The default value is <see cref="Digital"/>.</remarks>
public enum LearningModality
{
    /// <summary>On a device, working alone.</summary>
    Digital,

    /// <summary>On paper or in print.</summary>
    Print,

    /// <summary>With manipulatives or physical materials.</summary>
    HandsOn,

    /// <summary>Led by a teacher, in a whole class or a small group.</summary>
    TeacherLed,

    /// <summary>With peers, in pairs or groups.</summary>
    Collaborative,

    /// <summary>Watching or listening to media.</summary>
    Media,
}
