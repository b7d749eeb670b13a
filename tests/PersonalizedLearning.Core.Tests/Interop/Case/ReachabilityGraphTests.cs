using CsCheck;
using PersonalizedLearning.Interop.Case;

namespace PersonalizedLearning.Tests.Interop.Case;

public class ReachabilityGraphTests
{
    [Fact]
    public void Reaches_FollowsEdgesForwardOnly()
    {
        // 0 → 1 → 2, 3 on its own.
        var graph = new ReachabilityGraph(4);
        graph.Add(0, 1);
        graph.Add(1, 2);

        graph.Reaches(0, 2).Should().BeTrue();
        graph.Reaches(2, 0).Should().BeFalse();
        graph.Reaches(0, 3).Should().BeFalse();
        graph.Reaches(3, 3).Should().BeTrue("a node reaches itself, so an edge to itself would close a cycle");

        graph.Add(2, 0);
        graph.Reaches(2, 1).Should().BeTrue("the new edge 2 → 0 leads on to 1");
        graph.Reaches(3, 0).Should().BeFalse();
    }

    [Fact]
    public void Reaches_AgreesWithTheTransitiveClosure_OverManyQueriesOnOneGraph()
    {
        // Each query stamps the nodes it visits with a new number instead of clearing a set; the closure (Warshall's
        // algorithm, worked independently) shows no stamp of an earlier query leaks into a later one.
        var edges = Gen.Int[0, 7].Select(Gen.Int[0, 7]).Array[0, 20];
        edges.Sample(list =>
        {
            const int n = 8;
            var graph = new ReachabilityGraph(n);
            var closure = new bool[n, n];
            for (var i = 0; i < n; i++)
            {
                closure[i, i] = true;
            }

            foreach (var (from, to) in list)
            {
                graph.Add(from, to);
                closure[from, to] = true;
            }

            for (var k = 0; k < n; k++)
            {
                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < n; j++)
                    {
                        closure[i, j] |= closure[i, k] && closure[k, j];
                    }
                }
            }

            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    graph.Reaches(i, j).Should().Be(closure[i, j], $"{i} → {j} over edges {string.Join(" ", list)}");
                }
            }
        }, iter: PropertyRuns.Iter(300));
    }
}
