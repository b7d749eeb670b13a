namespace PersonalizedLearning.Competencies;

/// <summary>
/// The graph algorithms a framework needs at build time. All are iterative, so a hostile or very deep
/// definition cannot overflow the stack, and all run in O(V + E) apart from the heap in the
/// topological sort (O(E log V)).
/// </summary>
internal static class GraphAlgorithms
{
    /// <summary>
    /// Finds one cycle in every strongly connected component that has more than one node, using
    /// Tarjan's algorithm (Tarjan 1972) followed by a breadth-first search for the shortest cycle
    /// through the component's lowest-index node. Each cycle is returned as a path that starts and ends
    /// with the same node. Self-loops are not reported here; builders reject them separately.
    /// </summary>
    public static List<int[]> FindCycles(AdjacencyList graph)
    {
        var n = graph.NodeCount;
        var component = TarjanComponents(graph, out var componentCount);
        var sizes = new int[componentCount];
        var lowestNode = new int[componentCount];
        Array.Fill(lowestNode, int.MaxValue);
        for (var v = 0; v < n; v++)
        {
            var c = component[v];
            sizes[c]++;
            lowestNode[c] = Math.Min(lowestNode[c], v);
        }

        var cycles = new List<int[]>();
        var order = Enumerable.Range(0, componentCount).Where(c => sizes[c] > 1).OrderBy(c => lowestNode[c]);
        foreach (var c in order)
        {
            cycles.Add(ShortestCycleThrough(graph, lowestNode[c], component));
        }

        return cycles;
    }

    /// <summary>
    /// Kahn's algorithm with a min-heap on node index: among the nodes whose predecessors are all placed,
    /// the one declared first goes next, so the order is deterministic and as close to declaration order
    /// as the edges allow. The graph must be acyclic.
    /// </summary>
    public static int[] TopologicalOrder(AdjacencyList graph)
        => TryTopologicalOrder(graph) ?? throw new InvalidOperationException("The graph has a cycle; validate it before sorting.");

    /// <summary>As <see cref="TopologicalOrder"/>, or null when the graph has a cycle.</summary>
    public static int[]? TryTopologicalOrder(AdjacencyList graph)
    {
        var n = graph.NodeCount;
        var inDegree = new int[n];
        for (var v = 0; v < n; v++)
        {
            foreach (var w in graph[v])
            {
                inDegree[w]++;
            }
        }

        var ready = new PriorityQueue<int, int>();
        for (var v = 0; v < n; v++)
        {
            if (inDegree[v] == 0)
            {
                ready.Enqueue(v, v);
            }
        }

        var order = new int[n];
        var count = 0;
        while (ready.TryDequeue(out var v, out _))
        {
            order[count++] = v;
            foreach (var w in graph[v])
            {
                if (--inDegree[w] == 0)
                {
                    ready.Enqueue(w, w);
                }
            }
        }

        return count == n ? order : null;
    }

    /// <summary>Every node reachable from <paramref name="start"/> by one or more edges, marked in <paramref name="reached"/>.</summary>
    public static void MarkReachable(AdjacencyList graph, IEnumerable<int> start, bool[] reached)
    {
        var stack = new Stack<int>();
        foreach (var s in start)
        {
            foreach (var w in graph[s])
            {
                if (!reached[w])
                {
                    reached[w] = true;
                    stack.Push(w);
                }
            }
        }

        while (stack.TryPop(out var v))
        {
            foreach (var w in graph[v])
            {
                if (!reached[w])
                {
                    reached[w] = true;
                    stack.Push(w);
                }
            }
        }
    }

    private static int[] TarjanComponents(AdjacencyList graph, out int componentCount)
    {
        var n = graph.NodeCount;
        var index = new int[n];
        var low = new int[n];
        var component = new int[n];
        var onStack = new bool[n];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var callStack = new Stack<(int Node, int NextEdge)>();
        var nextIndex = 0;
        componentCount = 0;

        for (var root = 0; root < n; root++)
        {
            if (index[root] != -1)
            {
                continue;
            }

            callStack.Push((root, 0));
            index[root] = low[root] = nextIndex++;
            stack.Push(root);
            onStack[root] = true;

            while (callStack.Count > 0)
            {
                var (v, edge) = callStack.Pop();
                var edges = graph[v];
                if (edge < edges.Length)
                {
                    callStack.Push((v, edge + 1));
                    var w = edges[edge];
                    if (index[w] == -1)
                    {
                        index[w] = low[w] = nextIndex++;
                        stack.Push(w);
                        onStack[w] = true;
                        callStack.Push((w, 0));
                    }
                    else if (onStack[w])
                    {
                        low[v] = Math.Min(low[v], index[w]);
                    }

                    continue;
                }

                // v is finished: close its component if it is a root, then report low to the caller.
                if (low[v] == index[v])
                {
                    int w;
                    do
                    {
                        w = stack.Pop();
                        onStack[w] = false;
                        component[w] = componentCount;
                    }
                    while (w != v);
                    componentCount++;
                }

                if (callStack.Count > 0)
                {
                    var parent = callStack.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }
        }

        return component;
    }

    private static int[] ShortestCycleThrough(AdjacencyList graph, int start, int[] component)
    {
        var target = component[start];
        var previous = new Dictionary<int, int>();
        var queue = new Queue<int>();
        queue.Enqueue(start);
        while (queue.TryDequeue(out var v))
        {
            foreach (var w in graph[v])
            {
                if (w == start)
                {
                    var path = new List<int> { start };
                    for (var u = v; u != start; u = previous[u])
                    {
                        path.Add(u);
                    }

                    path.Add(start);
                    path.Reverse();
                    return [.. path];
                }

                if (component[w] == target && !previous.ContainsKey(w))
                {
                    previous[w] = v;
                    queue.Enqueue(w);
                }
            }
        }

        throw new InvalidOperationException("A strongly connected component with several nodes always holds a cycle.");
    }
}
