namespace PersonalizedLearning.Competencies;

/// <summary>
/// A directed link between two competencies of a framework.
/// </summary>
/// <param name="Kind">What the link means.</param>
/// <param name="Source">For <see cref="CompetencyRelationKind.ParentOf"/> the parent; for
/// <see cref="CompetencyRelationKind.PrerequisiteOf"/> the prerequisite; for
/// <see cref="CompetencyRelationKind.RelatedTo"/> either end.</param>
/// <param name="Target">For <see cref="CompetencyRelationKind.ParentOf"/> the child; for
/// <see cref="CompetencyRelationKind.PrerequisiteOf"/> the competency that depends on the source; for
/// <see cref="CompetencyRelationKind.RelatedTo"/> the other end.</param>
/// <remarks>Immutable and thread-safe. The default value links two empty identifiers and is rejected by builders. In JSON
/// all three members are required.</remarks>
public readonly record struct CompetencyRelation(
    [property: System.Text.Json.Serialization.JsonRequired] CompetencyRelationKind Kind,
    [property: System.Text.Json.Serialization.JsonRequired] CompetencyId Source,
    [property: System.Text.Json.Serialization.JsonRequired] CompetencyId Target)
{
    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        CompetencyRelationKind.ParentOf => $"{Source} is parent of {Target}",
        CompetencyRelationKind.PrerequisiteOf => $"{Source} is prerequisite of {Target}",
        _ => $"{Source} is related to {Target}",
    };
}
