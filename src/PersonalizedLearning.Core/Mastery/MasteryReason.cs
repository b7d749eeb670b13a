namespace PersonalizedLearning.Mastery;

/// <summary>Why a competency is at its level; a UI can key its own wording on this.</summary>
/// <remarks>The default value is <see cref="NoEvidence"/>.</remarks>
public enum MasteryReason
{
    /// <summary>No evidence yet.</summary>
    NoEvidence,

    /// <summary>Evidence exists but the model has no score yet.</summary>
    NoScoreYet,

    /// <summary>The estimate is below the Familiar threshold.</summary>
    BelowFamiliar,

    /// <summary>The estimate reaches the Familiar threshold.</summary>
    ReachedFamiliar,

    /// <summary>The estimate reaches the Proficient threshold.</summary>
    ReachedProficient,

    /// <summary>The estimate reaches the Mastered threshold but there is not yet enough evidence to call it mastered.</summary>
    NeedsMoreEvidence,

    /// <summary>The estimate reaches the Mastered threshold with enough evidence.</summary>
    ReachedMastered,
}
