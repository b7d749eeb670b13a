using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Observations;

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
    /// <param name="kinds">The activity kinds to include; empty or default for all.</param>
    /// <param name="passingScore">A checkpoint (or any evidence) scoring below this failed, by the library's one rule
    /// (<see cref="EvidenceOutcome.Passes"/>); in (0, 1], <see cref="EvidenceOutcome.DefaultPassingScore"/> unless given.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range: a zero or negative budget, an undefined agency or kind.</exception>
    /// <param name="remediateAfterFailures">Remediation also follows this many failures in a row on a competency, as the
    /// recommender's <c>RecommenderOptions.RemediateAfterFailures</c> (same default, 3); at least 1.</param>
    public PlaylistOptions(AgencyLevel agency = AgencyLevel.Choice, int choicesPerStep = 3, double? sessionMinutes = null, ImmutableArray<ActivityKind> kinds = default, double passingScore = EvidenceOutcome.DefaultPassingScore, int remediateAfterFailures = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(remediateAfterFailures, 1);
        if (!Enum.IsDefined(agency))
        {
            throw new ArgumentOutOfRangeException(nameof(agency), agency, $"Undefined agency level ({(int)agency}).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(choicesPerStep, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(choicesPerStep, 10);
        if (sessionMinutes is { } m && !(m > 0 && double.IsFinite(m)))
        {
            throw new ArgumentOutOfRangeException(nameof(sessionMinutes), m, $"A session budget must be a finite number of minutes greater than 0; got {m.ToString("R", CultureInfo.InvariantCulture)}.");
        }

        kinds = kinds.OrEmpty();
        foreach (var kind in kinds)
        {
            if (!Enum.IsDefined(kind))
            {
                throw new ArgumentOutOfRangeException(nameof(kinds), kind, $"Undefined activity kind ({(int)kind}).");
            }
        }

        EvidenceOutcome.CheckPassingScore(passingScore, nameof(passingScore));

        Agency = agency;
        ChoicesPerStep = choicesPerStep;
        SessionMinutes = sessionMinutes;
        Kinds = kinds;
        PassingScore = passingScore;
        RemediateAfterFailures = remediateAfterFailures;
    }

    /// <summary>The defaults: Choice, three choices, no session budget, every kind.</summary>
    public static PlaylistOptions Default { get; } = new();

    /// <summary>How much the learner steers.</summary>
    public AgencyLevel Agency { get; }

    /// <summary>The setting: how many activities a step's choice board offers when the agency level is above Guided.</summary>
    /// <value>In [1, 10]; 3 unless given. Guided offers one activity whatever this says: see
    /// <see cref="EffectiveChoicesPerStep"/>.</value>
    public int ChoicesPerStep { get; }

    /// <summary>The time budget of one session, in minutes.</summary>
    /// <value>Null for one session with everything.</value>
    public double? SessionMinutes { get; }

    /// <summary>The activity kinds included.</summary>
    /// <value>Empty for all.</value>
    public ImmutableArray<ActivityKind> Kinds { get; }

    /// <summary>Evidence scoring below this failed (<see cref="EvidenceOutcome.Passes"/>).</summary>
    /// <value><see cref="EvidenceOutcome.DefaultPassingScore"/> (0.6) unless given.</value>
    public double PassingScore { get; }

    /// <summary>How many failures in a row on a competency bring remediation even without a failed checkpoint.</summary>
    /// <value>3 unless given.</value>
    public int RemediateAfterFailures { get; }

    /// <summary>How many activities a step's choice board offers at this agency level: 1 when <see cref="Agency"/> is
    /// <see cref="AgencyLevel.Guided"/>, otherwise <see cref="ChoicesPerStep"/>.</summary>
    /// <value>Derived from <see cref="Agency"/> and <see cref="ChoicesPerStep"/>; not serialized.</value>
    [JsonIgnore]
    public int EffectiveChoicesPerStep => Agency == AgencyLevel.Guided ? 1 : ChoicesPerStep;

    internal bool Includes(ActivityKind kind) => Kinds.IsEmpty || Kinds.Contains(kind);

    /// <inheritdoc />
    public bool Equals(PlaylistOptions? other) =>
        other is not null && Agency == other.Agency && ChoicesPerStep == other.ChoicesPerStep && SessionMinutes.Equals(other.SessionMinutes)
        && SequenceEquality.Equal(Kinds, other.Kinds) && PassingScore.Equals(other.PassingScore) && RemediateAfterFailures == other.RemediateAfterFailures;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Agency, ChoicesPerStep, SessionMinutes, SequenceEquality.Hash(Kinds), PassingScore, RemediateAfterFailures);
}
