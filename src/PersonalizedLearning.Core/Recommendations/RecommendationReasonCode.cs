namespace PersonalizedLearning.Recommendations;

/// <summary>A machine-readable reason behind a recommendation; a UI can key its own wording on it.</summary>
/// <remarks>The default value is <see cref="ReadyNoPrerequisites"/>.</remarks>
public enum RecommendationReasonCode
{
    /// <summary>The competency has no prerequisites, so it is ready to learn.</summary>
    ReadyNoPrerequisites,

    /// <summary>Every prerequisite of the competency is mastered.</summary>
    ReadyPrerequisitesMastered,

    /// <summary>The learner has not started the competency.</summary>
    NotStarted,

    /// <summary>The learner has started the competency but not mastered it.</summary>
    InProgress,

    /// <summary>The activity is a lesson or other instruction, suited to a competency not yet started.</summary>
    Introduces,

    /// <summary>The activity is practice or assessment, suited to a competency in progress.</summary>
    Practises,
}
