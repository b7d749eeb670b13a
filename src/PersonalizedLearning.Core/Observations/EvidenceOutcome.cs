using System.Globalization;

namespace PersonalizedLearning.Observations;

/// <summary>
/// The result a piece of evidence records: correct or incorrect, or a score in [0, 1].
/// </summary>
/// <remarks>
/// <para>A binary outcome (<see cref="Correct"/>, <see cref="Incorrect"/>) has score 1 or 0 and
/// <see cref="IsBinary"/> true, which models such as knowledge tracing need. A scored outcome carries any
/// score in [0, 1]; rubric points are normalised with <see cref="FromPoints"/>.</para>
/// <para>The default value is a score of 0 that is not binary. Immutable and thread-safe.</para>
/// </remarks>
public readonly record struct EvidenceOutcome
{
    private EvidenceOutcome(double score, bool isBinary)
    {
        Score = score;
        IsBinary = isBinary;
    }

    /// <summary>A correct answer: score 1, binary.</summary>
    public static EvidenceOutcome Correct => new(1, true);

    /// <summary>An incorrect answer: score 0, binary.</summary>
    public static EvidenceOutcome Incorrect => new(0, true);

    /// <summary>The score in [0, 1].</summary>
    public double Score { get; }

    /// <summary>Whether the outcome is a correct/incorrect answer rather than a graded score.</summary>
    public bool IsBinary { get; }

    /// <summary>Whether the outcome is a correct binary answer.</summary>
    public bool IsCorrect => IsBinary && Score == 1;

    /// <summary>A binary outcome.</summary>
    /// <param name="correct">Whether the answer was correct.</param>
    /// <returns><see cref="Correct"/> or <see cref="Incorrect"/>.</returns>
    public static EvidenceOutcome FromCorrect(bool correct) => correct ? Correct : Incorrect;

    /// <summary>A graded outcome.</summary>
    /// <param name="score">The score in [0, 1].</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is NaN, infinite or outside [0, 1].</exception>
    public static EvidenceOutcome FromScore(double score)
    {
        if (!(score >= 0 && score <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, $"A score must be a finite number in [0, 1]; got {Format(score)}.");
        }

        return new(score, false);
    }

    /// <summary>A graded outcome from rubric or test points, normalised to points / possible.</summary>
    /// <param name="points">The points earned, in [0, <paramref name="possible"/>].</param>
    /// <param name="possible">The points possible; finite and greater than 0.</param>
    /// <returns>The outcome with score <paramref name="points"/> / <paramref name="possible"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN, infinite or out of range.</exception>
    public static EvidenceOutcome FromPoints(double points, double possible)
    {
        if (!double.IsFinite(possible) || possible <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(possible), possible, $"Points possible must be finite and greater than 0; got {Format(possible)}.");
        }

        if (!(points >= 0 && points <= possible))
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, $"Points must be a finite number in [0, {Format(possible)}]; got {Format(points)}.");
        }

        return new(points / possible, false);
    }

    /// <inheritdoc />
    public override string ToString() => IsBinary ? (IsCorrect ? "correct" : "incorrect") : Format(Score);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
