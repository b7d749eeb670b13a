using System.Collections.Immutable;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>The outcome of fitting one competency: the best parameters, their log-likelihood, and what the data
/// could not support.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record BktCompetencyFit
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    internal BktCompetencyFit(BktCompetencyParameters parameters, double logLikelihood, int iterations, int restart, int responses, int learners, int correct, BktFitIssues issues)
    {
        Parameters = parameters;
        LogLikelihood = logLikelihood;
        Iterations = iterations;
        BestRestart = restart;
        ResponseCount = responses;
        LearnerCount = learners;
        CorrectCount = correct;
        Issues = issues;
    }

    /// <summary>The competency.</summary>
    public CompetencyId Competency => Parameters.Competency;

    /// <summary>The best parameters found; possibly degenerate (see <see cref="Issues"/>).</summary>
    public BktCompetencyParameters Parameters { get; }

    /// <summary>The training log-likelihood of <see cref="Parameters"/>: the sum over answers of log P(answer | the
    /// answers before it).</summary>
    public double LogLikelihood { get; }

    /// <summary>EM iterations run from the best start.</summary>
    public int Iterations { get; }

    /// <summary>Which start (from 0) gave the best log-likelihood.</summary>
    public int BestRestart { get; }

    /// <summary>How many answers the competency has.</summary>
    public int ResponseCount { get; }

    /// <summary>How many learners answered on it.</summary>
    public int LearnerCount { get; }

    /// <summary>How many answers were correct.</summary>
    public int CorrectCount { get; }

    /// <summary>What the fit found wrong.</summary>
    /// <value><see cref="BktFitIssues.None"/> for a clean fit.</value>
    public BktFitIssues Issues { get; }

    /// <summary>Whether the data can identify the parameters: not <see cref="BktFitIssues.SingleClass"/> and not
    /// <see cref="BktFitIssues.OneAnswerPerLearner"/> and not <see cref="BktFitIssues.OneLearner"/>.</summary>
    public bool IsIdentifiable => (Issues & (BktFitIssues.SingleClass | BktFitIssues.OneAnswerPerLearner | BktFitIssues.OneLearner)) == 0;

    /// <summary>Each issue in words, for a report.</summary>
    /// <returns>The lines, written on each call (a new array each time: keep it if read twice); empty when nothing.</returns>
    public ImmutableArray<string> GetExplanations()
    {
        var lines = ImmutableArray.CreateBuilder<string>();
        if (Issues.HasFlag(BktFitIssues.SingleClass))
        {
            lines.Add(CorrectCount == 0
                ? $"all {ResponseCount} answers are wrong, so knowing cannot be told from slipping: the parameters are not identifiable"
                : $"all {ResponseCount} answers are correct, so knowing cannot be told from guessing: the parameters are not identifiable");
        }

        if (Issues.HasFlag(BktFitIssues.OneAnswerPerLearner))
        {
            lines.Add($"each of the {LearnerCount} learners answered once, so there is no data on learning and only P(correct) is identifiable");
        }

        if (Issues.HasFlag(BktFitIssues.OneLearner))
        {
            lines.Add($"all {ResponseCount} answers come from one learner, so the prior rests on one first answer and one path cannot tell a low learn rate from a late start: the parameters are not identifiable");
        }

        if (Issues.HasFlag(BktFitIssues.Degenerate))
        {
            lines.Add("the best fit has guess + slip ≥ 1, so a correct answer would lower P(known); fix guess or slip, or collect more data");
        }

        if (Issues.HasFlag(BktFitIssues.NotConverged))
        {
            lines.Add($"EM stopped at its limit of {Iterations} iterations before the log-likelihood settled");
        }

        return lines.ToImmutable();
    }
}
