using System.Globalization;
using System.Text.Json.Serialization;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Mastery;

/// <summary>
/// A competency's mastery level with everything needed to explain it: the estimate, the rule that produced
/// it, the threshold it was compared with and how much evidence there was.
/// </summary>
/// <remarks>Immutable and thread-safe; equality is by value. <see cref="Explain"/> is derived from the other
/// members. Only the library makes one (<see cref="MasteryPolicy.Assess"/>, or JSON reading one back), so that level,
/// reason, estimate and threshold always agree.</remarks>
public sealed record MasteryAssessment
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>MasteryAssessment { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates an assessment; <see cref="MasteryPolicy.Assess"/> is the usual source.</summary>
    /// <param name="competency">The competency.</param>
    /// <param name="level">Its level.</param>
    /// <param name="reason">Why it is at that level.</param>
    /// <param name="evidenceCount">How much evidence was folded; not negative.</param>
    /// <param name="minimumEvidence">How much evidence Mastered needs; at least 1.</param>
    /// <param name="estimateLabel">What the model calls its estimate, such as "decaying average".</param>
    /// <param name="estimate">The model's estimate, or null when there is none.</param>
    /// <param name="threshold">The threshold that decided the level, or null when none applied.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range, the estimate or threshold is outside [0, 1], or
    /// the level or reason is undefined.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="estimateLabel"/> is null.</exception>
    /// <exception cref="ArgumentException">The competency is empty, the estimate label blank, or the level, estimate, threshold and evidence count
    /// are not what <see cref="MasteryPolicy"/> makes of the reason.</exception>
    [JsonConstructor]
    internal MasteryAssessment(CompetencyId competency, MasteryLevel level, MasteryReason reason, int evidenceCount, int minimumEvidence, string estimateLabel, double? estimate = null, double? threshold = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(evidenceCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumEvidence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumEvidence, MasteryPolicy.MaximumMinimumEvidence);
        ArgumentException.ThrowIfNullOrWhiteSpace(estimateLabel);
        if (estimate is { } e && !(e >= 0 && e <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(estimate), e, "An estimate must be a finite number in [0, 1].");
        }

        if (threshold is { } t && !(t >= 0 && t <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), t, "A threshold must be a finite number in [0, 1].");
        }

        // The pairs MasteryPolicy makes (issue 21, fresh review: a document at level 99, or Mastered for want of evidence,
        // was read): the reason decides the level, an estimate exactly when a score was given, a threshold exactly when
        // one was compared, and the comparison and the evidence count agree with the reason.
        if (competency.IsEmpty)
        {
            throw new ArgumentException("An assessment needs its competency.", nameof(competency));
        }

        if (!Enum.IsDefined(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "Undefined mastery level.");
        }

        var (expected, scored) = reason switch
        {
            MasteryReason.NoEvidence => (MasteryLevel.NotStarted, false),
            MasteryReason.NoScoreYet => (MasteryLevel.Attempted, false),
            MasteryReason.BelowFamiliar => (MasteryLevel.Attempted, true),
            MasteryReason.ReachedFamiliar => (MasteryLevel.Familiar, true),
            MasteryReason.ReachedProficient or MasteryReason.NeedsMoreEvidence => (MasteryLevel.Proficient, true),
            MasteryReason.ReachedMastered => (MasteryLevel.Mastered, true),
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Undefined mastery reason."),
        };
        if (level != expected)
        {
            throw new ArgumentException($"Competency '{competency}': reason {reason} gives level {expected}, not {level}.", nameof(level));
        }

        if (scored != estimate.HasValue || scored != threshold.HasValue)
        {
            throw new ArgumentException($"Competency '{competency}': reason {reason} {(scored ? "needs" : "has no")} estimate and threshold.", nameof(estimate));
        }

        // A policy's thresholds are in (0, 1], so an estimate below the next threshold (BelowFamiliar, ReachedFamiliar,
        // ReachedProficient) is below 1, and a threshold is above 0.
        var below = estimate < threshold;
        var belowNext = reason is MasteryReason.BelowFamiliar or MasteryReason.ReachedFamiliar or MasteryReason.ReachedProficient;
        if ((reason == MasteryReason.NoEvidence) != (evidenceCount == 0) || (scored && below != (reason == MasteryReason.BelowFamiliar))
            || threshold == 0 || (belowNext && estimate >= 1)
            || (reason == MasteryReason.NeedsMoreEvidence && evidenceCount >= minimumEvidence) || (reason == MasteryReason.ReachedMastered && evidenceCount < minimumEvidence))
        {
            throw new ArgumentException(
                $"Competency '{competency}': reason {reason} does not fit estimate {F(estimate)}, threshold {F(threshold)} and {Pieces(evidenceCount)} (Mastered needs {minimumEvidence}).", nameof(reason));
        }

        Competency = competency;
        Level = level;
        Reason = reason;
        Estimate = estimate;
        Threshold = threshold;
        EvidenceCount = evidenceCount;
        MinimumEvidence = minimumEvidence;
        EstimateLabel = estimateLabel;
    }

    /// <summary>The competency.</summary>
    public CompetencyId Competency { get; }

    /// <summary>Its level.</summary>
    public MasteryLevel Level { get; }

    /// <summary>Why it is at that level.</summary>
    public MasteryReason Reason { get; }

    /// <summary>The model's estimate in [0, 1].</summary>
    /// <value>Null with no evidence, or when the model has no score yet.</value>
    public double? Estimate { get; }

    /// <summary>The threshold the estimate was compared with: the one it reached, or for
    /// <see cref="MasteryReason.BelowFamiliar"/> the one it missed.</summary>
    /// <value>Null when no threshold applied.</value>
    public double? Threshold { get; }

    /// <summary>How many pieces of evidence were folded into the competency.</summary>
    public int EvidenceCount { get; }

    /// <summary>How many pieces of evidence <see cref="MasteryLevel.Mastered"/> needs under the policy.</summary>
    public int MinimumEvidence { get; }

    /// <summary>What the model calls its estimate, such as "decaying average".</summary>
    public string EstimateLabel { get; }

    /// <summary>A sentence that explains the level, such as "decaying average 0.82 ≥ 0.80 after 4 pieces of evidence".</summary>
    /// <returns>The sentence, written on each call.</returns>
    public string Explain() => Reason switch
    {
        MasteryReason.NoEvidence => "no evidence yet",
        MasteryReason.NoScoreYet => $"{EstimateLabel}: no score yet after {Pieces(EvidenceCount)}",
        MasteryReason.BelowFamiliar => $"{EstimateLabel} {F(Estimate)} < {F(Threshold)} after {Pieces(EvidenceCount)}",
        MasteryReason.NeedsMoreEvidence => $"{EstimateLabel} {F(Estimate)} ≥ {F(Threshold)}, but Mastered needs {Pieces(MinimumEvidence)} (has {EvidenceCount})",
        _ => $"{EstimateLabel} {F(Estimate)} ≥ {F(Threshold)} after {Pieces(EvidenceCount)}",
    };

    /// <summary>The assessment of a competency with no evidence.</summary>
    internal static MasteryAssessment NotStarted(CompetencyId competency, int minimumEvidence, string estimateLabel)
        => new(competency, MasteryLevel.NotStarted, MasteryReason.NoEvidence, 0, minimumEvidence, estimateLabel);

    private static string Pieces(int count) => count == 1 ? "1 piece of evidence" : $"{count} pieces of evidence";

    private static string F(double? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "none";
}
