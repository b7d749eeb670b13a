using System.Collections.Immutable;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Activities;

/// <summary>
/// The learning activities available for a framework, with an index from each competency to the
/// activities aligned to it. Built and validated by <see cref="ActivityCatalogBuilder"/>.
/// </summary>
/// <remarks>Immutable and thread-safe: build once, share across threads.</remarks>
public sealed class ActivityCatalog
{
    private readonly Dictionary<ActivityId, int> _index;
    private readonly ImmutableArray<LearningActivity>[] _byCompetency;
    private readonly int[][] _indicesByCompetency;
    private readonly int[] _idRank;
    private readonly Dictionary<string, int> _topics;
    private readonly int[][] _topicsByActivity;
    private readonly int[][] _alignedIndices;

    internal ActivityCatalog(CompetencyFramework framework, ImmutableArray<LearningActivity> activities)
    {
        Framework = framework;
        Activities = activities;
        _index = new Dictionary<ActivityId, int>(activities.Length);
        var lists = new List<int>?[framework.Count];
        _topics = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        _topicsByActivity = new int[activities.Length][];
        _alignedIndices = new int[activities.Length][];
        for (var i = 0; i < activities.Length; i++)
        {
            _index.Add(activities[i].Id, i);
            _alignedIndices[i] = [.. activities[i].Alignments.Select(a => framework.IndexOf(a.Competency))];
            foreach (var competency in _alignedIndices[i])
            {
                (lists[competency] ??= []).Add(i);
            }

            var topics = activities[i].Topics;
            _topicsByActivity[i] = new int[topics.Length];
            for (var t = 0; t < topics.Length; t++)
            {
                _topicsByActivity[i][t] = _topics.TryGetValue(topics[t], out var known) ? known : _topics[topics[t]] = _topics.Count;
            }
        }

        _indicesByCompetency = [.. lists.Select(l => l is null ? [] : l.ToArray())];
        _byCompetency = [.. _indicesByCompetency.Select(l => l.Select(i => activities[i]).ToImmutableArray())];
        var byId = Enumerable.Range(0, activities.Length).ToArray();
        Array.Sort(byId, (a, b) => string.CompareOrdinal(activities[a].Id.Value, activities[b].Id.Value));
        _idRank = new int[activities.Length];
        for (var rank = 0; rank < byId.Length; rank++)
        {
            _idRank[byId[rank]] = rank;
        }
    }

    /// <summary>The framework the activities are aligned to.</summary>
    public CompetencyFramework Framework { get; }

    /// <summary>Every activity, in the order added.</summary>
    public ImmutableArray<LearningActivity> Activities { get; }

    /// <summary>The number of activities.</summary>
    public int Count => Activities.Length;

    /// <summary>The framework's title and how many activities the catalog holds.</summary>
    /// <returns>For example <c>ActivityCatalog { Framework = Diamond, Activities = 15 }</c>.</returns>
    public override string ToString() => $"ActivityCatalog {{ Framework = {Framework.Title}, Activities = {Count} }}";

    /// <summary>Whether the catalog holds <paramref name="id"/>.</summary>
    /// <param name="id">The activity id.</param>
    /// <returns>True when present.</returns>
    public bool Contains(ActivityId id) => _index.ContainsKey(id);

    /// <summary>Looks up an activity.</summary>
    /// <param name="id">The activity id.</param>
    /// <param name="activity">The activity when found.</param>
    /// <returns>True when found.</returns>
    public bool TryGetActivity(ActivityId id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LearningActivity? activity)
    {
        activity = _index.TryGetValue(id, out var i) ? Activities[i] : null;
        return activity is not null;
    }

    /// <summary>Returns an activity by id.</summary>
    /// <param name="id">The activity id.</param>
    /// <returns>The activity.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not in the catalog.</exception>
    public LearningActivity GetActivity(ActivityId id) => _index.TryGetValue(id, out var i)
        ? Activities[i]
        : throw new UnknownActivityException(id, $"Activity '{id}' is not in the catalog; check the id or add the activity.", nameof(id));

    /// <summary>The activities aligned to a competency, in the order they were added.</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>The aligned activities; empty when none.</returns>
    /// <exception cref="ArgumentException"><paramref name="competency"/> is not in the framework.</exception>
    public ImmutableArray<LearningActivity> GetActivitiesFor(CompetencyId competency) => _byCompetency[Framework.IndexOf(competency)];

    internal ImmutableArray<LearningActivity> ActivitiesForIndex(int competencyIndex) => _byCompetency[competencyIndex];

    /// <summary>The dense indices (positions in <see cref="Activities"/>) of the activities aligned to a competency.</summary>
    internal ReadOnlySpan<int> ActivityIndicesFor(int competencyIndex) => _indicesByCompetency[competencyIndex];

    /// <summary>The dense indices of the competencies an activity is aligned to, in alignment order.</summary>
    internal ReadOnlySpan<int> AlignedIndicesOf(int activityIndex) => _alignedIndices[activityIndex];

    /// <summary>What a piece of evidence keeps its lookups in this instance by (<see cref="Serials"/>).</summary>
    internal int Serial { get; } = Serials.Next();

    internal bool TryGetIndex(ActivityId id, out int index) => _index.TryGetValue(id, out index);

    /// <summary>The activity's position when every activity is sorted by id (ordinal): a tie-break that does not depend
    /// on the order activities were added in.</summary>
    internal int IdRank(int activityIndex) => _idRank[activityIndex];

    /// <summary>The dense index of a topic (ordinal, ignoring case), or −1 when no activity has it.</summary>
    internal int TopicIndex(string topic) => _topics.TryGetValue(topic, out var index) ? index : -1;

    /// <summary>The dense topic indices of an activity, in the activity's order.</summary>
    internal ReadOnlySpan<int> TopicsOf(int activityIndex) => _topicsByActivity[activityIndex];
}
