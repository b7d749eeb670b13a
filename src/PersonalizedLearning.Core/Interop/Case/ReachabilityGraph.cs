namespace PersonalizedLearning.Interop.Case;

/// <summary>
/// A growing directed graph with a reachability test, for refusing an edge that would close a cycle. Each test stamps
/// the nodes it visits with its own number, so no set is allocated or cleared per test. Not thread-safe.
/// </summary>
internal sealed class ReachabilityGraph(int count)
{
    private readonly List<int>?[] _out = new List<int>?[count];
    private readonly int[] _visited = new int[count];
    private readonly Stack<int> _stack = new();
    private int _stamp;

    public void Add(int from, int to) => (_out[from] ??= []).Add(to);

    public bool Reaches(int from, int to)
    {
        if (from == to)
        {
            return true;
        }

        var stamp = ++_stamp;
        _visited[from] = stamp;
        _stack.Clear();
        _stack.Push(from);
        while (_stack.TryPop(out var node))
        {
            if (_out[node] is not { } next)
            {
                continue;
            }

            foreach (var n in next)
            {
                if (n == to)
                {
                    return true;
                }

                if (_visited[n] != stamp)
                {
                    _visited[n] = stamp;
                    _stack.Push(n);
                }
            }
        }

        return false;
    }
}
