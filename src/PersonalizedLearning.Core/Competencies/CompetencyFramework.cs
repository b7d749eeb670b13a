using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace PersonalizedLearning.Competencies;

/// <summary>
/// What there is to learn: competencies, their hierarchy, their prerequisites and related links.
/// Built and validated by <see cref="CompetencyFrameworkBuilder"/>.
/// </summary>
/// <remarks>
/// <para>Inside, competencies are numbered densely in declaration order and every relation is held in
/// flat arrays, so graph queries walk arrays instead of hashing strings. The only hash lookup is the one
/// that turns a caller's <see cref="CompetencyId"/> into an index.</para>
/// <para>Immutable and thread-safe: build once, share across threads. Equality is by value: title, competencies and
/// relations in declaration order, and the order of the roots; a framework read back from JSON equals the original.</para>
/// </remarks>
public sealed class CompetencyFramework : IEquatable<CompetencyFramework>
{
    private readonly Dictionary<CompetencyId, int> _index;
    private readonly Dictionary<Uri, int> _byUri = new(UriIdentity.Default);
    private readonly AdjacencyList _children;
    private readonly AdjacencyList _parents;
    private readonly AdjacencyList _dependents;
    private readonly AdjacencyList _prerequisites;
    private readonly AdjacencyList _related;
    private readonly int[] _topologicalOrder;
    private readonly int[] _topologicalRank;
    private readonly int[] _sequenceRank;
    private readonly int[] _withoutPrerequisites;
    private readonly ImmutableArray<CompetencyId>[][] _neighbourIds;

    internal CompetencyFramework(
        string? title,
        ImmutableArray<Competency> competencies,
        Dictionary<CompetencyId, int> index,
        ImmutableArray<CompetencyRelation> relations,
        AdjacencyList children,
        AdjacencyList dependents,
        AdjacencyList related,
        IReadOnlyList<CompetencyId>? rootOrder = null)
    {
        Title = title;
        Competencies = competencies;
        Relations = relations;
        _index = index;
        for (var i = 0; i < competencies.Length; i++)
        {
            if (competencies[i].Uri is { } uri)
            {
                _byUri.TryAdd(uri, i);
            }
        }

        _children = children;
        _parents = children.Reverse();
        _dependents = dependents;
        _prerequisites = dependents.Reverse();
        _related = related;
        _topologicalOrder = GraphAlgorithms.TopologicalOrder(dependents);
        _topologicalRank = new int[competencies.Length];
        for (var rank = 0; rank < _topologicalOrder.Length; rank++)
        {
            _topologicalRank[_topologicalOrder[rank]] = rank;
        }

        _sequenceRank = children.EdgeCount == 0 ? _topologicalRank : HierarchySequenceRank(dependents, children) ?? _topologicalRank;
        TopologicalOrder = [.. _topologicalOrder.Select(i => competencies[i].Id)];
        _withoutPrerequisites = [.. _topologicalOrder.Where(i => _prerequisites[i].IsEmpty)];
        _neighbourIds = [.. new[] { _parents, _children, _prerequisites, _dependents, _related }.Select(ToIds)];
        // Roots in declaration order, unless an order was given (a CASE document's children, by the sequenceNumber of
        // their isChildOf to the document): those it names first, in its order, then the others in declaration order.
        var rootRank = new Dictionary<CompetencyId, int>();
        for (var r = 0; r < (rootOrder?.Count ?? 0); r++)
        {
            rootRank.TryAdd(rootOrder![r], r);
        }

        Roots = [.. Enumerable.Range(0, competencies.Length).Where(i => _parents[i].IsEmpty)
            .OrderBy(i => rootRank.TryGetValue(competencies[i].Id, out var r) ? r : int.MaxValue).ThenBy(i => i).Select(i => competencies[i].Id)];
    }

    /// <summary>The framework's title.</summary>
    /// <value>Null when none was given.</value>
    public string? Title { get; }

    /// <summary>Every competency, in declaration order.</summary>
    public ImmutableArray<Competency> Competencies { get; }

