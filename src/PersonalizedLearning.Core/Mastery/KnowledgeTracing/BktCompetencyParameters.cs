using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// The BKT parameters of one competency: one set for every answer, and what pyBKT's model family adds: a guess and slip
/// and a learn and forget rate per activity (<c>multigs</c>, <c>multilearn</c>), a learn and forget rate per pair of
/// consecutive activities (<c>multipair</c>), and a prior per group of learners (<c>multiprior</c>).
/// </summary>
/// <remarks>
/// <para>Which values apply to an answer in activity a that follows an answer in activity p (or is the first):</para>
/// <list type="bullet">
/// <item><description>the prior (first answer only): the group's (<see cref="GroupPriors"/>; by the first answer's
/// activity or by cohort, see <see cref="PriorGroups"/>), else <see cref="Parameters"/>' prior;</description></item>
/// <item><description>guess and slip: a's own, else the competency's;</description></item>
/// <item><description>the move to the next answer: the pair (p, a)'s rates, else a's own, else the competency's (pyBKT's
/// resource of the row being left).</description></item>
/// </list>
/// <para>Immutable and thread-safe; equal when the competency and every parameter are equal.</para>
/// </remarks>
public sealed class BktCompetencyParameters : IEquatable<BktCompetencyParameters>
{
    // Keyed by the id's text: string-keyed frozen dictionaries hash only what tells the keys apart, which keeps the
    // online update's lookup to a few nanoseconds.
    private static readonly ImmutableSortedDictionary<string, double> NoGroupPriors = ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, BktParameters> _byActivity;
    private readonly FrozenDictionary<BktActivityPair, BktTransitionRates> _byPair;
    private readonly FrozenDictionary<string, int> _activityIndex;
    private readonly FrozenDictionary<string, double> _groupPriors;

    /// <summary>Creates the parameters of a competency: standard BKT.</summary>
    /// <param name="competency">The competency.</param>
    /// <param name="parameters">The parameters of every answer.</param>
    /// <exception cref="ArgumentException"><paramref name="competency"/> is the default identifier.</exception>
    public BktCompetencyParameters(CompetencyId competency, BktParameters parameters)
        : this(competency, parameters, activities: null, pairs: null, groupPriors: null, priorGroups: null)
    {
    }

    /// <summary>Creates the parameters of a competency with a guess and slip per activity.</summary>
    /// <param name="competency">The competency.</param>
    /// <param name="parameters">The parameters for answers without an activity of their own.</param>
    /// <param name="activityGuessSlip">Guess and slip per activity, or null for none.</param>
    /// <exception cref="ArgumentException"><paramref name="competency"/> is the default identifier, an activity is the
    /// default identifier or appears twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An activity's guess or slip is not a probability.</exception>
    /// <remarks>An activity whose guess + slip ≥ 1 makes the competency <see cref="IsDegenerate"/>, which
    /// <see cref="BktModel"/> refuses unless asked.</remarks>
    public BktCompetencyParameters(CompetencyId competency, BktParameters parameters, IEnumerable<KeyValuePair<ActivityId, (double Guess, double Slip)>>? activityGuessSlip)
        : this(competency, parameters, activityGuessSlip?.Select(a => new BktActivityParameters(a.Key, a.Value.Guess, a.Value.Slip)), pairs: null, groupPriors: null, priorGroups: null)
    {
    }

