using System.Globalization;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Mastery.Retention;

/// <summary>
/// How evidence becomes an FSRS rating. An answer that fails by the library's one rule (<see cref="EvidenceOutcome.Passes"/>
/// at <see cref="PassingScore"/>) is Again; a pass below <see cref="GoodScore"/> is Hard; below <see cref="EasyScore"/> is Good; at or above it, Easy. A correct
/// right-or-wrong answer (score 1) is Good unless <see cref="CorrectIsEasy"/>.
/// </summary>
/// <remarks>Immutable and thread-safe. The default: below 0.6 (<see cref="EvidenceOutcome.DefaultPassingScore"/>) Again, [0.6, 0.7) Hard, [0.7, 0.9) Good, ≥ 0.9 Easy,
/// and a plain "correct" is Good (recalled, not necessarily easily).</remarks>
public sealed record FsrsRatingRule
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>FsrsRatingRule { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates a rule.</summary>
    /// <param name="passingScore">The lowest score that is not Again (<see cref="EvidenceOutcome.Passes"/>), in (0, 1];
    /// <see cref="EvidenceOutcome.DefaultPassingScore"/> unless given, as the other components'.</param>
    /// <param name="goodScore">The lowest score that is Good, in [<paramref name="passingScore"/>, 1].</param>
    /// <param name="easyScore">The lowest score that is Easy, in [<paramref name="goodScore"/>, 1].</param>
    /// <param name="correctIsEasy">Whether a right-or-wrong "correct" counts as Easy rather than Good.</param>
    /// <exception cref="ArgumentOutOfRangeException">The thresholds are NaN, out of range or out of order.</exception>
    public FsrsRatingRule(double passingScore = EvidenceOutcome.DefaultPassingScore, double goodScore = 0.7, double easyScore = 0.9, bool correctIsEasy = false)
    {
        if (!(passingScore > 0 && passingScore <= goodScore && goodScore <= easyScore && easyScore <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(passingScore), passingScore, string.Create(CultureInfo.InvariantCulture,
                $"The rating thresholds must satisfy 0 < passing ≤ good ≤ easy ≤ 1; got passing {passingScore}, good {goodScore}, easy {easyScore}."));
        }

        PassingScore = passingScore;
        GoodScore = goodScore;
        EasyScore = easyScore;
        CorrectIsEasy = correctIsEasy;
    }

    /// <summary>The default rule.</summary>
    public static FsrsRatingRule Default { get; } = new();

    /// <summary>The lowest score that is not Again (<see cref="EvidenceOutcome.Passes"/>).</summary>
    /// <value><see cref="EvidenceOutcome.DefaultPassingScore"/> (0.6) unless given.</value>
    public double PassingScore { get; }

    /// <summary>The lowest score that is Good.</summary>
    public double GoodScore { get; }

    /// <summary>The lowest score that is Easy.</summary>
    public double EasyScore { get; }

    /// <summary>Whether a right-or-wrong "correct" counts as Easy rather than Good.</summary>
    public bool CorrectIsEasy { get; }

    /// <summary>The rating for an outcome.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The rating.</returns>
    public FsrsRating Rate(EvidenceOutcome outcome)
    {
        if (outcome.IsBinary)
        {
            return !outcome.IsCorrect ? FsrsRating.Again : CorrectIsEasy ? FsrsRating.Easy : FsrsRating.Good;
        }

        var s = outcome.Score;
        return !outcome.PassesChecked(PassingScore) ? FsrsRating.Again : s < GoodScore ? FsrsRating.Hard : s < EasyScore ? FsrsRating.Good : FsrsRating.Easy;
    }
}
