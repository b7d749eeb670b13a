using System.Collections.Immutable;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery.KnowledgeTracing;

namespace PersonalizedLearning.Tests.Mastery.KnowledgeTracing;

public sealed class BktFitOptionsTests
{
    private const string What = "BKT fit options";

    // Valid and not the defaults, so that a with expression has something of its own to keep.
    private static readonly BktFitOptions Original = new() { Restarts = 3, Tolerance = 1e-4, MaxIterations = 50, MaxDegreeOfParallelism = 2 };

    [Fact]
    public void Restarts_BelowOne_IsRefusedAsSet()
        => OptionChecks.RefusedAsSet(Original, () => new BktFitOptions { Restarts = 0 }, o => o with { Restarts = 0 }, "Restarts", What, "restarts must be at least 1; got 0");

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-1e-3, "-0.001")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void Tolerance_NotFiniteAndPositive_IsRefusedAsSet(double tolerance, string shown)
        => OptionChecks.RefusedAsSet(Original, () => new BktFitOptions { Tolerance = tolerance }, o => o with { Tolerance = tolerance }, "Tolerance", What, $"the tolerance must be finite and greater than 0; got {shown}");

    [Fact]
    public void MaxIterations_BelowOne_IsRefusedAsSet()
        => OptionChecks.RefusedAsSet(Original, () => new BktFitOptions { MaxIterations = 0 }, o => o with { MaxIterations = 0 }, "MaxIterations", What, "the iteration limit must be at least 1; got 0");

    [Fact]
    public void LearnBy_Undefined_IsRefusedAsSet()
        => OptionChecks.RefusedAsSet(Original, () => new BktFitOptions { LearnBy = (BktLearnBy)9 }, o => o with { LearnBy = (BktLearnBy)9 }, "LearnBy", What, "learn-by must be Competency, Activity or ActivityPair; got 9");

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void MaxDegreeOfParallelism_ZeroOrBelowMinusOne_IsRefusedAsSet(int degree)
        => OptionChecks.RefusedAsSet(Original, () => new BktFitOptions { MaxDegreeOfParallelism = degree }, o => o with { MaxDegreeOfParallelism = degree }, "MaxDegreeOfParallelism", What,
            $"the degree of parallelism must be -1 (all cores) or at least 1; got {degree}");

    [Fact]
    public void FixedByCompetency_WithANullValue_IsRefusedAsSet_NamingEveryOne()
    {
        var bad = ImmutableDictionary<CompetencyId, BktFixedParameters>.Empty.Add("a", null!).Add("b", new BktFixedParameters { Guess = 0.2 }).Add("c", null!);
        OptionChecks.RefusedAsSet(Original, () => new BktFitOptions { FixedByCompetency = bad }, o => o with { FixedByCompetency = bad }, "FixedByCompetency", What,
            "every competency's fixed parameters must not be null; got null for 'a'. FixedByCompetency: every competency's fixed parameters must not be null; got null for 'c'");
    }

    [Fact]
    public void FixedByCompetency_Null_IsArgumentNullException()
    {
        FluentActions.Invoking(() => Original with { FixedByCompetency = null! }).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("FixedByCompetency");
        Original.FixedByCompetency.Should().BeEmpty();
    }

    [Fact]
    public void Initializer_SeveralBadValues_TheFirstSetThrows()
    {
        // An object initializer sets one property at a time: the first bad one stops it.
        var act = () => new BktFitOptions { MaxIterations = 0, Restarts = 0, Tolerance = double.NaN };
        act.Should().ThrowExactly<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("MaxIterations");
    }

    [Fact]
    public void With_GoodValues_KeepsTheRest()
    {
        var changed = Original with { Restarts = 1, MaxDegreeOfParallelism = -1 };
        (changed.Restarts, changed.Tolerance, changed.MaxIterations, changed.MaxDegreeOfParallelism).Should().Be((1, 1e-4, 50, -1));
        (Original.Restarts, Original.MaxDegreeOfParallelism).Should().Be((3, 2));
    }
}
