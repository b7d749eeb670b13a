namespace PersonalizedLearning.Tests;

/// <summary>
/// What every options type checked as its properties are set must do with a bad value: an object initializer and a
/// <c>with</c> expression both throw <see cref="ArgumentOutOfRangeException"/> named after the property, with the
/// library's one message format, and the <c>with</c> leaves the original as it was.
/// </summary>
internal static class OptionChecks
{
    public static void RefusedAsSet<T>(T original, Func<T> initializer, Func<T, T> with, string property, string what, string problem)
        where T : class
    {
        var expected = $"The {what} are not valid: {property}: {problem}. (Parameter '{property}')";
        var before = original.ToString();

        var fromInitializer = FluentActions.Invoking(initializer).Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        fromInitializer.ParamName.Should().Be(property);
        fromInitializer.Message.Should().Be(expected);

        var fromWith = FluentActions.Invoking(() => with(original)).Should().ThrowExactly<ArgumentOutOfRangeException>().Which;
        fromWith.ParamName.Should().Be(property);
        fromWith.Message.Should().Be(expected);
        original.ToString().Should().Be(before, "a refused with expression leaves the original as it was");
    }
}
