using PersonalizedLearning.Insights;
using PersonalizedLearning.Planning;

namespace PersonalizedLearning.Tests.Insights;

public class CatchUpOptionsTests
{
    private static readonly PacingOptions Pacing = new(minutesPerWeek: 70);

    [Fact]
    public void Constructor_ValuesAtTheirBounds_AreAccepted()
    {
        var low = new CatchUpOptions(Pacing, groupSize: 1, teacherEffect: double.Epsilon, minutesPerTeacher: double.Epsilon, gradeCompletion: double.Epsilon);
        var high = new CatchUpOptions(Pacing, groupSize: 100, teacherEffect: double.MaxValue, minutesPerTeacher: double.MaxValue, gradeCompletion: 1);

        (low.GroupSize, low.TeacherEffect, low.MinutesPerTeacher, low.GradeCompletion).Should().Be((1, double.Epsilon, double.Epsilon, double.Epsilon));
        (high.GroupSize, high.TeacherEffect, high.MinutesPerTeacher, high.GradeCompletion).Should().Be((100, double.MaxValue, double.MaxValue, 1.0));
        high.Pacing.Should().BeSameAs(Pacing);
    }

    [Fact]
    public void Constructor_EveryBadValue_IsNamedInOneException_WithItsRuleAndTheValue()
    {
        var zeros = FluentActions.Invoking(() => new CatchUpOptions(Pacing, groupSize: 0, teacherEffect: 0, minutesPerTeacher: 0, gradeCompletion: 0))
            .Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        zeros.ParamName.Should().Be("groupSize");
        zeros.Message.Should().Be("The catch-up options are not valid: groupSize: the group size must be in [1, 100]; got 0."
            + " teacherEffect: the teacher effect must be finite and greater than 0; got 0."
            + " minutesPerTeacher: the minutes per teacher must be finite and greater than 0; got 0."
            + " gradeCompletion: the grade completion must be a share in (0, 1]; got 0. (Parameter 'groupSize')");

        // Just past the upper bounds; an infinite effect or week is greater than 0 but not finite.
        var over = FluentActions.Invoking(() => new CatchUpOptions(Pacing, groupSize: 101, teacherEffect: double.PositiveInfinity, minutesPerTeacher: double.NaN, gradeCompletion: 1.5))
            .Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        over.Message.Should().Be("The catch-up options are not valid: groupSize: the group size must be in [1, 100]; got 101."
            + " teacherEffect: the teacher effect must be finite and greater than 0; got Infinity."
            + " minutesPerTeacher: the minutes per teacher must be finite and greater than 0; got NaN."
            + " gradeCompletion: the grade completion must be a share in (0, 1]; got 1.5. (Parameter 'groupSize')");
    }

    [Fact]
    public void Constructor_NoPacing_IsAnArgumentNullException_ThatStillListsEveryProblem()
    {
        var e = FluentActions.Invoking(() => new CatchUpOptions(null!, groupSize: 0)).Should().ThrowExactly<ArgumentNullException>().Which;

        e.ParamName.Should().Be("pacing");
        e.Message.Should().Be("The catch-up options are not valid: pacing: the pacing options are required; got null."
            + " groupSize: the group size must be in [1, 100]; got 0. (Parameter 'pacing')");
    }
}
