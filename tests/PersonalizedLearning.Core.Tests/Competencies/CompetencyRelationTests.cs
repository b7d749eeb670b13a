using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Tests.Competencies;

public sealed class CompetencyRelationTests
{
    [Theory]
    [InlineData(CompetencyRelationKind.ParentOf, "A is parent of B")]
    [InlineData(CompetencyRelationKind.PrerequisiteOf, "A is prerequisite of B")]
    [InlineData(CompetencyRelationKind.RelatedTo, "A is related to B")]
    public void Relation_ToString_SaysTheKind(CompetencyRelationKind kind, string text)
        => new CompetencyRelation(kind, "A", "B").ToString().Should().Be(text);
}
