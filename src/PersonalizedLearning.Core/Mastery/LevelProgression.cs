using System.Globalization;

namespace PersonalizedLearning.Mastery;

/// <summary>
/// Leveling up and "respawning": mastery levels that move by events, as Khan Academy documents its mastery system,
/// with decay driven by a retention model.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><description>After a practice (an exercise): below 70% correct → Attempted, 70–99% → Familiar, 100% →
/// Proficient. A practice never lowers Mastered or Proficient: practice shows skill, only a mixed assessment confirms
/// or questions mastery.</description></item>
/// <item><description>On a mixed assessment (a quiz or unit test mixing competencies), each answer moves the competency
/// one level: correct → up (Proficient → Mastered), wrong → down (never below Attempted).</description></item>
/// <item><description>Decay ("respawning", Fullerton's iPersonalize): a Mastered competency whose retrievability falls
/// under <see cref="ReviewThreshold"/> becomes due for review; under <see cref="DropThreshold"/> its displayed level
/// drops to Proficient, so the learner levels up again by reviewing it.</description></item>
/// </list>
/// <para>Every transition says what happened and why. Immutable and thread-safe.</para>
/// </remarks>
public sealed record LevelProgression
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>LevelProgression { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates the policy.</summary>
    /// <param name="familiarShare">The practice share correct that reaches Familiar; Khan's is 0.7.</param>
    /// <param name="reviewThreshold">The retrievability under which a Mastered competency is due for review.</param>
    /// <param name="dropThreshold">The retrievability under which a Mastered competency shows as Proficient; at most
    /// <paramref name="reviewThreshold"/>. 0 never drops.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN, outside (0, 1), or the thresholds are out of order.</exception>
    public LevelProgression(double familiarShare = 0.7, double reviewThreshold = 0.9, double dropThreshold = 0.7)
    {
        if (!(familiarShare > 0 && familiarShare < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(familiarShare), familiarShare, string.Create(CultureInfo.InvariantCulture, $"The share correct for Familiar must be in (0, 1); got {familiarShare}."));
        }

        if (!(reviewThreshold > 0 && reviewThreshold < 1 && dropThreshold >= 0 && dropThreshold <= reviewThreshold))
        {
            throw new ArgumentOutOfRangeException(nameof(dropThreshold), dropThreshold, string.Create(CultureInfo.InvariantCulture,
                $"The thresholds must satisfy 0 ≤ drop ≤ review < 1 and review > 0; got review {reviewThreshold}, drop {dropThreshold}."));
        }

        FamiliarShare = familiarShare;
        ReviewThreshold = reviewThreshold;
        DropThreshold = dropThreshold;
    }

    /// <summary>Khan Academy's thresholds, with review due under 0.9 recall and the level dropping under 0.7.</summary>
    public static LevelProgression Default { get; } = new();

    /// <summary>The practice share correct that reaches Familiar.</summary>
    public double FamiliarShare { get; }

    /// <summary>The retrievability under which a Mastered competency is due for review.</summary>
    public double ReviewThreshold { get; }

    /// <summary>The retrievability under which a Mastered competency shows as Proficient.</summary>
    public double DropThreshold { get; }

    /// <summary>The level after a practice.</summary>
    /// <param name="current">The level before.</param>
    /// <param name="correct">Answers right.</param>
    /// <param name="total">Answers in the practice, at least 1.</param>
    /// <returns>The transition.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The counts are negative, zero in total, or more right than total.</exception>
    public LevelTransition AfterPractice(MasteryLevel current, int correct, int total)
    {
        if (total < 1 || correct < 0 || correct > total)
        {
            throw new ArgumentOutOfRangeException(nameof(correct), correct, string.Create(CultureInfo.InvariantCulture, $"A practice needs 0 ≤ correct ≤ total and total ≥ 1; got {correct} of {total}."));
        }

        var share = (double)correct / total;
        var reached = correct == total ? MasteryLevel.Proficient : share >= FamiliarShare ? MasteryLevel.Familiar : MasteryLevel.Attempted;
        var percent = string.Create(CultureInfo.InvariantCulture, $"{correct}/{total} ({share * 100:0}%)");
        if (reached <= current && current >= MasteryLevel.Proficient)
        {
            return new(current, current, $"practice {percent} keeps {current}: only a mixed assessment changes it");
        }

        var why = reached switch
        {
            MasteryLevel.Proficient => $"practice {percent}: all correct",
            MasteryLevel.Familiar => string.Create(CultureInfo.InvariantCulture, $"practice {percent} ≥ {FamiliarShare * 100:0}%"),
            _ => string.Create(CultureInfo.InvariantCulture, $"practice {percent} < {FamiliarShare * 100:0}%"),
        };
        return new(current, reached, why);
    }

    /// <summary>The level after one answer on a mixed assessment.</summary>
    /// <param name="current">The level before.</param>
    /// <param name="correct">Whether the answer was right.</param>
    /// <returns>The transition.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Part of the policy a host picks; a later policy may step by more than one level.")]
    public LevelTransition AfterAssessmentAnswer(MasteryLevel current, bool correct)
    {
        if (correct)
        {
            var up = current == MasteryLevel.Mastered ? current : current + 1;
            return new(current, up, up == current ? "correct on a mixed assessment: already Mastered" : $"correct on a mixed assessment: {current} → {up}");
        }

        var down = current <= MasteryLevel.Attempted ? MasteryLevel.Attempted : current - 1;
        return new(current, down, down == current ? "wrong on a mixed assessment: stays Attempted" : $"wrong on a mixed assessment: {current} → {down}");
    }

    /// <summary>What retention does to a level: due for review, and the displayed level.</summary>
    /// <param name="current">The level earned.</param>
    /// <param name="retrievability">P(recall) now, from a retention model such as FSRS.</param>
    /// <returns>The transition (to the displayed level) and whether a review is due.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retrievability"/> is NaN or outside [0, 1].</exception>
    public (LevelTransition Transition, bool ReviewDue) AfterTime(MasteryLevel current, double retrievability)
    {
        if (!(retrievability >= 0 && retrievability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(retrievability), retrievability, string.Create(CultureInfo.InvariantCulture, $"Retrievability must be in [0, 1]; got {retrievability}."));
        }

        if (current != MasteryLevel.Mastered || retrievability >= ReviewThreshold)
        {
            return (new(current, current, string.Create(CultureInfo.InvariantCulture, $"recall {retrievability:0.00}: no change")), false);
        }

        return retrievability < DropThreshold
            ? (new(current, MasteryLevel.Proficient, string.Create(CultureInfo.InvariantCulture, $"recall {retrievability:0.00} < {DropThreshold:0.00}: shows as Proficient until reviewed")), true)
            : (new(current, current, string.Create(CultureInfo.InvariantCulture, $"recall {retrievability:0.00} < {ReviewThreshold:0.00}: due for review")), true);
    }
}

/// <summary>A move between levels, and why.</summary>
/// <param name="From">The level before.</param>
/// <param name="To">The level after.</param>
/// <param name="Reason">What happened, in words a learner can read.</param>
/// <remarks>The default value is no move (<see cref="MasteryLevel.NotStarted"/> to <see cref="MasteryLevel.NotStarted"/>) and its <see cref="Reason"/> is empty. Immutable and thread-safe.</remarks>
public readonly record struct LevelTransition(MasteryLevel From, MasteryLevel To, string Reason)
{
    /// <summary>What happened, in words a learner can read.</summary>
    /// <value>Empty for the default value (and for a reason given as null), never null.</value>
    public string Reason { get => field ?? string.Empty; init; } = Reason;

    /// <summary>Whether the level went up.</summary>
    public bool LeveledUp => To > From;

    /// <summary>Whether the level went down.</summary>
    public bool LeveledDown => To < From;
}
