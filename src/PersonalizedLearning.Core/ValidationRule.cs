namespace PersonalizedLearning;

/// <summary>
/// The rule a definition broke, as reported in a <see cref="ValidationProblem"/>.
/// </summary>
/// <remarks>The default value, <see cref="DuplicateId"/>, is a real rule; there is no "none" value.</remarks>
public enum ValidationRule
{
    /// <summary>Two items share one identifier.</summary>
    DuplicateId,

    /// <summary>A relation or alignment names an identifier that is not defined.</summary>
    UnknownReference,

    /// <summary>A relation links an item to itself.</summary>
    SelfRelation,

    /// <summary>The same relation is declared more than once.</summary>
    DuplicateRelation,

    /// <summary>The parent/child hierarchy contains a cycle.</summary>
    HierarchyCycle,

    /// <summary>The prerequisite graph contains a cycle, so no order can satisfy it.</summary>
    PrerequisiteCycle,

    /// <summary>A required text (an identifier or a title) is missing or blank.</summary>
    MissingValue,

    /// <summary>A number is NaN, infinite, or outside its allowed range.</summary>
    OutOfRange,

    /// <summary>An activity is aligned to no competency, so nothing it shows can count.</summary>
    NoAlignment,

    /// <summary>A rule for a parent names a competency that is not one of its children.</summary>
    NotAChild,

    /// <summary>A rule asks for more than its parts can ever give, such as more points than its children carry.</summary>
    Unsatisfiable,

    /// <summary>A definition holds nothing: a framework without competencies, a catalog without activities. Every
    /// assessment and recommendation over it would be empty without a word.</summary>
    Empty,
}
