using System.Globalization;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// The five parameters of Bayesian Knowledge Tracing for one competency (Corbett &amp; Anderson 1995; with
/// forgetting as in pyBKT): P(L0) the prior, T the chance to learn after an answer, F the chance to forget,
/// G the chance to guess right without knowing, S the chance to slip when knowing.
/// </summary>
/// <remarks>
/// <para>One answer is three steps, each O(1) and allocation-free:</para>
/// <list type="number">
/// <item><description>predict: P(correct) = P(L)·(1 − S) + (1 − P(L))·G;</description></item>
/// <item><description>condition on the answer: P(L | correct) = P(L)(1 − S) / P(correct), P(L | wrong) = P(L)·S / P(wrong);</description></item>
/// <item><description>transition: P(L)' = P(L | answer)·(1 − F) + (1 − P(L | answer))·T.</description></item>
/// </list>
/// <para>The constructor requires every value in [0, 1] and G + S &lt; 1: only then does a learner who knows the
/// competency answer correctly more often than one who does not, so that a correct answer raises P(L). EM can end
/// in fits that break this (pyBKT issues #36, #38, #40); <see cref="FromEstimates"/> accepts them, marked
/// <see cref="IsDegenerate"/>, so they can be inspected and replayed, and <see cref="BktModel"/> refuses them unless asked.</para>
/// <para>The default value has every parameter 0 and is degenerate in a different way (nothing can be learned);
/// create values through the constructor. Immutable and thread-safe.</para>
/// </remarks>
public readonly record struct BktParameters
{
    /// <summary>Creates validated parameters.</summary>
    /// <param name="prior">P(L0), the chance the learner knows the competency before the first answer.</param>
    /// <param name="learn">T, the chance to move from not knowing to knowing after an answer.</param>
    /// <param name="guess">G, P(correct | not known).</param>
    /// <param name="slip">S, P(wrong | known).</param>
    /// <param name="forget">F, the chance to move from knowing to not knowing after an answer; 0 in standard BKT.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or outside [0, 1], or G + S ≥ 1.</exception>
    public BktParameters(double prior, double learn, double guess, double slip, double forget = 0)
        : this(prior, learn, guess, slip, forget, allowDegenerate: false)
    {
    }

    private BktParameters(double prior, double learn, double guess, double slip, double forget, bool allowDegenerate)
    {
        RequireProbability(prior, nameof(prior), "P(L0)");
        RequireProbability(learn, nameof(learn), "The learn rate T");
        RequireProbability(guess, nameof(guess), "The guess rate G");
        RequireProbability(slip, nameof(slip), "The slip rate S");
        RequireProbability(forget, nameof(forget), "The forget rate F");
        if (!allowDegenerate && guess + slip >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(slip), slip,
                $"Guess + slip must be less than 1, so that knowing the competency makes a correct answer more likely; got G = {Format(guess)}, S = {Format(slip)} (sum {Format(guess + slip)}).");
        }

        Prior = prior;
        Learn = learn;
        Guess = guess;
        Slip = slip;
        Forget = forget;
    }

    /// <summary>P(L0), the chance the learner knows the competency before the first answer.</summary>
    public double Prior { get; }

    /// <summary>T, the chance to move from not knowing to knowing after an answer.</summary>
    public double Learn { get; }

    /// <summary>G, P(correct | not known).</summary>
    public double Guess { get; }

    /// <summary>S, P(wrong | known).</summary>
    public double Slip { get; }

    /// <summary>F, the chance to move from knowing to not knowing after an answer.</summary>
    /// <value>0 in standard BKT.</value>
    public double Forget { get; }

    /// <summary>Whether G + S ≥ 1, so that a correct answer does not raise P(L).</summary>
    public bool IsDegenerate => Guess + Slip >= 1;

    /// <summary>
    /// Parameters as an estimator produced them, possibly degenerate (G + S ≥ 1): for inspecting a fit and for
    /// replaying parameters fitted elsewhere, such as pyBKT's.
    /// </summary>
    /// <param name="prior">P(L0).</param>
    /// <param name="learn">T.</param>
    /// <param name="guess">G.</param>
    /// <param name="slip">S.</param>
    /// <param name="forget">F.</param>
    /// <returns>The parameters; check <see cref="IsDegenerate"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or outside [0, 1].</exception>
    public static BktParameters FromEstimates(double prior, double learn, double guess, double slip, double forget = 0)
        => new(prior, learn, guess, slip, forget, allowDegenerate: true);

    /// <summary>The same parameters with another guess and slip, as used for one activity class (KT-IDEM).</summary>
    /// <param name="guess">G.</param>
    /// <param name="slip">S.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or outside [0, 1], or G + S ≥ 1 while these parameters are not degenerate.</exception>
    public BktParameters WithGuessSlip(double guess, double slip) => new(Prior, Learn, guess, slip, Forget, IsDegenerate);

    /// <summary>P(correct) for a learner who knows the competency with probability <paramref name="known"/>.</summary>
    /// <param name="known">P(L) before the answer.</param>
    /// <returns>P(L)·(1 − S) + (1 − P(L))·G.</returns>
    public double PredictCorrect(double known) => (known * (1 - Slip)) + ((1 - known) * Guess);

    /// <summary>P(L) after seeing the answer, before the learning transition (Bayes' rule).</summary>
    /// <param name="known">P(L) before the answer.</param>
    /// <param name="correct">Whether the answer was correct.</param>
    /// <returns>The posterior. An answer the parameters call impossible leaves P(L) as it was.</returns>
    public double Condition(double known, bool correct)
    {
        var ifKnown = known * (correct ? 1 - Slip : Slip);
        var ifUnknown = (1 - known) * (correct ? Guess : 1 - Guess);
        var evidence = ifKnown + ifUnknown;
        return evidence > 0 ? ifKnown / evidence : known;
    }

    /// <summary>The learning (and forgetting) transition between two answers.</summary>
    /// <param name="known">P(L) after conditioning on an answer.</param>
    /// <returns>P(L)·(1 − F) + (1 − P(L))·T.</returns>
    public double Transition(double known) => (known * (1 - Forget)) + ((1 - known) * Learn);

    /// <summary>One whole answer: condition on it, then transition. The result is P(L) before the next answer.</summary>
    /// <param name="known">P(L) before the answer.</param>
    /// <param name="correct">Whether the answer was correct.</param>
    /// <returns>P(L) before the next answer.</returns>
    public double Next(double known, bool correct) => Transition(Condition(known, correct));

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"P(L0) = {Prior:0.####}, T = {Learn:0.####}, F = {Forget:0.####}, G = {Guess:0.####}, S = {Slip:0.####}");

    private static void RequireProbability(double value, string name, string what)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{what} must be a probability in [0, 1]; got {Format(value)}.");
        }
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