    /// <summary>Creates the parameters of a competency with any of pyBKT's per-activity, per-pair and per-group values.</summary>
    /// <param name="competency">The competency.</param>
    /// <param name="parameters">The competency's own parameters: for answers and moves without values of their own.</param>
    /// <param name="activities">Values per activity, or null for none.</param>
    /// <param name="pairs">Learn and forget rates per pair of consecutive activities, or null for none. The move after
    /// an answer in the second activity of a pair that followed one in the first uses these rates.</param>
    /// <param name="groupPriors">A prior per group, or null for none.</param>
    /// <param name="priorGroups">How learners are put in groups; required with <paramref name="groupPriors"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="competency"/> or an activity is the default identifier, an
    /// activity, pair or group appears twice, a group name is empty, or group priors come without
    /// <paramref name="priorGroups"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is not a probability.</exception>
    public BktCompetencyParameters(CompetencyId competency, BktParameters parameters, IEnumerable<BktActivityParameters>? activities,
        IEnumerable<KeyValuePair<BktActivityPair, BktTransitionRates>>? pairs, IEnumerable<KeyValuePair<string, double>>? groupPriors, BktPriorGroups? priorGroups)
    {
        if (competency.IsEmpty)
        {
            throw new ArgumentException("BKT parameters must name their competency; got the default (empty) identifier.", nameof(competency));
        }

        var own = ImmutableSortedDictionary.CreateBuilder<ActivityId, BktActivityParameters>();
        foreach (var a in activities ?? [])
        {
            ArgumentNullException.ThrowIfNull(a, nameof(activities));
            if (a.Activity.IsEmpty)
            {
                throw new ArgumentException($"Competency '{competency}': an activity with values of its own must be named; got the default (empty) identifier.", nameof(activities));
            }

            if (a.Problems().FirstOrDefault() is { } problem)
            {
                throw new ArgumentOutOfRangeException(nameof(activities), $"Competency '{competency}', {problem}.");
            }

            if (!own.TryAdd(a.Activity, a))
            {
                throw new ArgumentException($"Competency '{competency}': activity '{a.Activity}' has values twice.", nameof(activities));
            }
        }

        var pairRates = ImmutableSortedDictionary.CreateBuilder<BktActivityPair, BktTransitionRates>();
        foreach (var (pair, rates) in pairs ?? [])
        {
            if (pair.Previous.IsEmpty || pair.Activity.IsEmpty)
            {
                throw new ArgumentException($"Competency '{competency}': a pair of activities must name both; got '{pair}'.", nameof(pairs));
            }

            if (!(rates.Learn >= 0 && rates.Learn <= 1) || !(rates.Forget >= 0 && rates.Forget <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(pairs), string.Create(CultureInfo.InvariantCulture,
                    $"Competency '{competency}', pair {pair}: learn and forget must be probabilities in [0, 1]; got {rates.Learn:R} and {rates.Forget:R}."));
            }

            if (!pairRates.TryAdd(pair, rates))
            {
                throw new ArgumentException($"Competency '{competency}': pair {pair} has rates twice.", nameof(pairs));
            }
        }

        var priors = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        foreach (var (group, prior) in groupPriors ?? [])
        {
            if (string.IsNullOrWhiteSpace(group))
            {
                throw new ArgumentException($"Competency '{competency}': a prior group must have a name.", nameof(groupPriors));
            }

            if (!(prior >= 0 && prior <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(groupPriors), prior, string.Create(CultureInfo.InvariantCulture,
                    $"Competency '{competency}', group '{group}': the prior must be a probability in [0, 1]; got {prior:R}."));
            }

            if (!priors.TryAdd(group, prior))
            {
                throw new ArgumentException($"Competency '{competency}': group '{group}' has a prior twice.", nameof(groupPriors));
            }
        }

        if (priors.Count > 0 && priorGroups is null)
        {
            throw new ArgumentException($"Competency '{competency}': priors per group need to say how learners are grouped (by first activity or by cohort).", nameof(priorGroups));
        }

        Competency = competency;
        Parameters = parameters;
        IsDegenerate = parameters.IsDegenerate;
        if (own.Count == 0 && pairRates.Count == 0 && priors.Count == 0)
        {
            // Standard BKT (most competencies of most fits): shared empty tables, nothing to build or freeze.
            Activities = ImmutableSortedDictionary<ActivityId, BktActivityParameters>.Empty;
            ActivityParameters = ImmutableSortedDictionary<ActivityId, BktParameters>.Empty;
            PairTransitions = ImmutableSortedDictionary<BktActivityPair, BktTransitionRates>.Empty;
            GroupPriors = NoGroupPriors;
            ActivityIndex = [];
            _byActivity = FrozenDictionary<string, BktParameters>.Empty;
            _byPair = FrozenDictionary<BktActivityPair, BktTransitionRates>.Empty;
            _groupPriors = FrozenDictionary<string, double>.Empty;
            _activityIndex = FrozenDictionary<string, int>.Empty;
            return;
        }

        Activities = own.ToImmutable();
        ActivityParameters = Activities.ToImmutableSortedDictionary(a => a.Key, a => Resolve(parameters, a.Value));
        IsDegenerate = parameters.IsDegenerate || ActivityParameters.Values.Any(p => p.IsDegenerate);
        PairTransitions = pairRates.ToImmutable();
        GroupPriors = priors.ToImmutable();
        PriorGroups = priors.Count > 0 ? priorGroups : null;
        _byActivity = ActivityParameters.ToFrozenDictionary(p => p.Key.Value, p => p.Value, StringComparer.Ordinal);
        _byPair = PairTransitions.ToFrozenDictionary();
        _groupPriors = GroupPriors.ToFrozenDictionary(StringComparer.Ordinal);
        ActivityIndex = [.. Activities.Keys.Concat(PairTransitions.Keys.SelectMany(p => (ActivityId[])[p.Previous, p.Activity])).Distinct().Order()];
        _activityIndex = ActivityIndex.Select((a, i) => (a, i)).ToFrozenDictionary(x => x.a.Value, x => x.i, StringComparer.Ordinal);
    }

    /// <summary>The competency.</summary>
    public CompetencyId Competency { get; }

    /// <summary>The competency's own parameters: for answers and moves without values of their own, and the prior of
    /// learners in no group.</summary>
    public BktParameters Parameters { get; }

