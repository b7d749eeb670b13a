using System.Globalization;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Mastery;

/// <summary>
/// Maps a model's estimate to a <see cref="MasteryLevel"/> through thresholds, and requires a minimum amount
/// of evidence before calling a competency mastered.
/// </summary>
/// <remarks>
/// <para>Levels: no evidence → <see cref="MasteryLevel.NotStarted"/>; no score or below the Familiar
/// threshold → <see cref="MasteryLevel.Attempted"/>; then <see cref="MasteryLevel.Familiar"/>,
/// <see cref="MasteryLevel.Proficient"/> and <see cref="MasteryLevel.Mastered"/> as the estimate reaches
/// each threshold (at or above). An estimate that reaches the Mastered threshold with less evidence than
/// <see cref="MinimumEvidenceForMastered"/> stays Proficient.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record MasteryPolicy
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>MasteryPolicy { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates a policy. All values are checked together and every problem is reported in one exception.</summary>
    /// <param name="familiarThreshold">The estimate that reaches Familiar; in (0, 1].</param>
    /// <param name="proficientThreshold">The estimate that reaches Proficient; in (0, 1] and above <paramref name="familiarThreshold"/>.</param>
    /// <param name="masteredThreshold">The estimate that reaches Mastered; in (0, 1] and above <paramref name="proficientThreshold"/>.</param>
    /// <param name="minimumEvidenceForMastered">How many pieces of evidence Mastered needs; in [1, 1000].</param>
    /// <exception cref="ArgumentOutOfRangeException">One or more values are out of range or out of order: one exception lists
    /// each ("The mastery policy settings are not valid: name: rule; got value. …"), named after the first bad parameter
    /// (for thresholds out of order, the first that is not above the one before it).</exception>
    public MasteryPolicy(double familiarThreshold = 0.5, double proficientThreshold = 0.7, double masteredThreshold = 0.85, int minimumEvidenceForMastered = 2)
    {
        var problems = new OptionProblems("mastery policy settings");
        problems.Require(familiarThreshold is > 0 and <= 1, nameof(familiarThreshold), "the familiar threshold must be a finite number in (0, 1]", familiarThreshold);
        problems.Require(proficientThreshold is > 0 and <= 1, nameof(proficientThreshold), "the proficient threshold must be a finite number in (0, 1]", proficientThreshold);
        problems.Require(masteredThreshold is > 0 and <= 1, nameof(masteredThreshold), "the mastered threshold must be a finite number in (0, 1]", masteredThreshold);
        if (!problems.Any && !(familiarThreshold < proficientThreshold && proficientThreshold < masteredThreshold))
        {
            // Checked only when each is in range itself, so that a valid threshold is not blamed for another's problem.
            problems.Add(familiarThreshold < proficientThreshold ? nameof(masteredThreshold) : nameof(proficientThreshold),
                "the thresholds must rise strictly: familiar < proficient < mastered",
                $"{F(familiarThreshold)}, {F(proficientThreshold)}, {F(masteredThreshold)}");
        }

        problems.Require(minimumEvidenceForMastered is >= 1 and <= MaximumMinimumEvidence, nameof(minimumEvidenceForMastered),
            "the evidence Mastered needs must be in [1, 1000]", minimumEvidenceForMastered);
        problems.ThrowIfAny();

        FamiliarThreshold = familiarThreshold;
        ProficientThreshold = proficientThreshold;
        MasteredThreshold = masteredThreshold;
        MinimumEvidenceForMastered = minimumEvidenceForMastered;
    }

    /// <summary>The default policy: Familiar at 0.5, Proficient at 0.7, Mastered at 0.85 with at least 2 pieces of evidence.</summary>
    public static MasteryPolicy Default { get; } = new();

    // The most evidence a policy can ask for Mastered (an assessment read from JSON is held to it too).
    internal const int MaximumMinimumEvidence = 1000;

    /// <summary>The estimate that reaches Familiar.</summary>
    /// <value>0.5 unless given.</value>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public double FamiliarThreshold { get; internal init; }

    /// <summary>The estimate that reaches Proficient.</summary>
    /// <value>0.7 unless given.</value>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public double ProficientThreshold { get; internal init; }

    /// <summary>The estimate that reaches Mastered.</summary>
    /// <value>0.85 unless given.</value>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public double MasteredThreshold { get; internal init; }

    /// <summary>How many pieces of evidence Mastered needs.</summary>
    /// <value>2 unless given.</value>
    [System.Text.Json.Serialization.JsonRequired, System.Text.Json.Serialization.JsonInclude]
    public int MinimumEvidenceForMastered { get; internal init; }

    /// <summary>Whether a level counts as mastered for prerequisites and the frontier.</summary>
    /// <param name="level">The level.</param>
    /// <returns>True for <see cref="MasteryLevel.Mastered"/>.</returns>
    public static bool IsMastered(MasteryLevel level) => level == MasteryLevel.Mastered;

    /// <summary>Assesses one competency's state under a model at a moment.</summary>
    /// <param name="competency">The competency.</param>
    /// <param name="state">Its state.</param>
    /// <param name="model">The model that folded the state.</param>
    /// <param name="asOf">The moment, for models whose estimate changes with time.</param>
    /// <returns>The level with its explanation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The model returned an estimate outside [0, 1].</exception>
    public MasteryAssessment Assess(CompetencyId competency, in CompetencyState state, IMasteryModel model, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(model);
        var label = model.EstimateLabel;
        if (!state.IsTouched)
        {
            return MasteryAssessment.NotStarted(competency, MinimumEvidenceForMastered, label);
        }

        var estimate = model.EstimateAt(state, asOf);
        if (estimate is { } e && !(e >= 0 && e <= 1))
        {
            throw new InvalidOperationException($"Mastery model '{model.Name}' returned estimate {e.ToString("R", CultureInfo.InvariantCulture)} for competency '{competency}'; estimates must be in [0, 1].");
        }

        var (level, reason, threshold) = Classify(estimate, state.EvidenceCount);
        return new MasteryAssessment(competency, level, reason, state.EvidenceCount, MinimumEvidenceForMastered, label, estimate, threshold);
    }

    /// <summary>The level, reason and deciding threshold of a touched competency with this estimate and evidence count;
    /// the rule <see cref="Assess"/> applies, also used to check an assessment read back from a document.</summary>
    internal (MasteryLevel Level, MasteryReason Reason, double? Threshold) Classify(double? estimate, int evidenceCount) => estimate switch
    {
        null => (MasteryLevel.Attempted, MasteryReason.NoScoreYet, (double?)null),
        >= 0 when estimate >= MasteredThreshold && evidenceCount >= MinimumEvidenceForMastered => (MasteryLevel.Mastered, MasteryReason.ReachedMastered, MasteredThreshold),
        >= 0 when estimate >= MasteredThreshold => (MasteryLevel.Proficient, MasteryReason.NeedsMoreEvidence, MasteredThreshold),
        >= 0 when estimate >= ProficientThreshold => (MasteryLevel.Proficient, MasteryReason.ReachedProficient, ProficientThreshold),
        >= 0 when estimate >= FamiliarThreshold => (MasteryLevel.Familiar, MasteryReason.ReachedFamiliar, FamiliarThreshold),
        _ => (MasteryLevel.Attempted, MasteryReason.BelowFamiliar, FamiliarThreshold),
    };

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
