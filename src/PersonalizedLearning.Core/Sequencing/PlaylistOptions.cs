using System.Collections.Immutable;
using System.Text.Json.Serialization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;

namespace PersonalizedLearning.Sequencing;

/// <summary>How much the learner steers (gradual release of responsibility).</summary>
/// <remarks>The default value is <see cref="Guided"/>.</remarks>
public enum AgencyLevel
{
    /// <summary>One activity per step, in the given order.</summary>
    Guided,

    /// <summary>A choice board of several activities per step, in the given order.</summary>
    Choice,

    /// <summary>A choice board per step, and the learner may reorder steps as long as prerequisites come first.</summary>
    SelfDirected,
}

/// <summary>How a playlist is built.</summary>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record PlaylistOptions
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates options.</summary>
    /// <param name="agency">How much the learner steers; it sets the number of choices (1 when Guided) and whether steps may be reordered.</param>
    /// <param name="choicesPerStep">Activities on a step's choice board above Guided; in [1, 10].</param>
    /// <param name="sessionMinutes">The time budget of one session or day, in minutes; null for one session with everything.</param>
    /// <param name="kinds">The activity kinds to include, each once; empty or default for all.</param>
    /// <param name="passingScore">A checkpoint (or any evidence) scoring below this failed, by the library's one rule
    /// (<see cref="EvidenceOutcome.Passes"/>); in (0, 1], <see cref="EvidenceOutcome.DefaultPassingScore"/> unless given.</param>
    /// <param name="remediateAfterFailures">Remediation also follows this many failures in a row on a competency, as the
    /// recommender's <c>RecommenderOptions.RemediateAfterFailures</c> (same default, 3); at least 1.</param>
    /// <param name="historyLimit">Only the last this many pieces of the request's history are read for remediation, as the
    /// recommender reads its request's (<c>RecommenderOptions.HistoryLimit</c>, same default, 100); at least 1, and at
    /// least <paramref name="remediateAfterFailures"/>, so that the history read can hold the run of failures that
    /// remediates.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range (an undefined agency or kind, a kind
    /// listed twice, a choice count outside [1, 10], a zero, negative or infinite budget, a passing score outside (0, 1],
    /// no failure for remediation, a history limit below 1 or below <paramref name="remediateAfterFailures"/>): one
    /// exception for every problem, whose <see cref="ArgumentException.ParamName"/> is the first bad
    /// parameter and whose message names each bad parameter, its rule and the value given.</exception>
    public PlaylistOptions(AgencyLevel agency = AgencyLevel.Choice, int choicesPerStep = 3, double? sessionMinutes = null, ImmutableArray<ActivityKind> kinds = default, double passingScore = EvidenceOutcome.DefaultPassingScore, int remediateAfterFailures = 3, int historyLimit = RemediationRule.DefaultHistoryLimit)
    {
        var problems = new OptionProblems("playlist options");
        problems.Require(Enum.IsDefined(agency), nameof(agency), "the agency level must be Guided, Choice or SelfDirected", agency);
        problems.Require(choicesPerStep is >= 1 and <= 10, nameof(choicesPerStep), "the choices per step must be in [1, 10]", choicesPerStep);
        if (sessionMinutes is { } m)
        {
            problems.Require(m > 0 && double.IsFinite(m), nameof(sessionMinutes), "a session budget must be a finite number of minutes greater than 0", m);
        }

        kinds = kinds.OrEmpty();
        foreach (var kind in kinds)
        {
            problems.Require(Enum.IsDefined(kind), nameof(kinds), "every activity kind must be defined", kind);
        }

        problems.RequireEachOnce(kinds, nameof(kinds), "every activity kind must be listed once");

        EvidenceOutcome.CheckPassingScore(ref problems, passingScore, nameof(passingScore));
        problems.Require(remediateAfterFailures >= 1, nameof(remediateAfterFailures), "remediation needs at least 1 failure", remediateAfterFailures);
        RemediationRule.CheckHistoryLimit(ref problems, historyLimit, remediateAfterFailures);
        problems.ThrowIfAny();

        Agency = agency;
        ChoicesPerStep = choicesPerStep;
        SessionMinutes = sessionMinutes;
        Kinds = kinds;
        PassingScore = passingScore;
        RemediateAfterFailures = remediateAfterFailures;
        HistoryLimit = historyLimit;
    }

    /// <summary>The defaults: Choice, three choices, no session budget, every kind.</summary>
    public static PlaylistOptions Default { get; } = new();

    /// <summary>How much the learner steers.</summary>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public AgencyLevel Agency { get; internal init; }

    /// <summary>The setting: how many activities a step's choice board offers when the agency level is above Guided.</summary>
    /// <value>In [1, 10]; 3 unless given. Guided offers one activity whatever this says: see
    /// <see cref="EffectiveChoicesPerStep"/>.</value>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public int ChoicesPerStep { get; internal init; }

    /// <summary>The time budget of one session, in minutes.</summary>
    /// <value>Null for one session with everything.</value>
    public double? SessionMinutes { get; }

    /// <summary>The activity kinds included, each once.</summary>
    /// <value>Empty for all.</value>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public ImmutableArray<ActivityKind> Kinds { get; internal init; }

    /// <summary>Evidence scoring below this failed (<see cref="EvidenceOutcome.Passes"/>).</summary>
    /// <value><see cref="EvidenceOutcome.DefaultPassingScore"/> (0.6) unless given.</value>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public double PassingScore { get; internal init; }

    /// <summary>How many failures in a row on a competency bring remediation even without a failed checkpoint.</summary>
    /// <value>3 unless given.</value>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public int RemediateAfterFailures { get; internal init; }

    /// <summary>How much of the request's history is read for remediation, from the end: the same window the recommender
    /// reads (<c>RecommenderOptions.HistoryLimit</c>), so that one history remediates alike at both entry points.</summary>
    /// <value>100 unless given, as the recommender's.</value>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public int HistoryLimit { get; internal init; }

    /// <summary>How many activities a step's choice board offers at this agency level: 1 when <see cref="Agency"/> is
    /// <see cref="AgencyLevel.Guided"/>, otherwise <see cref="ChoicesPerStep"/>.</summary>
    /// <value>Derived from <see cref="Agency"/> and <see cref="ChoicesPerStep"/>; not serialized.</value>
    [JsonIgnore]
    public int EffectiveChoicesPerStep => Agency == AgencyLevel.Guided ? 1 : ChoicesPerStep;

    internal bool Includes(ActivityKind kind) => Kinds.IsEmpty || Kinds.Contains(kind);

    /// <inheritdoc />
    public bool Equals(PlaylistOptions? other) =>
        other is not null && Agency == other.Agency && ChoicesPerStep == other.ChoicesPerStep && SessionMinutes.Equals(other.SessionMinutes)
        && SequenceEquality.Equal(Kinds, other.Kinds) && PassingScore.Equals(other.PassingScore) && RemediateAfterFailures == other.RemediateAfterFailures
        && HistoryLimit == other.HistoryLimit;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Agency, ChoicesPerStep, SessionMinutes, SequenceEquality.Hash(Kinds), PassingScore, RemediateAfterFailures, HistoryLimit);
}
