using PersonalizedLearning.Planning;

namespace PersonalizedLearning.Tests.Planning;

public class LearningPlanTests
{
    private const string Rule = "must not hold control characters other than white space (U+0009-U+000D, U+0085);";

    private static readonly DateTimeOffset Date = TestData.Start.AddDays(30);

    [Fact]
    public void Milestone_TitleWithAControlCharacter_ThrowsNamingIt_TabAndNewlinesAreKept()
    {
        FluentActions.Invoking(() => new PlanMilestone("Unit\u00001", Date, ["A"])).Should().ThrowExactly<ArgumentException>()
            .WithMessage($"A milestone's title {Rule} U+0000 is at position 4. (Parameter 'title')").And.ParamName.Should().Be("title");
        FluentActions.Invoking(() => new PlanMilestone("Unit\u009B1", Date, ["A"])).Should().ThrowExactly<ArgumentException>()
            .WithMessage($"A milestone's title {Rule} U+009B is at position 4. (Parameter 'title')");
        new PlanMilestone("Fractions\n\tunit", Date, ["A"]).Title.Should().Be("Fractions\n\tunit");
    }

    [Fact]
    public void Deadline_NameWithAControlCharacter_ThrowsNamingIt_TabAndNewlinesAreKept()
    {
        FluentActions.Invoking(() => new ExternalDeadline("State\u0007test", Date)).Should().ThrowExactly<ArgumentException>()
            .WithMessage($"An external deadline's name {Rule} U+0007 is at position 5. (Parameter 'name')").And.ParamName.Should().Be("name");
        new ExternalDeadline("State test\r\n(spring)", Date).Name.Should().Be("State test\r\n(spring)");
    }
}