    /// <summary>Every relation, in declaration order, as declared (related links once, not mirrored).</summary>
    public ImmutableArray<CompetencyRelation> Relations { get; }

    /// <summary>The number of competencies.</summary>
    public int Count => Competencies.Length;

    /// <summary>
    /// Every competency ordered so that each comes after all its prerequisites. Among competencies that
    /// are free to go next, the one declared first goes first, so the order is deterministic.
    /// </summary>
    public ImmutableArray<CompetencyId> TopologicalOrder { get; }

    /// <summary>The competencies with no parent in the hierarchy, in declaration order; for a framework read from CASE,
    /// the document's children ordered by the sequenceNumber of their isChildOf to the document (then declaration
    /// order), as children are ordered under any other parent.</summary>
    public ImmutableArray<CompetencyId> Roots { get; }

    /// <summary>Whether the framework defines <paramref name="id"/>.</summary>
    /// <param name="id">The competency id.</param>
    /// <returns>True when defined.</returns>
    public bool Contains(CompetencyId id) => _index.ContainsKey(id);

    /// <summary>Looks up a competency.</summary>
    /// <param name="id">The competency id.</param>
    /// <param name="competency">The competency when found.</param>
    /// <returns>True when found.</returns>
    public bool TryGetCompetency(CompetencyId id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Competency? competency)
    {
        competency = _index.TryGetValue(id, out var i) ? Competencies[i] : null;
        return competency is not null;
    }

    /// <summary>Returns a competency by id.</summary>
    /// <param name="id">The competency id.</param>
    /// <returns>The competency.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not in the framework.</exception>
    public Competency GetCompetency(CompetencyId id) => Competencies[IndexOf(id)];

    /// <summary>The parents of a competency in the hierarchy, in declaration order.</summary>
    /// <param name="id">The competency id.</param>
    /// <returns>The parents; empty for a root.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not in the framework.</exception>
    public ImmutableArray<CompetencyId> GetParents(CompetencyId id) => _neighbourIds[0][IndexOf(id)];

    /// <summary>The children of a competency in the hierarchy, in declaration order.</summary>
    /// <param name="id">The competency id.</param>
    /// <returns>The children; empty for a leaf.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not in the framework.</exception>
    public ImmutableArray<CompetencyId> GetChildren(CompetencyId id) => _neighbourIds[1][IndexOf(id)];

    /// <summary>The direct prerequisites of a competency: what must be mastered before it is ready.</summary>
    /// <param name="id">The competency id.</param>
    /// <returns>The direct prerequisites, in declaration order.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not in the framework.</exception>
    public ImmutableArray<CompetencyId> GetPrerequisites(CompetencyId id) => _neighbourIds[2][IndexOf(id)];

    /// <summary>The competencies that list <paramref name="id"/> as a direct prerequisite.</summary>
    /// <param name="id">The competency id.</param>
    /// <returns>The direct dependents, in declaration order.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not in the framework.</exception>
    public ImmutableArray<CompetencyId> GetDependents(CompetencyId id) => _neighbourIds[3][IndexOf(id)];

    /// <summary>The competencies related to <paramref name="id"/>, whichever end declared the link.</summary>
    /// <param name="id">The competency id.</param>
    /// <returns>The related competencies.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not in the framework.</exception>
    public ImmutableArray<CompetencyId> GetRelated(CompetencyId id) => _neighbourIds[4][IndexOf(id)];

    /// <summary>Every hierarchy ancestor of any competency in <paramref name="ids"/> (parents, their parents, and so on).</summary>
    /// <param name="ids">The competencies to start from.</param>
    /// <returns>The ancestors in declaration order. A member of <paramref name="ids"/> appears only if it is also an ancestor of another member.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ids"/> is null.</exception>
    /// <exception cref="ArgumentException">An id is not in the framework.</exception>
    public ImmutableArray<CompetencyId> GetAncestors(IEnumerable<CompetencyId> ids) => Closure(_parents, ids);

