using System.Globalization;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// How strongly one prerequisite gates learning its dependent, as a log of answers shows it: the dependent's learn rate
/// while the prerequisite is known (<see cref="LearnReady"/>) and while it is not (<see cref="LearnUnready"/>), and their
/// ratio, the <see cref="Factor"/>: 0 when nothing is learned before the prerequisite (a hard prerequisite), 1 when the
/// prerequisite makes no difference.
/// </summary>
/// <remarks>
/// <para>The model is the two-skill dynamic Bayesian network of Käser, Klingler, Schwing and Gross (2014, "Beyond
/// knowledge tracing: modeling skill topologies with Bayesian networks", ITS 2014) for one prerequisite link: BKT for
/// each of the two competencies, where the dependent's learn rate depends on whether the prerequisite is known at that
/// moment. <see cref="PrerequisiteGatingEstimator"/> fits it by EM.</para>
/// <para>Hosts may also make links from what they know (a link the curriculum team says is hard: learn rates with a
/// factor of 0), and give them to <see cref="PrerequisiteGating"/>. Immutable and thread-safe; equal when every value is
/// equal.</para>
/// </remarks>
public sealed record PrerequisiteLinkGating
{
    /// <summary>Every public property by name, numbers culture-invariant (round-trip numbers).</summary>
    /// <returns>For example <c>PrerequisiteLinkGating { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates a link's gating.</summary>
    /// <param name="prerequisite">The prerequisite.</param>
    /// <param name="dependent">The competency that builds on it.</param>
    /// <param name="learnReady">The dependent's learn rate while the prerequisite is known, in [0, 1].</param>
    /// <param name="learnUnready">The dependent's learn rate while the prerequisite is not known, in [0, 1].</param>
    /// <param name="factorLower">The lower end of the factor's confidence interval, in [0, 1].</param>
    /// <param name="factorUpper">The upper end of the factor's confidence interval, in [<paramref name="factorLower"/>, 1].</param>
    /// <param name="unreadyOpportunities">The expected number of answers on the dependent given while neither was known:
    /// the evidence <paramref name="learnUnready"/> rests on. Finite, at least 0.</param>
    /// <param name="readyOpportunities">The expected number of answers on the dependent given while the prerequisite was
    /// known and the dependent not: the evidence <paramref name="learnReady"/> rests on. Finite, at least 0.</param>
    /// <param name="learners">How many learners answered on the dependent; at least 0.</param>
    /// <exception cref="ArgumentException">An id is empty, the two are the same competency, or a value is out of its
    /// range (the message lists every problem).</exception>
    public PrerequisiteLinkGating(CompetencyId prerequisite, CompetencyId dependent, double learnReady, double learnUnready,
        double factorLower, double factorUpper, double unreadyOpportunities, double readyOpportunities, int learners)
    {
        var problems = new List<string>();
        if (prerequisite.IsEmpty || dependent.IsEmpty)
        {
            problems.Add("the prerequisite and the dependent must have non-empty ids");
        }
        else if (prerequisite == dependent)
        {
            problems.Add($"a competency cannot be its own prerequisite ('{prerequisite}')");
        }

        Check(problems, "learnReady", learnReady, 0, 1);
        Check(problems, "learnUnready", learnUnready, 0, 1);
        Check(problems, "factorLower", factorLower, 0, 1);
        Check(problems, "factorUpper", factorUpper, 0, 1);
        if (factorLower > factorUpper)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"factorLower ({factorLower:R}) must not exceed factorUpper ({factorUpper:R})"));
        }

        Check(problems, "unreadyOpportunities", unreadyOpportunities, 0, double.MaxValue);
        Check(problems, "readyOpportunities", readyOpportunities, 0, double.MaxValue);
        if (learners < 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"learners must be at least 0; got {learners}"));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"The gating of '{prerequisite}' → '{dependent}' is not valid: {string.Join("; ", problems)}.");
        }

        Prerequisite = prerequisite;
        Dependent = dependent;
        LearnReady = learnReady;
        LearnUnready = learnUnready;
        FactorLower = factorLower;
        FactorUpper = factorUpper;
        UnreadyOpportunities = unreadyOpportunities;
        ReadyOpportunities = readyOpportunities;
        Learners = learners;
    }

    /// <summary>A hard prerequisite: nothing of the dependent is learned before it (factor bounds 0 to 0), as the engine
    /// assumes of every link it has no gating for. Its rates are 0, so its <see cref="Factor"/> is NaN.</summary>
    /// <param name="prerequisite">The prerequisite.</param>
    /// <param name="dependent">The competency that builds on it.</param>
    /// <returns>The link, with learn rates 0 and no evidence.</returns>
    /// <exception cref="ArgumentException">An id is empty, or the two are the same competency.</exception>
    public static PrerequisiteLinkGating Hard(CompetencyId prerequisite, CompetencyId dependent) =>
        new(prerequisite, dependent, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The prerequisite.</summary>
    public CompetencyId Prerequisite { get; }

    /// <summary>The competency that builds on it.</summary>
    public CompetencyId Dependent { get; }

    /// <summary>The dependent's learn rate while the prerequisite is known: the chance that a learner who knows the
    /// prerequisite but not the dependent knows the dependent after an answer on it. A probability in [0, 1].</summary>
    public double LearnReady { get; }

    /// <summary>The dependent's learn rate while the prerequisite is not known. A probability in [0, 1].</summary>
    public double LearnUnready { get; }

    /// <summary>How much of the dependent's learning happens without the prerequisite: <see cref="LearnUnready"/> /
    /// <see cref="LearnReady"/>, at most 1 (a prerequisite never helps less than not having it). In [0, 1]; 1 when only
    /// the unready rate is above 0; NaN when both are 0. The link's own point estimate: with pooling
    /// (<see cref="PrerequisiteGatingOptions.Pooling"/>) the bounds borrow from the other links, and it may lie outside
    /// them.</summary>
    public double Factor => LearnReady > 0 ? Math.Min(1, LearnUnready / LearnReady) : LearnUnready > 0 ? 1 : double.NaN;

    /// <summary>The lower end of the factor's confidence interval: the lower Wilson bound of
    /// <see cref="LearnUnready"/> over the upper bound of <see cref="LearnReady"/>. In [0, 1]. What a recommender may
    /// rely on before it lets a learner start the dependent without the prerequisite.</summary>
    public double FactorLower { get; }

    /// <summary>The upper end of the factor's confidence interval: the upper Wilson bound of <see cref="LearnUnready"/>
    /// over the lower bound of <see cref="LearnReady"/>, at most 1. In [<see cref="FactorLower"/>, 1].</summary>
    public double FactorUpper { get; }

    /// <summary>The expected number of answers on the dependent, followed by another answer on either competency, given
    /// while neither was known, under the fit: the effective sample size of <see cref="LearnUnready"/> (a learner's last
    /// answer says nothing about what it taught). At least 0. When 0, <see cref="LearnUnready"/> is only where the fit
    /// started (half the ready rate): the log says nothing of it.</summary>
    public double UnreadyOpportunities { get; }

    /// <summary>The expected number of answers on the dependent, followed by another answer, given while the prerequisite
    /// was known and the dependent not: the effective sample size of <see cref="LearnReady"/>. At least 0.</summary>
    public double ReadyOpportunities { get; }

    /// <summary>How many learners answered on the dependent.</summary>
    public int Learners { get; }

    private static void Check(List<string> problems, string name, double value, double low, double high)
    {
        if (!(value >= low && value <= high))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be in [{low:R}, {high:R}]; got {value:R}"));
        }
    }
}
