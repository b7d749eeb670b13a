using System.Collections.Frozen;
using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// The BKT parameters of one competency: one set for every answer, and optionally a guess and slip of their own
/// for answers given in particular activities (KT-IDEM, Pardos &amp; Heffernan 2011; pyBKT's <c>multigs</c>).
/// </summary>
/// <remarks>
/// Every activity shares the competency's prior, learn and forget rates; only guess and slip differ. Answers in an
/// activity without parameters of its own, or with no activity, use <see cref="Parameters"/>.
/// Immutable and thread-safe; equal when the competency and every parameter are equal.
/// </remarks>
public sealed class BktCompetencyParameters : IEquatable<BktCompetencyParameters>
{
    // Keyed by the id's text: string-keyed frozen dictionaries hash only what tells the keys apart, which keeps the
    // online update's lookup to a few nanoseconds.
    private readonly FrozenDictionary<string, BktParameters> _byActivity;

    /// <summary>Creates the parameters of a competency.</summary>
    /// <param name="competency">The competency.</param>
    /// <param name="parameters">The parameters for answers without an activity of their own.</param>
    /// <param name="activityGuessSlip">Guess and slip per activity, or null for none.</param>
    /// <exception cref="ArgumentException"><paramref name="competency"/> is the default identifier, an activity is the
    /// default identifier or appears twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An activity's guess or slip is not a probability.</exception>
    /// <remarks>An activity whose guess + slip ≥ 1 makes the competency <see cref="IsDegenerate"/>, which
    /// <see cref="BktModel"/> refuses unless asked.</remarks>
    public BktCompetencyParameters(CompetencyId competency, BktParameters parameters, IEnumerable<KeyValuePair<ActivityId, (double Guess, double Slip)>>? activityGuessSlip = null)
    {
        if (competency.IsEmpty)
        {
            throw new ArgumentException("BKT parameters must name their competency; got the default (empty) identifier.", nameof(competency));
        }

        var byActivity = ImmutableSortedDictionary.CreateBuilder<ActivityId, BktParameters>();
        foreach (var (activity, (guess, slip)) in activityGuessSlip ?? [])
        {
            if (activity.IsEmpty)
            {
                throw new ArgumentException($"Competency '{competency}': an activity with its own guess and slip must be named; got the default (empty) identifier.", nameof(activityGuessSlip));
            }

            if (byActivity.ContainsKey(activity))
            {
                throw new ArgumentException($"Competency '{competency}': activity '{activity}' has guess and slip twice.", nameof(activityGuessSlip));
            }

            byActivity.Add(activity, BktParameters.FromEstimates(parameters.Prior, parameters.Learn, guess, slip, parameters.Forget));
        }

        Competency = competency;
        Parameters = parameters;
        ActivityParameters = byActivity.ToImmutable();
        _byActivity = ActivityParameters.ToFrozenDictionary(p => p.Key.Value, p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>The competency.</summary>
    public CompetencyId Competency { get; }

    /// <summary>The parameters for answers without an activity of their own.</summary>
    public BktParameters Parameters { get; }

    /// <summary>The parameters of each activity that has its own guess and slip, by activity.</summary>
    /// <value>Empty for standard BKT.</value>
    public ImmutableSortedDictionary<ActivityId, BktParameters> ActivityParameters { get; }

    /// <summary>Whether any parameter set of this competency is degenerate (G + S ≥ 1).</summary>
    public bool IsDegenerate => Parameters.IsDegenerate || ActivityParameters.Values.Any(p => p.IsDegenerate);

    /// <summary>The parameters for an answer in an activity.</summary>
    /// <param name="activity">The activity, or null.</param>
    /// <returns>The activity's parameters, or <see cref="Parameters"/> when it has none of its own.</returns>
    public BktParameters For(ActivityId? activity)
        => activity is { } a && _byActivity.Count != 0 && _byActivity.TryGetValue(a.Value, out var p) ? p : Parameters;

    /// <inheritdoc />
    public bool Equals(BktCompetencyParameters? other) => other is not null
        && (ReferenceEquals(this, other)
            || (Competency == other.Competency && Parameters == other.Parameters && ActivityParameters.SequenceEqual(other.ActivityParameters)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as BktCompetencyParameters);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Competency, Parameters, ActivityParameters.Count);

    /// <inheritdoc />
    public override string ToString() => ActivityParameters.Count == 0
        ? $"{Competency}: {Parameters}"
        : $"{Competency}: {Parameters}; {ActivityParameters.Count} activities with their own guess and slip";
}
