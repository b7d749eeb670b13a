namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>What a fit found wrong with one competency's data or result. A competency with any of
/// <see cref="SingleClass"/>, <see cref="OneAnswerPerLearner"/> or <see cref="OneLearner"/> cannot identify its
/// parameters.</summary>
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

    /// <summary>Every answer comes from one learner: the prior rests on that learner's first answer alone (EM takes it
    /// to 0 or 1), and one learner's path cannot tell a low learn rate from a late start.</summary>
    OneLearner = 16,
}
