using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Tests.Observations;

public sealed class ResponseLogTests
{
    [Fact]
    public void Create_OrdersChainsByOrderThenByPositionInTheLog()
    {
        var log = ResponseLog.Create(
        [
            new Response("b", "k", true, 3), new Response("a", "k", false, 2), new Response("a", "k", true, 2),
            new Response("a", "j", true, 9), new Response("a", "k", true, 1),
        ]);
        log.Competencies.Select(c => c.Value).Should().Equal("j", "k");
        log.LearnerCount.Should().Be(2);
        log.ChainCount.Should().Be(3);
        log.Chain(0).ToArray().Should().Equal(3);          // a on j
        log.Chain(1).ToArray().Should().Equal(4, 1, 2);    // a on k: order 1, then the two order-2 answers as logged
        log.Chain(2).ToArray().Should().Equal(0);          // b on k
    }

    [Fact]
    public void Create_BadInput_ThrowsNamingTheResponse()
    {
        FluentActions.Invoking(() => ResponseLog.Create([])).Should().Throw<ArgumentException>().WithMessage("The response log is empty; a fit or an evaluation needs at least one response.*");
        FluentActions.Invoking(() => ResponseLog.Create([new Response("a", "k", true, 1), new Response(default, "k", true, 2)]))
            .Should().Throw<ArgumentException>().WithMessage("Response 1 has an empty learner id.*");
        FluentActions.Invoking(() => ResponseLog.Create([new Response("a", default, true, 1)]))
            .Should().Throw<ArgumentException>().WithMessage("Response 0 has an empty competency id.*");
        FluentActions.Invoking(() => ResponseLog.Create(null!)).Should().Throw<ArgumentNullException>();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void FromOutcome_NonBinary_Throws(int outcome)
        => FluentActions.Invoking(() => Response.FromOutcome("a", "k", outcome, 7)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage($"A response's outcome must be 0 (wrong) or 1 (correct); got {outcome} for learner 'a' on 'k' at order 7.*");

    [Fact]
    public void FromOutcome_ZeroAndOne()
    {
        Response.FromOutcome("a", "k", 1, 7).Correct.Should().BeTrue();
        Response.FromOutcome("a", "k", 0, 7, "item").Should().Be(new Response("a", "k", false, 7, "item"));
    }

    [Fact]
    public void ChainsOf_GivesEachCompetencyItsLearnersChains_InOrder()
    {
        // Competencies j < k < m ordinally; learners a < b. Chains: j: a; k: a, b; m: b.
        var log = ResponseLog.Create(
        [
            new Response("b", "m", false, 1), new Response("b", "k", true, 3), new Response("a", "k", false, 2),
            new Response("a", "j", true, 9), new Response("a", "k", true, 1),
        ]);
        log.Count.Should().Be(5);
        log.Competencies.Select(c => c.Value).Should().Equal("j", "k", "m");
        log.ChainCount.Should().Be(4);
        var j = log.ChainsOf(0);
        j.Count.Should().Be(1);
        j[0].ToArray().Should().Equal(3);
        j.Correct(0).ToArray().Should().Equal(true);
        var k = log.ChainsOf(1);
        k.Count.Should().Be(2);
        k[0].ToArray().Should().Equal(4, 2);
        k.Correct(0).ToArray().Should().Equal(true, false);
        k[1].ToArray().Should().Equal(1);
        k.Correct(1).ToArray().Should().Equal(true);
        var m = log.ChainsOf(2);
        m.Count.Should().Be(1);
        m[0].ToArray().Should().Equal(0);
        m.Correct(0).ToArray().Should().Equal(false);
    }

    [Fact]
    public void Where_KeepsTheMatchingResponses_AndRefusesNull()
    {
        var log = ResponseLog.Create([new Response("a", "k", true, 1), new Response("b", "j", false, 2), new Response("b", "k", false, 3)]);
        var onK = log.Where(r => r.Competency == new PersonalizedLearning.Competencies.CompetencyId("k"));
        onK.Responses.Should().Equal(new Response("a", "k", true, 1), new Response("b", "k", false, 3));
        onK.Competencies.Select(c => c.Value).Should().Equal("k");
        onK.LearnerCount.Should().Be(2);
        FluentActions.Invoking(() => log.Where(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => log.Where(_ => false)).Should().Throw<ArgumentException>().WithMessage("The response log is empty*");
        FluentActions.Invoking(() => ResponseLog.Create([new Response("a", "k", true, 1, default(PersonalizedLearning.Activities.ActivityId))]))
            .Should().Throw<ArgumentException>().WithMessage("Response 0 has an empty activity id.*").And.ParamName.Should().Be("responses");
    }

    [Fact]
    public void Create_InterleavedLearners_OneChainPerLearnerAndCompetency()
    {
        // a and b answer k in turns: each learner's answers are one chain, not a new chain at every change of learner.
        var log = ResponseLog.Create(
        [
            new Response("a", "k", true, 1), new Response("b", "k", false, 2), new Response("a", "k", false, 3),
            new Response("b", "k", true, 4), new Response("a", "j", true, 1), new Response("b", "j", false, 2),
        ]);
        log.ChainCount.Should().Be(4);
        var k = log.Competencies.IndexOf("k");
        k.Should().Be(1);
        var chains = log.ChainsOf(k);
        chains.Count.Should().Be(2);
        chains[0].ToArray().Should().Equal(0, 2);   // a on k
        chains[1].ToArray().Should().Equal(1, 3);   // b on k: the second chain of the second competency
        chains.Correct(1).ToArray().Should().Equal(false, true);
    }

    [Fact]
    public void Create_ManyAnswersAtOneOrder_KeepTheLogsOrder()
    {
        // Forty answers of one learner at the same order: the sort must be stable (ties by position in the log), also
        // past the size where Array.Sort stops using insertion sort.
        var pattern = Enumerable.Range(0, 40).Select(i => (i * 7) % 3 == 0).ToArray();
        var log = ResponseLog.Create(pattern.Select(correct => new Response("a", "k", correct, 5)));
        log.Chain(0).ToArray().Should().Equal(Enumerable.Range(0, 40));
        log.ChainCorrect(0).ToArray().Should().Equal(pattern);
    }

    [Fact]
    public void CreateAndWhere_NullArguments_NameTheirParameter()
    {
        FluentActions.Invoking(() => ResponseLog.Create(null!)).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("responses");
        var log = ResponseLog.Create([new Response("a", "k", true, 1)]);
        FluentActions.Invoking(() => log.Where(null!)).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("keep");
    }
}
