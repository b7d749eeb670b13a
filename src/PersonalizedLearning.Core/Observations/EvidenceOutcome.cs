using System.Globalization;

namespace PersonalizedLearning.Observations;

/// <summary>
/// The result a piece of evidence records: correct or incorrect, or a score in [0, 1].
/// </summary>
/// <remarks>
/// <para>A binary outcome (<see cref="Correct"/>, <see cref="Incorrect"/>) has score 1 or 0 and
/// <see cref="IsBinary"/> true, which models such as knowledge tracing need. A scored outcome carries any
/// score in [0, 1]; rubric points are normalised with <see cref="FromPoints"/>.</para>
/// <para>Whether an outcome passes is one rule for the whole library, <see cref="Passes"/>: its score is at least the
/// passing score (<see cref="DefaultPassingScore"/>, 0.6, unless the component is given another). Knowledge tracing
/// (<c>BktModel.PassingScore</c>), the FSRS rating rule (<c>FsrsRatingRule.PassingScore</c>, below it is Again),
/// the recommender's remediation (<c>RecommenderOptions.PassingScore</c>) and the playlist's
/// (<c>PlaylistOptions.PassingScore</c>) all judge with it, so a score of 0.55 is a pass for every one of them or for
/// none; <see cref="PersonalizedLearningEngine"/> refuses a model and a recommender set to different passing scores.</para>
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

    /// <summary>The passing score every component uses unless given another: 0.6.</summary>
    public const double DefaultPassingScore = 0.6;

    /// <summary>The library's one pass/fail rule: whether this outcome passes at a passing score.</summary>
    /// <param name="passingScore">The lowest passing score, in (0, 1].</param>
    /// <returns>True when <see cref="Score"/> ≥ <paramref name="passingScore"/>: <see cref="Correct"/> always passes and
    /// <see cref="Incorrect"/> never does; a graded score passes at or above the line, so 0.55 fails at 0.6 and passes
    /// at 0.5.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="passingScore"/> is NaN or outside (0, 1].</exception>
    public bool Passes(double passingScore)
    {
        CheckPassingScore(passingScore, nameof(passingScore));
        return Score >= passingScore;
    }

    // The range every component's passing score is checked against, with one message.
    internal static void CheckPassingScore(double passingScore, string parameterName)
    {
        if (!(passingScore > 0 && passingScore <= 1))
        {
            throw new ArgumentOutOfRangeException(parameterName, passingScore, $"The passing score must be a number in (0, 1]; got {Format(passingScore)}.");
        }
    }

    // The same rule, as one problem among a set of options' (they report every problem at once).
    internal static void CheckPassingScore(ref OptionProblems problems, double passingScore, string parameterName)
        => problems.Require(passingScore > 0 && passingScore <= 1, parameterName, "the passing score must be a number in (0, 1]", passingScore);

    // The rule without the check, for hot paths whose passing score was checked when their options were built.
    internal bool PassesChecked(double passingScore) => Score >= passingScore;

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
