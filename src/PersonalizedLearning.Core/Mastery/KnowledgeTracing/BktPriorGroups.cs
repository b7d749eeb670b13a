using System.Collections.Frozen;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// How learners are grouped for a prior per group (pyBKT's <c>multiprior</c>): by the activity of their first answer
/// on the competency, or by a cohort the host knows (a class, a placement band, a previous course).
/// </summary>
/// <remarks>
/// <para>Each group gets its own P(L0); the learn, forget, guess and slip rates stay shared. pyBKT inserts a phantom step
/// with prior 0 whose learn rate is the group's prior; a prior per group is the same model, fitted directly.</para>
/// <para>Learners in no group (no cohort given, or a first answer without an activity) use the competency's own
/// prior. Immutable and thread-safe.</para>
/// </remarks>
public sealed class BktPriorGroups
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>BktPriorGroups { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    private readonly FrozenDictionary<LearnerId, string>? _cohorts;

    private BktPriorGroups(FrozenDictionary<LearnerId, string>? cohorts) => _cohorts = cohorts;

    /// <summary>Groups learners by the activity of their first answer on each competency (the group's name is the
    /// activity's id). Online, <see cref="BktModel"/> picks the prior from the first answer's activity.</summary>
    /// <returns>The shared grouping (every call returns the same instance). A method like <see cref="ByCohort"/>, so the
    /// two groupings read as one family.</returns>
    public static BktPriorGroups FirstActivity() => FirstActivityGroups;

    private static readonly BktPriorGroups FirstActivityGroups = new(null);

    /// <summary>Whether learners are grouped by cohort rather than by their first activity.</summary>
    public bool IsByCohort => _cohorts is not null;

    /// <summary>Groups learners by cohorts the host gives.</summary>
    /// <param name="cohorts">The cohort of each learner; learners not listed use the competency's own prior.</param>
    /// <returns>The grouping.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cohorts"/> is null.</exception>
    /// <exception cref="ArgumentException">A cohort name is null, empty or white space.</exception>
    public static BktPriorGroups ByCohort(IReadOnlyDictionary<LearnerId, string> cohorts)
    {
        ArgumentNullException.ThrowIfNull(cohorts);
        var bad = cohorts.Where(c => string.IsNullOrWhiteSpace(c.Value)).Select(c => $"'{c.Key}'").ToList();
        if (bad.Count > 0)
        {
            throw new ArgumentException($"Every cohort must have a name; learners {string.Join(", ", bad.Take(5))}{(bad.Count > 5 ? $" and {bad.Count - 5} more" : "")} have none.", nameof(cohorts));
        }

        return new(cohorts.ToFrozenDictionary());
    }

    /// <summary>The cohort of a learner, or null when the learner has none (or the grouping is by first activity).</summary>
    /// <param name="learner">The learner.</param>
    /// <returns>The cohort's name, or null.</returns>
    public string? CohortOf(LearnerId learner) => _cohorts is not null && _cohorts.TryGetValue(learner, out var c) ? c : null;

    /// <summary>The group of a chain: the cohort of its learner, or the activity of its first answer.</summary>
    internal string? GroupOf(LearnerId learner, ActivityId? firstActivity)
        => _cohorts is not null ? CohortOf(learner) : firstActivity?.Value;
}