    /// <summary>The values each activity has of its own, by activity.</summary>
    /// <value>Empty for standard BKT.</value>
    public ImmutableSortedDictionary<ActivityId, BktActivityParameters> Activities { get; }

    /// <summary>The whole parameter set of each activity that has values of its own: its own values, the competency's
    /// for the rest.</summary>
    /// <value>Empty for standard BKT.</value>
    public ImmutableSortedDictionary<ActivityId, BktParameters> ActivityParameters { get; }

    /// <summary>Learn and forget rates per pair of consecutive activities.</summary>
    /// <value>Empty unless fitted with <see cref="BktLearnBy.ActivityPair"/>.</value>
    public ImmutableSortedDictionary<BktActivityPair, BktTransitionRates> PairTransitions { get; }

    /// <summary>The prior of each group of learners, by group name (an activity id, or a cohort).</summary>
    /// <value>Empty unless fitted with prior groups.</value>
    public ImmutableSortedDictionary<string, double> GroupPriors { get; }

    /// <summary>How learners are put in the groups of <see cref="GroupPriors"/>.</summary>
    /// <value>Null when there are no group priors.</value>
    public BktPriorGroups? PriorGroups { get; }

    /// <summary>Whether any parameter set of this competency is degenerate (G + S ≥ 1).</summary>
    /// <value>Found once, at construction (the parameters are immutable), so reading it does not allocate.</value>
    public bool IsDegenerate { get; }

    /// <summary>Every activity named in <see cref="Activities"/> or <see cref="PairTransitions"/>, in order: the
    /// positions a learner state keeps for its previous activity.</summary>
    internal ImmutableArray<ActivityId> ActivityIndex { get; }

    /// <summary>The parameters for an answer in an activity: its guess and slip, and the rates of the move after it
    /// when no pair applies.</summary>
    /// <param name="activity">The activity, or null.</param>
    /// <returns>The activity's parameters, or <see cref="Parameters"/> when it has none of its own.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public BktParameters For(ActivityId? activity)
        => activity is { } a && _byActivity.Count != 0 && _byActivity.TryGetValue(a.Value, out var p) ? p : Parameters;

    /// <summary>The parameters for an answer in <paramref name="activity"/> that follows one in
    /// <paramref name="previous"/>: the activity's guess and slip, and the pair's rates for the move after it when the
    /// pair has them.</summary>
    /// <param name="previous">The activity of the answer before on this competency, or null for the first answer.</param>
    /// <param name="activity">The activity, or null.</param>
    /// <returns>The parameters.</returns>
    public BktParameters For(ActivityId? previous, ActivityId? activity)
    {
        var parameters = For(activity);
        return previous is { } p && activity is { } a && _byPair.Count != 0 && _byPair.TryGetValue(new BktActivityPair(p, a), out var rates)
            ? parameters.WithTransition(rates.Learn, rates.Forget)
            : parameters;
    }

    /// <summary>The prior of a learner's first answer.</summary>
    /// <param name="group">The learner's group (a cohort, or the first answer's activity id), or null.</param>
    /// <returns>The group's prior, or the competency's.</returns>
    public double PriorFor(string? group)
        => group is not null && _groupPriors.Count != 0 && _groupPriors.TryGetValue(group, out var prior) ? prior : Parameters.Prior;

    /// <summary>The position of an activity in <see cref="ActivityIndex"/>, or −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int IndexOf(ActivityId? activity)
        => activity is { } a && _activityIndex.Count != 0 && _activityIndex.TryGetValue(a.Value, out var i) ? i : -1;

    /// <inheritdoc />
    public bool Equals(BktCompetencyParameters? other) => other is not null
        && (ReferenceEquals(this, other)
            || (Competency == other.Competency && Parameters == other.Parameters
                && Activities.SequenceEqual(other.Activities)
                && PairTransitions.SequenceEqual(other.PairTransitions)
                && GroupPriors.SequenceEqual(other.GroupPriors)
                && PriorGroups?.IsByCohort == other.PriorGroups?.IsByCohort));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as BktCompetencyParameters);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Competency, Parameters, Activities.Count, PairTransitions.Count, GroupPriors.Count);

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>();
        if (Activities.Count > 0)
        {
            parts.Add($"{Activities.Count} activities with values of their own");
        }

        if (PairTransitions.Count > 0)
        {
            parts.Add($"{PairTransitions.Count} activity pairs");
        }

        if (GroupPriors.Count > 0)
        {
            parts.Add($"{GroupPriors.Count} prior groups");
        }

        return parts.Count == 0 ? $"{Competency}: {Parameters}" : $"{Competency}: {Parameters}; {string.Join(", ", parts)}";
    }

    private static BktParameters Resolve(BktParameters competency, BktActivityParameters activity)
        => BktParameters.FromEstimates(competency.Prior, activity.Learn ?? competency.Learn, activity.Guess ?? competency.Guess,
            activity.Slip ?? competency.Slip, activity.Forget ?? competency.Forget);
}
