namespace PersonalizedLearning.Recommendations;

/// <summary>Why a competency is a candidate at all.</summary>
/// <remarks>The default value is <see cref="Learn"/>.</remarks>
public enum RecommendationPurpose
{
    /// <summary>It is on the learner's frontier: not mastered, every prerequisite mastered.</summary>
    Learn,

    /// <summary>It is mastered, and the retention model says it is due for review.</summary>
    Review,

    /// <summary>It is the weakest prerequisite of a competency the learner keeps failing.</summary>
    Remediate,

    /// <summary>A stretch: on the way to a goal, not mastered, every prerequisite mastered or proficient but not all
    /// mastered, and not failed repeatedly since; learning it need not wait for the last confirmations of its
    /// prerequisites (see <see cref="RecommenderOptions.Stretch"/>).</summary>
    Stretch,

    /// <summary>A shortcut: on the way to a goal, not mastered, and started before prerequisites it lacks because the
    /// request's prerequisite gating says they gate it only weakly, so that learning it now is quicker than learning
    /// them first (see <see cref="NextStepRequest.PrerequisiteGating"/>).</summary>
    Shortcut,
}
