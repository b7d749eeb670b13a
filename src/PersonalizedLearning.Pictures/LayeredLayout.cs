namespace PersonalizedLearning.Pictures;

/// <summary>A layered (Sugiyama) drawing of a directed acyclic graph, left to right: longest-path layering (a node one
/// layer after its furthest prerequisite, so every edge goes to a later layer), dummy nodes on edges that span layers,
/// and crossing reduction by the barycentre heuristic (Sugiyama, Tagawa and Toda 1981) in alternating sweeps, keeping
/// the order with the fewest crossings seen.</summary>
/// <remarks>Nodes are numbered 0..n−1; dummies get numbers from n on. Deterministic: ties keep the earlier order, and
/// the first order is the caller's (the framework's topological order).</remarks>
internal sealed class LayeredLayout
{
    private const int Sweeps = 8;

    private LayeredLayout(int[] layerOf, List<List<int>> layers, List<int[]> chains, int realCount)
    {
        LayerOf = layerOf;
        Layers = layers;
        Chains = chains;
        RealCount = realCount;
    }

    /// <summary>The layer of every node, dummies included.</summary>
    internal int[] LayerOf { get; }

    /// <summary>The nodes of each layer, top to bottom.</summary>
    internal List<List<int>> Layers { get; }

    /// <summary>One chain per edge: the source, the dummies in order, the target.</summary>
    internal List<int[]> Chains { get; }

    internal int RealCount { get; }

    internal bool IsDummy(int node) => node >= RealCount;

    /// <summary>Lays out a graph.</summary>
    /// <param name="order">The nodes in a topological order (every node after its predecessors).</param>
    /// <param name="edges">The edges, each (from, to), from a predecessor to its successor.</param>
    internal static LayeredLayout Create(IReadOnlyList<int> order, IReadOnlyList<(int From, int To)> edges)
    {
        var n = order.Count;
        var predecessors = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            predecessors[i] = [];
        }

        foreach (var (from, to) in edges)
        {
            predecessors[to].Add(from);
        }

        var layer = new int[n];
        foreach (var node in order)
        {
            layer[node] = predecessors[node].Count == 0 ? 0 : predecessors[node].Max(p => layer[p]) + 1;
        }

        var layerCount = n == 0 ? 0 : layer.Max() + 1;
        var layers = new List<List<int>>();
        for (var l = 0; l < layerCount; l++)
        {
            layers.Add([]);
        }

        foreach (var node in order)
        {
            layers[layer[node]].Add(node);
        }

        // Long edges become chains through one dummy per layer crossed, so they take part in the ordering and are drawn
        // around the nodes between.
        var layerOf = new List<int>(layer);
        var chains = new List<int[]>();
        foreach (var (from, to) in edges)
        {
            var chain = new List<int> { from };
            for (var l = layer[from] + 1; l < layer[to]; l++)
            {
                var dummy = layerOf.Count;
                layerOf.Add(l);
                layers[l].Add(dummy);
                chain.Add(dummy);
            }

            chain.Add(to);
            chains.Add([.. chain]);
        }

        var layout = new LayeredLayout([.. layerOf], layers, chains, n);
        layout.ReduceCrossings();
        return layout;
    }

    /// <summary>The number of crossings between consecutive layers.</summary>
    internal int Crossings()
    {
        var position = Positions();
        var segments = Segments();
        var crossings = 0;
        foreach (var group in segments.GroupBy(s => LayerOf[s.From]))
        {
            var list = group.ToList();
            for (var a = 0; a < list.Count; a++)
            {
                for (var b = a + 1; b < list.Count; b++)
                {
                    var (a1, a2) = (position[list[a].From], position[list[a].To]);
                    var (b1, b2) = (position[list[b].From], position[list[b].To]);
                    if ((a1 < b1 && a2 > b2) || (a1 > b1 && a2 < b2))
                    {
                        crossings++;
                    }
                }
            }
        }

        return crossings;
    }

    /// <summary>Every edge between consecutive layers, from the chains.</summary>
    internal List<(int From, int To)> Segments()
    {
        var segments = new List<(int, int)>();
        foreach (var chain in Chains)
        {
            for (var i = 0; i + 1 < chain.Length; i++)
            {
                segments.Add((chain[i], chain[i + 1]));
            }
        }

        return segments;
    }

    private int[] Positions()
    {
        var position = new int[LayerOf.Length];
        foreach (var nodes in Layers)
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                position[nodes[i]] = i;
            }
        }

        return position;
    }

    private void ReduceCrossings()
    {
        var segments = Segments();
        var before = new List<int>[LayerOf.Length];
        var after = new List<int>[LayerOf.Length];
        for (var i = 0; i < LayerOf.Length; i++)
        {
            before[i] = [];
            after[i] = [];
        }

        foreach (var (from, to) in segments)
        {
            after[from].Add(to);
            before[to].Add(from);
        }

        var best = Layers.Select(l => l.ToList()).ToList();
        var fewest = Crossings();
        for (var sweep = 0; sweep < Sweeps && fewest > 0; sweep++)
        {
            var down = sweep % 2 == 0;
            var position = Positions();
            for (var step = 1; step < Layers.Count; step++)
            {
                var l = down ? step : Layers.Count - 1 - step;
                var neighbours = down ? before : after;
                var nodes = Layers[l];
                var keys = new Dictionary<int, double>();
                for (var i = 0; i < nodes.Count; i++)
                {
                    var near = neighbours[nodes[i]];
                    keys[nodes[i]] = near.Count == 0 ? i : near.Average(v => (double)position[v]);
                }

                // A stable sort: equal barycentres keep their order.
                var sorted = nodes.Select((node, i) => (node, i)).OrderBy(x => keys[x.node]).ThenBy(x => x.i).Select(x => x.node).ToList();
                Layers[l] = sorted;
                for (var i = 0; i < sorted.Count; i++)
                {
                    position[sorted[i]] = i;
                }
            }

            var crossings = Crossings();
            if (crossings < fewest)
            {
                fewest = crossings;
                best = Layers.Select(x => x.ToList()).ToList();
            }
        }

        for (var l = 0; l < Layers.Count; l++)
        {
            Layers[l] = best[l];
        }
    }
}
