using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Tests.Learners;

public class CompetencyStateTests
{
    [Fact]
    public void IsTouched_OnceAnyEvidenceIsFolded()
    {
        default(CompetencyState).IsTouched.Should().BeFalse();
        new CompetencyState(1, 0.5, TestData.Start, TestData.Start, default).IsTouched.Should().BeTrue();
    }
}
