using System.Globalization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Mastery;

/// <summary>
/// One piece of evidence as a mastery model sees it for one competency: the outcome, how much it counts
/// there (evidence weight times alignment weight), its kind and its time.
/// </summary>
/// <remarks>Immutable and thread-safe. The default value is an incorrect-as-zero score with weight 0 and is never passed to a model.</remarks>
public readonly record struct MasteryObservation
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>MasteryObservation { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates an observation.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="weight">How much it counts for this competency; in [<see cref="MinimumWeight"/>,
    /// <see cref="MaximumWeight"/>] = [1e-12, 1e12].</param>
    /// <param name="kind">Where the evidence comes from.</param>
    /// <param name="timestamp">When it was shown.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is NaN or outside [1e-12, 1e12].</exception>
    public MasteryObservation(EvidenceOutcome outcome, double weight, EvidenceKind kind, DateTimeOffset timestamp)
        : this(default, null, outcome, weight, kind, timestamp)
    {
    }

    /// <summary>Creates an observation that names the competency it counts toward and the activity it came from,
    /// for models whose parameters depend on them (knowledge tracing per competency, guess and slip per activity).</summary>
    /// <param name="competency">The competency the observation counts toward.</param>
    /// <param name="activity">The activity the evidence came from, or null when it names a competency directly.</param>
    /// <param name="outcome">The outcome.</param>
    /// <param name="weight">How much it counts for this competency; in [<see cref="MinimumWeight"/>,
    /// <see cref="MaximumWeight"/>] = [1e-12, 1e12].</param>
    /// <param name="kind">Where the evidence comes from.</param>
    /// <param name="timestamp">When it was shown.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is NaN or outside [1e-12, 1e12].</exception>
    public MasteryObservation(CompetencyId competency, ActivityId? activity, EvidenceOutcome outcome, double weight, EvidenceKind kind, DateTimeOffset timestamp)
    {
        if (!(weight >= MinimumWeight && weight <= MaximumWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight,
                $"An observation's weight must be in [1e-12, 1e12]; got {weight.ToString("R", CultureInfo.InvariantCulture)}.");
        }

        Competency = competency;
        Activity = activity;
        Outcome = outcome;
        Weight = weight;
        Kind = kind;
        Timestamp = timestamp;
    }

    /// <summary>The smallest weight an observation may have: 1e-12, the smallest evidence weight
    /// (<see cref="Evidence.MinimumWeight"/>, 1e-6) times the smallest alignment weight
    /// (<see cref="ActivityAlignment.MinimumWeight"/>, 1e-6).</summary>
    /// <remarks>Bounded so that models that keep running sums of weights stay exact: every weight is a normal double,
    /// and sums over 2^31 observations of weight at most 1e12 stay below 3e21, far inside the double range.</remarks>
    public const double MinimumWeight = 1e-12;

    /// <summary>The largest weight an observation may have: 1e12 (see <see cref="MinimumWeight"/>); evidence that the
    /// engine folds weighs at most 1e6.</summary>
    public const double MaximumWeight = 1e12;

    /// <summary>The competency the observation counts toward.</summary>
    /// <value>The default identifier when the caller did not name one; the engine always names it.</value>
    public CompetencyId Competency { get; }

    /// <summary>The activity the evidence came from.</summary>
    /// <value>Null when the evidence names a competency directly.</value>
    public ActivityId? Activity { get; }

    /// <summary>The outcome.</summary>
    public EvidenceOutcome Outcome { get; }

    /// <summary>The score in [0, 1]; the same as <c>Outcome.Score</c>.</summary>
    public double Score => Outcome.Score;

    /// <summary>How much it counts for this competency.</summary>
    /// <value>In [1e-12, 1e12]; 0 only in the default value.</value>
    public double Weight { get; }

    /// <summary>Where the evidence comes from.</summary>
    public EvidenceKind Kind { get; }

    /// <summary>When it was shown.</summary>
    public DateTimeOffset Timestamp { get; }
}
