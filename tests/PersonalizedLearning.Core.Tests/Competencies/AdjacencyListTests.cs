using CsCheck;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Tests.Competencies;

public class AdjacencyListTests
{
    [Fact]
    public void Property_Reverse_ListsEachNodesSources_InAscendingOrder()
    {
        // The prerequisites of a competency are the reversed dependents graph; their order is ascending by index without
        // sorting (the sort that stood here was redundant: a mutant removing it survived the mutation run).
        var gen = from n in Gen.Int[1, 30]
                  from edges in Gen.Select(Gen.Int[0, n - 1], Gen.Int[0, n - 1]).Array[0, 80]
                  select (n, edges);
        gen.Sample(t =>
        {
            var graph = AdjacencyList.Create(t.n, [.. t.edges.OrderBy(e => e.Item2)]); // each node's targets in any order
            var reversed = graph.Reverse();
            for (var v = 0; v < t.n; v++)
            {
                reversed[v].ToArray().Should().Equal(t.edges.Where(e => e.Item2 == v).Select(e => e.Item1).Order());
            }
        }, iter: PropertyRuns.Iter(300));
    }
}
