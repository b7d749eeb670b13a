namespace PersonalizedLearning.Competencies;

/// <summary>
/// A directed graph over dense node indices in compressed sparse row form: one flat array of targets
/// and one array of offsets, so walking a node's edges touches contiguous memory and never hashes.
/// Edges keep the order they were given in. Immutable after construction.
/// </summary>
internal sealed class AdjacencyList
{
    private readonly int[] _offsets;
    private readonly int[] _targets;

    private AdjacencyList(int[] offsets, int[] targets)
    {
        _offsets = offsets;
        _targets = targets;
    }

    public int NodeCount => _offsets.Length - 1;

    public int EdgeCount => _targets.Length;

    public ReadOnlySpan<int> this[int node] => _targets.AsSpan(_offsets[node], _offsets[node + 1] - _offsets[node]);

    public static AdjacencyList Create(int nodeCount, IReadOnlyList<(int From, int To)> edges)
    {
        var offsets = new int[nodeCount + 1];
        foreach (var (from, _) in edges)
        {
            offsets[from + 1]++;
        }

        for (var i = 0; i < nodeCount; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        var targets = new int[edges.Count];
        var next = offsets.AsSpan(0, nodeCount).ToArray();
        foreach (var (from, to) in edges)
        {
            targets[next[from]++] = to;
        }

        return new AdjacencyList(offsets, targets);
    }

    /// <summary>The same graph with every edge turned around; each node's list is in ascending order of the original
    /// sources. <see cref="Create"/> places edges in the order it meets them, and they are met source by source, so no sort
    /// is needed (a sort here was found redundant by the mutation run of 2 December 2026: removing it changed nothing).</summary>
    public AdjacencyList Reverse()
    {
        var edges = new List<(int, int)>(EdgeCount);
        for (var from = 0; from < NodeCount; from++)
        {
            foreach (var to in this[from])
            {
                edges.Add((to, from));
            }
        }

        return Create(NodeCount, edges);
    }
}
