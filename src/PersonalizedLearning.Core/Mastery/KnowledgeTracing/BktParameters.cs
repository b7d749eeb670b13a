using System.Globalization;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// The five parameters of Bayesian Knowledge Tracing for one competency (Corbett &amp; Anderson 1995; with
/// forgetting as in pyBKT): P(L0) the prior, T the chance to learn after an answer, F the chance to forget,
/// G the chance to guess right without knowing, S the chance to slip when knowing.
/// </summary>
/// <remarks>
/// <para>One answer is three steps, each O(1) and allocation-free, on a <see cref="BktBelief"/> that carries
/// P(known) and P(unknown) separately:</para>
/// <list type="number">
/// <item><description>predict: P(correct) = P(L)·(1 − S) + P(¬L)·G and P(incorrect) = P(L)·S + P(¬L)·(1 − G);</description></item>
/// <item><description>condition on the answer: P(L | correct) ∝ P(L)(1 − S), P(¬L | correct) ∝ P(¬L)·G (wrong: S and 1 − G);</description></item>
/// <item><description>transition: P(L)' = P(L | answer)·(1 − F) + P(¬L | answer)·T, P(¬L)' = P(¬L | answer)·(1 − T) + P(L | answer)·F.</description></item>
/// </list>
/// <para>Every quantity is a sum of nonnegative products, never a difference, so each keeps its relative precision:
/// the result is exact to rounding for any parameters in [0, 1] and any number of answers (checked against an
/// 80-digit reference on chains of 3,000 answers with slips down to 1e-9).</para>
/// <para>The constructor requires every value in [0, 1] and G + S &lt; 1: only then does a learner who knows the
/// competency answer correctly more often than one who does not, so that a correct answer raises P(L). EM can end
/// in fits that break this (pyBKT issues #36, #38, #40); <see cref="FromEstimates"/> accepts them, marked
/// <see cref="IsDegenerate"/>, so they can be inspected and replayed, and <see cref="BktModel"/> refuses them unless asked.</para>
/// <para>The default value is <c>new BktParameters(0, 0, 0, 0)</c>: valid and not <see cref="IsDegenerate"/> (G + S = 0),
/// but useless for tracing, since with P(L0) = 0 and T = 0 no learner ever comes to know the competency; create values
/// through the constructor. Immutable and thread-safe.</para>
/// </remarks>
public readonly record struct BktParameters
{
    /// <summary>Creates validated parameters.</summary>
    /// <param name="prior">P(L0), the chance the learner knows the competency before the first answer.</param>
    /// <param name="learn">T, the chance to move from not knowing to knowing after an answer.</param>
    /// <param name="guess">G, P(correct | not known).</param>
    /// <param name="slip">S, P(wrong | known).</param>
    /// <param name="forget">F, the chance to move from knowing to not knowing after an answer; 0 in standard BKT.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or outside [0, 1], or G + S ≥ 1: one exception for every
    /// problem, whose <see cref="ArgumentException.ParamName"/> is the first bad parameter (<paramref name="slip"/> for
    /// G + S ≥ 1) and whose message names each bad parameter, its rule and the value given.</exception>
    public BktParameters(double prior, double learn, double guess, double slip, double forget = 0)
        : this(prior, learn, guess, slip, forget, allowDegenerate: false)
    {
    }

    private BktParameters(double prior, double learn, double guess, double slip, double forget, bool allowDegenerate)
    {
        if (!(prior is >= 0 and <= 1 && learn is >= 0 and <= 1 && guess is >= 0 and <= 1 && slip is >= 0 and <= 1 && forget is >= 0 and <= 1 && (allowDegenerate || guess + slip < 1)))
        {
            Throw(prior, learn, guess, slip, forget, allowDegenerate);
        }

        Prior = prior;
        Learn = learn;
        Guess = guess;
        Slip = slip;
        Forget = forget;
        IsPlain = IsPlainFactor(prior) && IsPlainFactor(learn) && IsPlainFactor(guess) && IsPlainFactor(slip) && IsPlainFactor(forget);
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
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or outside [0, 1]: one exception for every problem,
    /// whose <see cref="ArgumentException.ParamName"/> is the first bad parameter and whose message names each bad
    /// parameter, its rule and the value given.</exception>
    public static BktParameters FromEstimates(double prior, double learn, double guess, double slip, double forget = 0)
        => new(prior, learn, guess, slip, forget, allowDegenerate: true);

    /// <summary>The same parameters with another guess and slip, as used for one activity class (KT-IDEM).</summary>
    /// <param name="guess">G.</param>
    /// <param name="slip">S.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or outside [0, 1], or G + S ≥ 1 while these parameters are
    /// not degenerate: one exception for every problem, as the constructor's.</exception>
    public BktParameters WithGuessSlip(double guess, double slip) => new(Prior, Learn, guess, slip, Forget, IsDegenerate);

    /// <summary>Whether every parameter and its complement is 0 or at least 2^-60 (about 8.7e-19), so that an update of a
    /// belief whose probabilities are at least 2^-900 cannot underflow and runs on doubles; otherwise it runs in extended
    /// range. Either way the result is exact to rounding.</summary>
    internal bool IsPlain { get; }

    /// <summary>The belief before the first answer: P(known) = P(L0).</summary>
    /// <value>P(known) = <see cref="Prior"/>, P(unknown) = 1 − <see cref="Prior"/>.</value>
    public BktBelief InitialBelief => BktBelief.FromKnown(Prior);

    /// <summary>The same parameters with another learn and forget rate, as used for the move after an answer in one
    /// activity or pair of activities (pyBKT's <c>multilearn</c>, <c>multipair</c>).</summary>
    /// <param name="learn">T.</param>
    /// <param name="forget">F.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or outside [0, 1]: one exception for every problem, as
    /// the constructor's.</exception>
    public BktParameters WithTransition(double learn, double forget) => new(Prior, learn, Guess, Slip, forget, allowDegenerate: true);

    /// <summary>P(correct) for a learner who knows the competency with probability <paramref name="known"/>.</summary>
    /// <param name="known">P(L) before the answer.</param>
    /// <returns>P(L)·(1 − S) + (1 − P(L))·G.</returns>
    /// <remarks>For P(incorrect), and whenever P(L) may come close to 1, use the <see cref="BktBelief"/> overloads:
    /// 1 − P(L) is not P(unknown) once P(L) rounds to 1.</remarks>
    public double PredictCorrect(double known) => (known * (1 - Slip)) + ((1 - known) * Guess);

    /// <summary>P(correct) before an answer: P(known)·(1 − S) + P(unknown)·G.</summary>
    /// <param name="belief">The belief before the answer.</param>
    /// <returns>P(correct), the nearest double to the exact value.</returns>
    public double PredictCorrect(BktBelief belief) => Emission(belief, correct: true);

    /// <summary>P(incorrect) before an answer: P(known)·S + P(unknown)·(1 − G), computed directly and not as
    /// 1 − P(correct), which loses it when it is small.</summary>
    /// <param name="belief">The belief before the answer.</param>
    /// <returns>P(incorrect), the nearest double to the exact value.</returns>
    public double PredictIncorrect(BktBelief belief) => Emission(belief, correct: false);

    /// <summary>The belief after seeing an answer, before the learning transition (Bayes' rule).</summary>
    /// <param name="belief">The belief before the answer.</param>
    /// <param name="correct">Whether the answer was correct.</param>
    /// <returns>The posterior. An answer the parameters call impossible (probability exactly 0) leaves the belief as it was.</returns>
    public BktBelief Condition(BktBelief belief, bool correct)
    {
        var (ifKnown, ifUnknown) = Likelihoods(correct);
        if (IsPlain && belief.IsPlain)
        {
            var joinKnown = belief.PlainKnown * ifKnown;
            var joinUnknown = belief.PlainUnknown * ifUnknown;
            var evidence = joinKnown + joinUnknown;
            return evidence > 0 ? BktBelief.FromPlain(joinKnown / evidence, joinUnknown / evidence) : belief;
        }

        var known = belief.KnownExact * ifKnown;
        var unknown = belief.UnknownExact * ifUnknown;
        return known.IsZero && unknown.IsZero ? belief : BktBelief.Normalize(known, unknown);
    }

    /// <summary>The learning (and forgetting) transition between two answers.</summary>
    /// <param name="belief">The belief after conditioning on an answer.</param>
    /// <returns>P(known)' = P(known)·(1 − F) + P(unknown)·T and P(unknown)' = P(unknown)·(1 − T) + P(known)·F, each a
    /// sum of nonnegative terms, so each keeps its relative precision.</returns>
    public BktBelief Transition(BktBelief belief)
    {
        if (IsPlain && belief.IsPlain)
        {
            var k = belief.PlainKnown;
            var u = belief.PlainUnknown;
            return BktBelief.FromPlain((k * (1 - Forget)) + (u * Learn), (u * (1 - Learn)) + (k * Forget));
        }

        var known = belief.KnownExact;
        var unknown = belief.UnknownExact;
        return BktBelief.Create((known * (1 - Forget)) + (unknown * Learn), (unknown * (1 - Learn)) + (known * Forget));
    }

    /// <summary>One whole answer: condition on it, then transition. The result is the belief before the next answer.</summary>
    /// <param name="belief">The belief before the answer.</param>
    /// <param name="correct">Whether the answer was correct.</param>
    /// <returns>The belief before the next answer.</returns>
    /// <remarks>Exact to rounding for any parameters and any number of answers: each of P(known) and P(unknown) keeps a
    /// relative error of a few times 1e-16 per answer (see <see cref="BktBelief"/>). O(1), allocation-free.</remarks>
    public BktBelief Next(BktBelief belief, bool correct)
    {
        var (ifKnown, ifUnknown) = Likelihoods(correct);
        if (IsPlain && belief.IsPlain)
        {
            // Inputs at least 2^-900 and factors at least 2^-60 keep every product at least 2^-1020, a normal double.
            var joinKnown = belief.PlainKnown * ifKnown;
            var joinUnknown = belief.PlainUnknown * ifUnknown;
            var evidence = joinKnown + joinUnknown;
            if (!(evidence > 0))
            {
                return belief;
            }

            var k = joinKnown / evidence;
            var u = joinUnknown / evidence;
            return BktBelief.FromPlain((k * (1 - Forget)) + (u * Learn), (u * (1 - Learn)) + (k * Forget));
        }

        return Transition(Condition(belief, correct));
    }

    private (double IfKnown, double IfUnknown) Likelihoods(bool correct) => correct ? (1 - Slip, Guess) : (Slip, 1 - Guess);

    private double Emission(BktBelief belief, bool correct)
    {
        // Rounding can put a sum of two terms that add to 1 an ulp above it.
        var (ifKnown, ifUnknown) = Likelihoods(correct);
        return Math.Min(1, IsPlain && belief.IsPlain
            ? (belief.PlainKnown * ifKnown) + (belief.PlainUnknown * ifUnknown)
            : ((belief.KnownExact * ifKnown) + (belief.UnknownExact * ifUnknown)).ToDouble());
    }

    /// <summary>The five values, four decimals each, and with three significant digits in scientific notation when a
    /// value is below 0.0001 or within 0.0001 of 1 but not 0 or 1 (a slip of 1e-6 shows as 1E-06, not 0; a guess of
    /// 1 − 1e-9 as 1 − 1E-09). Invariant culture.</summary>
    /// <returns>For example <c>P(L0) = 0.5, T = 0.1, F = 0, G = 0.25, S = 1E-06</c>.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"P(L0) = {Short(Prior)}, T = {Short(Learn)}, F = {Short(Forget)}, G = {Short(Guess)}, S = {Short(Slip)}");

    // Four decimals, unless that would show a probability as 0 or 1 when it is not.
    private static string Short(double p)
        => p is > 0 and < 1e-4 ? p.ToString("0.##E+00", CultureInfo.InvariantCulture)
            : p is > 1 - 1e-4 and < 1 ? "1 − " + (1 - p).ToString("0.##E+00", CultureInfo.InvariantCulture)
            : p.ToString("0.####", CultureInfo.InvariantCulture);

    // Every problem at once (the fast path above allocates nothing; this runs only when something is wrong).
    private static void Throw(double prior, double learn, double guess, double slip, double forget, bool allowDegenerate)
    {
        var problems = new OptionProblems("BKT parameters");
        problems.Require(prior is >= 0 and <= 1, nameof(prior), "P(L0) must be a probability in [0, 1]", prior);
        problems.Require(learn is >= 0 and <= 1, nameof(learn), "the learn rate T must be a probability in [0, 1]", learn);
        problems.Require(guess is >= 0 and <= 1, nameof(guess), "the guess rate G must be a probability in [0, 1]", guess);
        problems.Require(slip is >= 0 and <= 1, nameof(slip), "the slip rate S must be a probability in [0, 1]", slip);
        problems.Require(forget is >= 0 and <= 1, nameof(forget), "the forget rate F must be a probability in [0, 1]", forget);
        if (!allowDegenerate && guess is >= 0 and <= 1 && slip is >= 0 and <= 1 && guess + slip >= 1)
        {
            problems.Add(nameof(slip), "guess + slip must be less than 1, so that knowing the competency makes a correct answer more likely",
                $"G = {Format(guess)}, S = {Format(slip)} (sum {Format(guess + slip)})");
        }

        problems.ThrowIfAny();
    }

    // The complement of a double probability below 1 is at least 2^-53, so only the value itself can be tiny.
    private static bool IsPlainFactor(double p) => p == 0 || p >= 8.673617379884035e-19 /* 2^-60 */;

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