    /// <summary>Every direct or indirect prerequisite of any competency in <paramref name="ids"/>.</summary>
    /// <param name="ids">The competencies to start from.</param>
    /// <returns>The prerequisites in topological order (each after its own prerequisites).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ids"/> is null.</exception>
    /// <exception cref="ArgumentException">An id is not in the framework.</exception>
    public ImmutableArray<CompetencyId> GetPrerequisiteClosure(IEnumerable<CompetencyId> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var reached = new bool[Count];
        GraphAlgorithms.MarkReachable(_prerequisites, IndicesOf(ids), reached);
        return [.. _topologicalOrder.Where(i => reached[i]).Select(i => Competencies[i].Id)];
    }

    /// <summary>
    /// The frontier: competencies not yet mastered whose prerequisites are all mastered, that is, what the
    /// learner is ready to learn next (ALEKS calls it the outer fringe).
    /// </summary>
    /// <param name="mastered">The competencies the learner has mastered. Repeats are allowed.</param>
    /// <returns>The frontier in topological order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mastered"/> is null.</exception>
    /// <exception cref="ArgumentException">An id is not in the framework.</exception>
    public ImmutableArray<CompetencyId> GetFrontier(IEnumerable<CompetencyId> mastered)
    {
        ArgumentNullException.ThrowIfNull(mastered);
        var bits = new ulong[(Count + 63) >> 6];
        var indices = new List<int>();
        foreach (var i in IndicesOf(mastered))
        {
            if (!IsSet(bits, i))
            {
                bits[i >> 6] |= 1UL << i;
                indices.Add(i); // once each: the sparse walk takes a dependent from its first prerequisite only
            }
        }

        var frontier = new List<int>();
        FillFrontier(bits, CollectionsMarshal.AsSpan(indices), frontier);
        frontier.Sort((a, b) => _topologicalRank[a].CompareTo(_topologicalRank[b]));
        return [.. frontier.Select(i => Competencies[i].Id)];
    }

    /// <summary>The dense index of a competency.</summary>
    /// <summary>Finds the competency an absolute URI names, such as a CASE item URI.</summary>
    /// <param name="uri">The URI.</param>
    /// <param name="competency">The competency, when found.</param>
    /// <returns>Whether a competency of the framework has this URI (the first declared, if several do).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="uri"/> is null.</exception>
    public bool TryFindByUri(Uri uri, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Competency? competency)
    {
        ArgumentNullException.ThrowIfNull(uri);
        competency = _byUri.TryGetValue(uri, out var i) ? Competencies[i] : null;
        return competency is not null;
    }

    internal int IndexOf(CompetencyId id) => _index.TryGetValue(id, out var i)
        ? i
        : throw new UnknownCompetencyException(id, $"Competency '{id}' is not in framework '{Title}'; check the id or add the competency to the framework.", nameof(id));

    /// <summary>What a piece of evidence keeps its lookups in this instance by (<see cref="Serials"/>).</summary>
    internal int Serial { get; } = Serials.Next();

    internal bool TryGetIndex(CompetencyId id, out int index) => _index.TryGetValue(id, out index);

    internal ReadOnlySpan<int> PrerequisiteIndices(int index) => _prerequisites[index];

    internal ReadOnlySpan<int> DependentIndices(int index) => _dependents[index];

    internal ReadOnlySpan<int> ChildIndices(int index) => _children[index];

    // Whether any competency has children (a parent-child edge).
    internal bool HasHierarchy => _children.EdgeCount > 0;

    internal ReadOnlySpan<int> ParentIndices(int index) => _parents[index];

    internal int TopologicalRank(int index) => _topologicalRank[index];

    // A playlist's sequence: each competency's place in the topological order of the prerequisites together with the
    // hierarchy, children before their parents (a parent is reached through its children; GoalPaths), declaration order
    // among equals. The topological rank itself without a hierarchy, and when the two relations together hold a cycle (a
    // parent that is a prerequisite of its own descendant, which each relation alone allows): prerequisites alone then.
    internal int SequenceRank(int index) => _sequenceRank[index];

