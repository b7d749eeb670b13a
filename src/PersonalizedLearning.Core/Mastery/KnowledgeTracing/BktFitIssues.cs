namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>What a fit found wrong with one competency's data or result. A competency with any of
/// <see cref="SingleClass"/> or <see cref="OneAnswerPerLearner"/> cannot identify its parameters.</summary>
[Flags]
public enum BktFitIssues
{
    /// <summary>Nothing to report.</summary>
    None = 0,

    /// <summary>Every answer is correct, or every answer is wrong: nothing tells knowing from guessing.</summary>
    SingleClass = 1,

    /// <summary>Every learner answered once: the learn and forget rates have no data, and prior, guess and slip are
    /// confounded in one number, P(correct).</summary>
    OneAnswerPerLearner = 2,

    /// <summary>The best estimate has guess + slip ≥ 1: a correct answer would lower P(known).</summary>
    Degenerate = 4,

    /// <summary>EM reached its iteration limit before the log-likelihood settled.</summary>
    NotConverged = 8,
}
