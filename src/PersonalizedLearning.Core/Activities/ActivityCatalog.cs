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

    internal ActivityCatalog(CompetencyFramework framework, ImmutableArray<LearningActivity> activities)
    {
        Framework = framework;
        Activities = activities;
        _index = new Dictionary<ActivityId, int>(activities.Length);
        var lists = new List<LearningActivity>?[framework.Count];
        for (var i = 0; i < activities.Length; i++)
        {
            _index.Add(activities[i].Id, i);
            foreach (var alignment in activities[i].Alignments)
            {
                (lists[framework.IndexOf(alignment.Competency)] ??= []).Add(activities[i]);
            }
        }

        _byCompetency = [.. lists.Select(l => l is null ? ImmutableArray<LearningActivity>.Empty : [.. l])];
    }

    /// <summary>The framework the activities are aligned to.</summary>
    public CompetencyFramework Framework { get; }

    /// <summary>Every activity, in the order added.</summary>
    public ImmutableArray<LearningActivity> Activities { get; }

    /// <summary>The number of activities.</summary>
    public int Count => Activities.Length;

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
        : throw new ArgumentException($"Activity '{id}' is not in the catalog; check the id or add the activity.", nameof(id));

    /// <summary>The activities aligned to a competency, in the order they were added.</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>The aligned activities; empty when none.</returns>
    /// <exception cref="ArgumentException"><paramref name="competency"/> is not in the framework.</exception>
    public ImmutableArray<LearningActivity> GetActivitiesFor(CompetencyId competency) => _byCompetency[Framework.IndexOf(competency)];

    internal ImmutableArray<LearningActivity> ActivitiesForIndex(int competencyIndex) => _byCompetency[competencyIndex];
}
