using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Observations;

public class EvidenceTests
{
    private static readonly DateTimeOffset When = TestData.Start;

    [Fact]
    public void Factories_SetTheTarget()
    {
        var byCompetency = Evidence.ForCompetency("e1", "ana", "F1", EvidenceOutcome.Correct, When, EvidenceKind.Summative);
        byCompetency.Competency.Should().Be(new CompetencyId("F1"));
        byCompetency.Activity.Should().BeNull();
        byCompetency.Kind.Should().Be(EvidenceKind.Summative);
        byCompetency.Weight.Should().Be(1);

        var byActivity = Evidence.ForActivity("e2", "ana", "a1", EvidenceOutcome.FromScore(0.5), When);
        byActivity.Activity.Should().Be(new ActivityId("a1"));
        byActivity.Competency.Should().BeNull();
        byActivity.Duration.Should().BeNull();
    }

    [Fact]
    public void Duration_IsKept_AndTakesPartInEquality()
    {
        var timed = new Evidence("e1", "ana", EvidenceOutcome.Correct, When, activity: "a1", duration: TimeSpan.FromMinutes(12));
        timed.Duration.Should().Be(TimeSpan.FromMinutes(12));
        timed.Should().NotBe(new Evidence("e1", "ana", EvidenceOutcome.Correct, When, activity: "a1"));
        new Evidence("e2", "ana", EvidenceOutcome.Correct, When, activity: "a1", duration: TimeSpan.Zero).Duration.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Constructor_NegativeDuration_ThrowsArgumentOutOfRange()
    {
        var act = () => new Evidence("e1", "ana", EvidenceOutcome.Correct, When, activity: "a1", duration: TimeSpan.FromSeconds(-1));
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Evidence 'e1' has a negative duration.*")
            .And.ParamName.Should().Be("duration");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_BadWeight_ThrowsArgumentOutOfRange(double weight)
    {
        var act = () => new Evidence("e1", "ana", EvidenceOutcome.Correct, When, competency: "F1", weight: weight);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("Evidence 'e1' must have a weight that is finite and greater than 0*")
            .And.ParamName.Should().Be("weight");
    }

    [Fact]
    public void Constructor_NoTarget_ThrowsArgumentException()
    {
        var act = () => new Evidence("e1", "ana", EvidenceOutcome.Correct, When);
        act.Should().Throw<ArgumentException>().WithMessage("Evidence 'e1' must name a competency, an activity, or both.*");
    }

    [Fact]
    public void Constructor_EmptyIds_ThrowArgumentException()
    {
        FluentActions.Invoking(() => new Evidence(default, "ana", EvidenceOutcome.Correct, When, competency: "F1"))
            .Should().Throw<ArgumentException>().And.ParamName.Should().Be("id");
        FluentActions.Invoking(() => new Evidence("e1", default(LearnerId), EvidenceOutcome.Correct, When, competency: "F1"))
            .Should().Throw<ArgumentException>().And.ParamName.Should().Be("learner");
        FluentActions.Invoking(() => new Evidence("e1", "ana", EvidenceOutcome.Correct, When, competency: default(CompetencyId)))
            .Should().Throw<ArgumentException>().And.ParamName.Should().Be("competency");
        FluentActions.Invoking(() => new Evidence("e1", "ana", EvidenceOutcome.Correct, When, kind: (EvidenceKind)9, competency: "F1"))
            .Should().Throw<ArgumentOutOfRangeException>().And.ParamName.Should().Be("kind");
    }

    [Fact]
    public void Equality_IsByValue()
    {
        var a = new Evidence("e1", "ana", EvidenceOutcome.FromScore(0.5), When, "F1", "a1", EvidenceKind.TeacherObservation, 2);
        var b = new Evidence("e1", "ana", EvidenceOutcome.FromScore(0.5), When, "F1", "a1", EvidenceKind.TeacherObservation, 2);
        a.Should().Be(b);
        a.Should().NotBe(new Evidence("e1", "ana", EvidenceOutcome.FromScore(0.5), When, "F1", "a1", EvidenceKind.TeacherObservation, 1));
    }
}
