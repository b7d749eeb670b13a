using PersonalizedLearning.Activities;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Tests.Learners;

public class LearnerProfileTests
{
    [Fact]
    public void Constructor_NormalisesDefaultsAndComparesByValue()
    {
        var a = new LearnerProfile("ana", [new LearningGoal("F8", TestData.Start.AddDays(30))], ["sports"], [LearningModality.HandsOn], new LearnerAccommodations(1.5));
        var b = new LearnerProfile("ana", [new LearningGoal("F8", TestData.Start.AddDays(30))], ["sports"], [LearningModality.HandsOn], new LearnerAccommodations(1.5));
        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        a.Should().NotBe(new LearnerProfile("ana", [new LearningGoal("F8")], ["sports"], [LearningModality.HandsOn], new LearnerAccommodations(1.5)));

        var bare = new LearnerProfile("ben");
        bare.Goals.Should().BeEmpty();
        bare.Interests.Should().BeEmpty();
        bare.PreferredModalities.Should().BeEmpty();
        bare.Accommodations.Should().Be(LearnerAccommodations.None);
    }

    [Fact]
    public void Constructor_RepeatedGoal_ThrowsArgumentException()
    {
        var act = () => new LearnerProfile("ana", [new LearningGoal("F8"), new LearningGoal("F8", TestData.Start)]);
        act.Should().Throw<ArgumentException>().WithMessage("Learner 'ana' has 2 goals for competency 'F8'; keep one goal per competency.*")
            .And.ParamName.Should().Be("goals");
    }

    [Fact]
    public void Constructor_BadValues_Throw()
    {
        FluentActions.Invoking(() => new LearnerProfile(default)).Should().Throw<ArgumentException>().And.ParamName.Should().Be("learner");
        FluentActions.Invoking(() => new LearnerProfile("ana", [default])).Should().Throw<ArgumentException>().And.ParamName.Should().Be("goals");
        FluentActions.Invoking(() => new LearnerProfile("ana", interests: [" "])).Should().Throw<ArgumentException>().And.ParamName.Should().Be("interests");
        FluentActions.Invoking(() => new LearningGoal(default)).Should().Throw<ArgumentException>().And.ParamName.Should().Be("competency");
    }

    [Theory]
    [InlineData(0.99)]
    [InlineData(10.01)]
    [InlineData(double.NaN)]
    public void Accommodations_ExtendedTimeOutOfRange_ThrowsArgumentOutOfRange(double factor)
    {
        var act = () => new LearnerAccommodations(factor);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("The extended-time factor must be a finite number in [1, 10]*");
    }
}
