using System.Collections.Immutable;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>The outcome of fitting BKT to a response log: one <see cref="BktCompetencyFit"/> per competency.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class BktFitResult
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>BktFitResult { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    internal BktFitResult(ImmutableArray<BktCompetencyFit> competencies, BktFitOptions options)
    {
        Competencies = competencies;
        Options = options;
        LogLikelihood = competencies.Sum(c => c.LogLikelihood);
        ResponseCount = competencies.Sum(c => c.ResponseCount);
        Problems = [.. competencies.Where(c => !c.IsIdentifiable || c.Issues.HasFlag(BktFitIssues.Degenerate))];
    }

    /// <summary>The fit of each competency, in ordinal order of competency id.</summary>
    public ImmutableArray<BktCompetencyFit> Competencies { get; }

    /// <summary>The options the fit ran with.</summary>
    public BktFitOptions Options { get; }

    /// <summary>The training log-likelihood over all competencies.</summary>
    public double LogLikelihood { get; }

    /// <summary>How many answers were fitted.</summary>
    public int ResponseCount { get; }

    /// <summary>The fits that cannot identify their parameters or ended degenerate, in the order of <see cref="Competencies"/>.</summary>
    /// <value>Found once, at construction (the result is immutable), so reading it does not allocate.</value>
    public ImmutableArray<BktCompetencyFit> Problems { get; }

    /// <summary>The fit of one competency.</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>Its fit.</returns>
    /// <exception cref="UnknownCompetencyException">The log had no answers on the competency.</exception>
    public BktCompetencyFit this[CompetencyId competency]
        => Competencies.FirstOrDefault(c => c.Competency == competency)
            ?? throw new UnknownCompetencyException(competency, $"The fit has no competency '{competency}'.", nameof(competency));

    /// <summary>A mastery model with the fitted parameters.</summary>
    /// <param name="defaultParameters">Parameters for competencies that were not fitted, or null to refuse evidence on them.</param>
    /// <param name="allowDegenerate">Whether to keep degenerate fits, for replaying them as they are.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">A fit is degenerate and <paramref name="allowDegenerate"/> is false; the
    /// message names every such competency.</exception>
    public BktModel ToModel(BktParameters? defaultParameters = null, bool allowDegenerate = false)
        => new(Competencies.Select(c => c.Parameters), defaultParameters, allowDegenerate: allowDegenerate);
}
