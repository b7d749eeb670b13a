using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PersonalizedLearning.DependencyInjection;

namespace PersonalizedLearning.Tests.DependencyInjection;

/// <summary>The per-name count of options changes the engine provider reads: one watch per name, counting its own
/// name's changes, its baseline the first read, and silent once disposed.</summary>
public class OptionsChangesTests
{
    [Fact]
    public void AWatch_CountsItsOwnNamesChanges_KeepsTheFirstReadsCount_AndStopsWhenDisposed()
    {
        var first = new ConfigurationBuilder().AddInMemoryCollection().Build();
        var second = new ConfigurationBuilder().AddInMemoryCollection().Build();
        using var services = new ServiceCollection()
            .AddSingleton<IOptionsChangeTokenSource<PersonalizedLearningOptions>>(new ConfigurationChangeTokenSource<PersonalizedLearningOptions>("a", first))
            .AddSingleton<IOptionsChangeTokenSource<PersonalizedLearningOptions>>(new ConfigurationChangeTokenSource<PersonalizedLearningOptions>("b", second))
            .BuildServiceProvider();
        var changes = new OptionsChanges(services);
        var a = changes.For("a");
        var b = changes.For("b");
        var raised = 0;
        a.Changed += () => raised++;

        var kept = new PersonalizedLearningOptions();
        var later = new PersonalizedLearningOptions();

        changes.For("a").Should().BeSameAs(a, "one watch per name");
        a.AtFirstRead.Should().BeNull("nothing has read the options yet");
        first.Reload();
        FluentActions.Invoking(() => a.Read(() => throw new OptionsValidationException("a", typeof(PersonalizedLearningOptions), ["invalid now"])))
            .Should().ThrowExactly<OptionsValidationException>();
        a.AtFirstRead.Should().BeNull("a read that threw is not kept");
        a.Read(() => kept).Should().BeSameAs(kept);
        first.Reload();
        a.Read(() => later).Should().BeSameAs(kept, "every service of the name is built from the first read");

        (a.Count, a.AtFirstRead, raised).Should().Be((2L, 1L, 2), "the baseline is the first read's count; a later read keeps it");
        b.Count.Should().Be(0, "another name's source did not change");
        second.Reload();
        b.Count.Should().Be(1);

        changes.Dispose();
        first.Reload();
        second.Reload();

        (a.Count, b.Count, raised).Should().Be((2L, 1L, 2));
    }
}
