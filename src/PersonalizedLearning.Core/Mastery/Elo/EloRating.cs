using System.Globalization;

namespace PersonalizedLearning.Mastery.Elo;

/// <summary>
/// The Elo rating system for learners and items (Pelánek 2016, "Applications of the Elo rating system in adaptive
/// educational systems"; Klinkenberg et al. 2011, Math Garden): P(correct) = g + (1 − g)·σ(θ − d) for learner skill θ,
/// item difficulty d and guess floor g; after an answer c ∈ [0, 1], θ += K(n)·(c − P) and d −= K(m)·(c − P), where
/// K(n) = α / (1 + β·n) shrinks as a rating sees more answers.
/// </summary>
/// <remarks>Immutable and thread-safe. Every method is O(1) and allocation-free.</remarks>
public sealed record EloRating
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>EloRating { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates the parameters.</summary>
    /// <param name="alpha">α, the step size of a new rating; finite and greater than 0.</param>
    /// <param name="beta">β, how fast the step shrinks with answers; finite, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public EloRating(double alpha = 0.8, double beta = 0.05)
    {
        if (!(double.IsFinite(alpha) && alpha > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, string.Create(CultureInfo.InvariantCulture, $"α must be finite and greater than 0; got {alpha}."));
        }

        if (!(double.IsFinite(beta) && beta >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, string.Create(CultureInfo.InvariantCulture, $"β must be finite and at least 0; got {beta}."));
        }

        Alpha = alpha;
        Beta = beta;
    }

    /// <summary>Pelánek's values: α = 0.8, β = 0.05.</summary>
    public static EloRating Default { get; } = new();

    /// <summary>α.</summary>
    public double Alpha { get; }

    /// <summary>β.</summary>
    public double Beta { get; }

    /// <summary>The step size after <paramref name="answers"/> answers: α / (1 + β·n).</summary>
    /// <param name="answers">n, at least 0.</param>
    /// <returns>K(n).</returns>
    public double K(int answers) => Alpha / (1 + (Beta * answers));

    /// <summary>P(correct) for a learner of skill θ on an item of difficulty d.</summary>
    /// <param name="skill">θ.</param>
    /// <param name="difficulty">d.</param>
    /// <param name="guessFloor">g, the chance of guessing right (1/k for k options), in [0, 1).</param>
    /// <returns>g + (1 − g)·σ(θ − d).</returns>
    public static double PredictCorrect(double skill, double difficulty, double guessFloor = 0)
        => guessFloor + ScaledLogistic(1 - guessFloor, skill - difficulty);

    /// <summary>P(incorrect) for a learner of skill θ on an item of difficulty d, computed directly rather than as
    /// 1 − P(correct), which is 0 once P(correct) rounds to 1 (from θ − d ≈ 37 with no guess floor).</summary>
    /// <param name="skill">θ.</param>
    /// <param name="difficulty">d.</param>
    /// <param name="guessFloor">g, the chance of guessing right (1/k for k options), in [0, 1).</param>
    /// <returns>(1 − g)·σ(d − θ), with nothing subtracted: as accurate as the gap d − θ it is computed from, and 0
    /// only where the true value is below the smallest double (θ − d beyond about 745).</returns>
    public static double PredictIncorrect(double skill, double difficulty, double guessFloor = 0)
        => ScaledLogistic(1 - guessFloor, difficulty - skill);

    // σ(x) = 1 / (1 + e^−x), as below.
    internal static double Logistic(double x) => ScaledLogistic(1, x);

    // s·σ(x) = s / (1 + e^−x): nothing is subtracted, so there is no cancellation for any x, and the result keeps its
    // relative accuracy down to subnormal values. Below x = −709, e^−x overflows (past −709.78) and the quotient would
    // be 0 while s·σ(x) is still as large as s·1e−308; there 1 + e^−x equals e^−x in double precision, so s·σ(x) is
    // s·e^x. At the switch a step of x moves the value by hundreds of subnormal units, more than either form's
    // rounding, so the result stays monotone in x.
    private static double ScaledLogistic(double scale, double x)
        => x >= -709 ? scale / (1 + Math.Exp(-x)) : scale * Math.Exp(x);

    /// <summary>One answer: the learner's and the item's new ratings.</summary>
    /// <param name="learner">The learner's rating before.</param>
    /// <param name="item">The item's rating before.</param>
    /// <param name="score">c, the answer's score in [0, 1] (1 correct, 0 wrong).</param>
    /// <param name="guessFloor">g, in [0, 1).</param>
    /// <returns>Both ratings after, each with one more answer counted.</returns>
    public (Rated Learner, Rated Item) Update(Rated learner, Rated item, double score, double guessFloor = 0)
    {
        var surprise = score - PredictCorrect(learner.Value, item.Value, guessFloor);
        return (new Rated(learner.Value + (K(learner.Answers) * surprise), learner.Answers + 1),
                new Rated(item.Value - (K(item.Answers) * surprise), item.Answers + 1));
    }
}

/// <summary>A rating and how many answers it has seen.</summary>
/// <param name="Value">θ for a learner, d for an item.</param>
/// <param name="Answers">How many answers it has seen.</param>
/// <remarks>Immutable and thread-safe. The default value is a new rating of 0.</remarks>
public readonly record struct Rated(double Value, int Answers)
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>Rated { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);
}
