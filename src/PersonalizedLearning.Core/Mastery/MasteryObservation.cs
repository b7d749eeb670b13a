using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Mastery;

/// <summary>
/// One piece of evidence as a mastery model sees it for one competency: the outcome, how much it counts
/// there (evidence weight times alignment weight), its kind and its time.
/// </summary>
/// <remarks>Immutable and thread-safe. The default value is an incorrect-as-zero score with weight 0 and is never passed to a model.</remarks>
public readonly record struct MasteryObservation
{
    /// <summary>Creates an observation.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="weight">How much it counts for this competency; finite and greater than 0.</param>
    /// <param name="kind">Where the evidence comes from.</param>
    /// <param name="timestamp">When it was shown.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is NaN, infinite or not positive.</exception>
    public MasteryObservation(EvidenceOutcome outcome, double weight, EvidenceKind kind, DateTimeOffset timestamp)
    {
        if (!double.IsFinite(weight) || weight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "An observation's weight must be finite and greater than 0.");
        }

        Outcome = outcome;
        Weight = weight;
        Kind = kind;
        Timestamp = timestamp;
    }

    /// <summary>The outcome.</summary>
    public EvidenceOutcome Outcome { get; }

    /// <summary>The score in [0, 1]; the same as <c>Outcome.Score</c>.</summary>
    public double Score => Outcome.Score;

    /// <summary>How much it counts for this competency.</summary>
    public double Weight { get; }

    /// <summary>Where the evidence comes from.</summary>
    public EvidenceKind Kind { get; }

    /// <summary>When it was shown.</summary>
    public DateTimeOffset Timestamp { get; }
}
