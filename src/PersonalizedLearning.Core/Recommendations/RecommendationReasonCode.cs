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

    /// <summary>The activity is a lesson or other instruction.</summary>
    Introduces,

    /// <summary>The activity is practice, an assessment or a project: something the learner answers.</summary>
    Practises,

    /// <summary>The competency is mastered and due for review.</summary>
    DueForReview,

    /// <summary>The competency is the weakest prerequisite of one the learner keeps failing.</summary>
    Remediation,


    /// <summary>The competency is a goal of the learner, or on the way to one.</summary>
    OnPathToGoal,

    /// <summary>That goal's date is near.</summary>
    GoalDateNear,

    /// <summary>The predicted success is near the target: a good challenge.</summary>
    GoodChallenge,

    /// <summary>A topic of the activity is one of the learner's interests.</summary>
    MatchesInterest,

    /// <summary>The activity is in a modality the learner prefers.</summary>
    PreferredModality,

    /// <summary>The activity fits the minutes the learner has (extended time applied).</summary>
    FitsTime,
    /// <summary>A stretch step: the competency's prerequisites are nearly mastered (each mastered or proficient).</summary>
    Stretch,

    /// <summary>A shortcut: the prerequisites it lacks gate it only weakly, by the evidence of logs across learners, so
    /// learning it now is quicker than learning them first.</summary>
    Shortcut,
}