    private static int[]? HierarchySequenceRank(AdjacencyList dependents, AdjacencyList children)
    {
        var n = dependents.NodeCount;
        var edges = new List<(int From, int To)>(dependents.EdgeCount + children.EdgeCount);
        for (var from = 0; from < n; from++)
        {
            foreach (var to in dependents[from])
            {
                edges.Add((from, to));
            }

            foreach (var child in children[from])
            {
                edges.Add((child, from));
            }
        }

        if (GraphAlgorithms.TryTopologicalOrder(AdjacencyList.Create(n, edges)) is not { } order)
        {
            return null;
        }

        var rank = new int[n];
        for (var r = 0; r < n; r++)
        {
            rank[order[r]] = r;
        }

        return rank;
    }

    /// <summary>
    /// Appends the frontier given a mastered bit per dense index and the touched indices (a superset of the mastered
    /// ones): the competencies without prerequisites that are not mastered, in topological order, then the dependents
    /// of mastered competencies whose prerequisites are all mastered. O(competencies without prerequisites + edges out
    /// of the mastered ones); it never walks the whole framework. Each competency is appended once: a dependent is
    /// taken only from its first prerequisite.
    /// </summary>
    internal void FillFrontier(ReadOnlySpan<ulong> mastered, ReadOnlySpan<int> touched, List<int> frontier)
    {
        foreach (var i in _withoutPrerequisites)
        {
            if (!IsSet(mastered, i))
            {
                frontier.Add(i);
            }
        }

        foreach (var m in touched)
        {
            if (!IsSet(mastered, m))
            {
                continue;
            }

            foreach (var d in _dependents[m])
            {
                var prerequisites = _prerequisites[d];
                if (prerequisites[0] != m || IsSet(mastered, d))
                {
                    continue;
                }

                var ready = true;
                for (var k = 1; k < prerequisites.Length; k++)
                {
                    if (!IsSet(mastered, prerequisites[k]))
                    {
                        ready = false;
                        break;
                    }
                }

                if (ready)
                {
                    frontier.Add(d);
                }
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static bool IsSet(ReadOnlySpan<ulong> bits, int index) => (bits[index >> 6] & (1UL << index)) != 0;

    private ImmutableArray<CompetencyId> Closure(AdjacencyList graph, IEnumerable<CompetencyId> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var reached = new bool[Count];
        GraphAlgorithms.MarkReachable(graph, IndicesOf(ids), reached);
        return [.. Enumerable.Range(0, Count).Where(i => reached[i]).Select(i => Competencies[i].Id)];
    }

    private List<int> IndicesOf(IEnumerable<CompetencyId> ids)
    {
        var indices = new List<int>();
        foreach (var id in ids)
        {
            indices.Add(IndexOf(id));
        }

        return indices;
    }

    private ImmutableArray<CompetencyId>[] ToIds(AdjacencyList graph)
    {
        var result = new ImmutableArray<CompetencyId>[Count];
        for (var i = 0; i < Count; i++)
        {
            var ids = ImmutableArray.CreateBuilder<CompetencyId>(graph[i].Length);
            foreach (var j in graph[i])
            {
                ids.Add(Competencies[j].Id);
            }

            result[i] = ids.MoveToImmutable();
        }

        return result;
    }

    /// <inheritdoc />
    /// <remarks>O(competencies + relations).</remarks>
    public bool Equals(CompetencyFramework? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (string.Equals(Title, other.Title, StringComparison.Ordinal)
                && Competencies.SequenceEqual(other.Competencies)
                && Relations.SequenceEqual(other.Relations)
                && Roots.SequenceEqual(other.Roots)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CompetencyFramework);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Title, Count, Relations.Length, Count == 0 ? default : Competencies[0].Id);

    /// <inheritdoc />
    public override string ToString() => $"CompetencyFramework {{ Title = {Title}, Competencies = {Count}, Relations = {Relations.Length} }}";
}
