using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Activities;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// How well one activity teaches a competency, as a BKT fit with a learn rate per activity (pyBKT's <c>multilearn</c>)
/// sees it: the fitted learn rate, a bootstrap confidence interval for it, and the evidence it rests on. One row of a
/// <see cref="BktCompetencyEfficacy"/>.
/// </summary>
/// <remarks>
/// <para>A learn rate T is estimated from moves: answers in the activity followed by another answer on the competency.
/// Only the moves made while the learner did not yet know the competency say anything about T (a learner who knows it
/// has nothing to learn), so the effective sample size is <see cref="ExpectedMovesWhileUnknown"/>, not
/// <see cref="Moves"/>: an activity mostly done by learners who already know the competency teaches us little about its
/// learn rate, however often it is done.</para>
/// <para>Immutable and thread-safe; equal when every value is equal.</para>
/// </remarks>
public sealed record BktActivityLearnRate
{
    private readonly double _lowEvidenceBelow;
    private readonly bool _identifiable;
    private readonly bool _fixed;

    internal BktActivityLearnRate(ActivityId activity, double learn, double lower, double upper, double confidence, double standardError,
        int moves, int learners, double expectedMovesWhileUnknown, double lowEvidenceBelow, bool identifiable = true, bool isFixed = false)
    {
        _identifiable = identifiable;
        _fixed = isFixed;
        Activity = activity;
        Learn = learn;
        Lower = lower;
        Upper = upper;
        Confidence = confidence;
        StandardError = standardError;
        Moves = moves;
        Learners = learners;
        ExpectedMovesWhileUnknown = expectedMovesWhileUnknown;
        _lowEvidenceBelow = lowEvidenceBelow;
    }

    /// <summary>The activity.</summary>
    public ActivityId Activity { get; }

    /// <summary>The fitted learn rate T: the chance that a learner who does not know the competency knows it after doing
    /// the activity (before the next answer). A probability in [0, 1].</summary>
    public double Learn { get; }

    /// <summary>The lower end of the confidence interval for <see cref="Learn"/>: the (1 − <see cref="Confidence"/>) / 2
    /// quantile of the bootstrap learn rates. A probability in [0, 1], at most <see cref="Upper"/>; 0 when the rate is not
    /// <see cref="IsDetermined"/>.</summary>
    public double Lower { get; }

    /// <summary>The upper end of the confidence interval for <see cref="Learn"/>: the (1 + <see cref="Confidence"/>) / 2
    /// quantile of the bootstrap learn rates. A probability in [0, 1]; 1 when the rate is not
    /// <see cref="IsDetermined"/>.</summary>
    public double Upper { get; }

    /// <summary>The interval's coverage, from <see cref="BktEfficacyOptions.Confidence"/>, in (0, 1).</summary>
    public double Confidence { get; }

    /// <summary>The bootstrap standard error of <see cref="Learn"/>: the standard deviation of the bootstrap learn rates
    /// (Efron &amp; Tibshirani 1993, eq. 6.6). In probability units, at least 0; NaN when the rate is not
    /// <see cref="IsDetermined"/>.</summary>
    public double StandardError { get; }

    /// <summary>How many answers in the activity are followed by another answer on the competency by the same learner:
    /// the moves a learn rate is estimated from. Repeated answers count each time.</summary>
    public int Moves { get; }

    /// <summary>How many learners made at least one of the <see cref="Moves"/>.</summary>
    public int Learners { get; }

    /// <summary>The expected number of <see cref="Moves"/> made while not knowing the competency, under the fitted
    /// parameters: the E-step's expected counts of the activity's transition class (learned + stayed unknown). The
    /// effective sample size of <see cref="Learn"/>; between 0 and <see cref="Moves"/>.</summary>
    public double ExpectedMovesWhileUnknown { get; }

    /// <summary>Whether the learn rate rests on little evidence: fewer than
    /// <see cref="BktEfficacyOptions.LowEvidenceBelow"/> expected moves made while not knowing the competency, or no
    /// moves at all.</summary>
    public bool HasLowEvidence => !IsDetermined || ExpectedMovesWhileUnknown < _lowEvidenceBelow;

    /// <summary>Whether the data determine this learn rate: the activity has moves of its own, the competency's fit
    /// can identify its parameters (<see cref="BktCompetencyFit.IsIdentifiable"/>), and the fit's options did not fix the
    /// learn rate (<see cref="BktFixedParameters.Learn"/>). When not, <see cref="Learn"/> is the value the fit gave it
    /// (the fixed value, the pooled rate of the competency's other moves, or a degenerate fit's), the interval is all of
    /// [0, 1], <see cref="StandardError"/> is NaN, and the row comes after every determined one.</summary>
    public bool IsDetermined => Moves > 0 && _identifiable && !_fixed;

    /// <summary>What to keep in mind when reading this row, in words, for a report; empty when nothing.</summary>
    /// <returns>The lines, written on each call (a new array each time: keep it if read twice); empty when nothing.</returns>
    public ImmutableArray<string> GetExplanations()
    {
        if (_fixed)
        {
            return ["its learn rate was fixed by the fit's options, not estimated from the data"];
        }

        if (!_identifiable)
        {
            return ["the competency's fit cannot identify its parameters (see the fit's explanations), so the data says nothing about what this activity teaches"];
        }

        if (Moves == 0)
        {
            return ["no answer in it is followed by another answer on the competency, so the data says nothing about what it teaches: its learn rate is the pooled rate of the competency's other moves, not its own"];
        }

        if (ExpectedMovesWhileUnknown < _lowEvidenceBelow)
        {
            return [string.Create(CultureInfo.InvariantCulture,
                $"rests on little evidence: of its {Moves:N0} moves by {Learners:N0} learners, about {ExpectedMovesWhileUnknown:0.#} were made while not knowing the competency (fewer than {_lowEvidenceBelow:0.#}), and only those tell what it teaches")];
        }

        return [];
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Activity}: T = {Learn:0.000} ({Confidence:0.##%} CI {Lower:0.000}–{Upper:0.000}), {Moves} moves by {Learners} learners, {ExpectedMovesWhileUnknown:0.0} while unknown");
}
