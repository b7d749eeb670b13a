namespace PersonalizedLearning.Observations;

/// <summary>Where a piece of evidence comes from.</summary>
/// <remarks>The default value is <see cref="Formative"/>.</remarks>
public enum EvidenceKind
{
    /// <summary>Practice or a check for understanding during learning.</summary>
    Formative,

    /// <summary>An assessment at the end of a unit or for a grade.</summary>
    Summative,

    /// <summary>The learner's own judgement of what they can do.</summary>
    SelfAssessment,

    /// <summary>A teacher's observation or conference note.</summary>
    TeacherObservation,
}
