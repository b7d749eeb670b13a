using System.Globalization;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Mastery.Retention;

/// <summary>
/// How evidence becomes an FSRS rating. An incorrect answer (score below <see cref="PassScore"/>) is Again; a pass
/// below <see cref="GoodScore"/> is Hard; below <see cref="EasyScore"/> is Good; at or above it, Easy. A correct
/// right-or-wrong answer (score 1) is Good unless <see cref="CorrectIsEasy"/>.
/// </summary>
/// <remarks>Immutable and thread-safe. The default: below 0.5 Again, [0.5, 0.7) Hard, [0.7, 0.9) Good, ≥ 0.9 Easy,
/// and a plain "correct" is Good (recalled, not necessarily easily).</remarks>
public sealed record FsrsRatingRule
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>FsrsRatingRule { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates a rule.</summary>
    /// <param name="passScore">The lowest score that is not Again, in (0, 1].</param>
    /// <param name="goodScore">The lowest score that is Good, in [<paramref name="passScore"/>, 1].</param>
    /// <param name="easyScore">The lowest score that is Easy, in [<paramref name="goodScore"/>, 1].</param>
    /// <param name="correctIsEasy">Whether a right-or-wrong "correct" counts as Easy rather than Good.</param>
    /// <exception cref="ArgumentOutOfRangeException">The thresholds are NaN, out of range or out of order.</exception>
    public FsrsRatingRule(double passScore = 0.5, double goodScore = 0.7, double easyScore = 0.9, bool correctIsEasy = false)
    {
        if (!(passScore > 0 && passScore <= goodScore && goodScore <= easyScore && easyScore <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(passScore), passScore, string.Create(CultureInfo.InvariantCulture,
                $"The rating thresholds must satisfy 0 < pass ≤ good ≤ easy ≤ 1; got pass {passScore}, good {goodScore}, easy {easyScore}."));
        }

        PassScore = passScore;
        GoodScore = goodScore;
        EasyScore = easyScore;
        CorrectIsEasy = correctIsEasy;
    }

    /// <summary>The default rule.</summary>
    public static FsrsRatingRule Default { get; } = new();

    /// <summary>The lowest score that is not Again.</summary>
    public double PassScore { get; }

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
        return s < PassScore ? FsrsRating.Again : s < GoodScore ? FsrsRating.Hard : s < EasyScore ? FsrsRating.Good : FsrsRating.Easy;
    }
}
