namespace PersonalizedLearning.Competencies;

/// <summary>How two competencies in a framework are related.</summary>
/// <remarks>The default value is <see cref="ParentOf"/>.</remarks>
public enum CompetencyRelationKind
{
    /// <summary>The source is the parent of the target in the hierarchy (a standard and its sub-standard).
    /// A competency may have several parents; the hierarchy must be acyclic.</summary>
    ParentOf,

    /// <summary>The source is a prerequisite of the target: the source must be mastered before the target
    /// is ready to learn. The prerequisite graph must be acyclic.</summary>
    PrerequisiteOf,

    /// <summary>The two competencies are related, with no order implied. Symmetric.</summary>
    RelatedTo,
}
