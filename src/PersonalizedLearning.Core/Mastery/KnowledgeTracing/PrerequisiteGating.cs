using System.Collections.Immutable;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// How strongly each prerequisite link of a framework gates learning, as logs across learners show it: what
/// <see cref="PrerequisiteGatingEstimator"/> finds, or what a host states. The adaptive recommender reads it to let a
/// learner start a competency before prerequisites that gate it only weakly, when that is quicker than learning them
/// first (<see cref="Recommendations.NextStepRequest.PrerequisiteGating"/>).
/// </summary>
/// <remarks>
/// <para>A link of the framework with no entry is hard: nothing of the dependent is learned before the prerequisite
/// (<see cref="PrerequisiteLinkGating.Hard"/>), which is what the engine assumes without this.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class PrerequisiteGating
{
    // Per dependent (framework index), one entry per prerequisite in the order of PrerequisiteIndices(dependent):
    // null where the link has no gating (hard).
    private readonly PrerequisiteLinkGating?[][] _byDependent;

    /// <summary>Creates the gating of a framework's links.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="links">The links' gating; each must be a prerequisite link of the framework, and appear once.</param>
    /// <param name="pooledFactor">The framework-wide factor the links were pooled toward, in [0, 1]; NaN (the default)
    /// when they were not.</param>
    /// <param name="poolingStrength">How many answers' worth of weight the pooled factor had in each link's bounds; finite,
    /// at least 0 (the default: none).</param>
    /// <exception cref="ArgumentNullException">An argument, or a link, is null.</exception>
    /// <exception cref="UnknownCompetencyException">A link names a competency the framework lacks (the prerequisite's
    /// when both are missing).</exception>
    /// <exception cref="ArgumentException">A link is not a prerequisite link of the framework, or appears more than once.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pooledFactor"/> is outside [0, 1] and not NaN, or
    /// <paramref name="poolingStrength"/> is negative or not finite.</exception>
    public PrerequisiteGating(CompetencyFramework framework, IEnumerable<PrerequisiteLinkGating> links, double pooledFactor = double.NaN, double poolingStrength = 0)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(links);
        if (!double.IsNaN(pooledFactor) && !(pooledFactor >= 0 && pooledFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(pooledFactor), pooledFactor, "The pooled factor must be in [0, 1], or NaN when links were not pooled.");
        }

        if (!(double.IsFinite(poolingStrength) && poolingStrength >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(poolingStrength), poolingStrength, "The pooling strength must be finite and at least 0.");
        }

        _byDependent = new PrerequisiteLinkGating?[framework.Count][];
        var list = ImmutableArray.CreateBuilder<PrerequisiteLinkGating>();
        foreach (var link in links)
        {
            ArgumentNullException.ThrowIfNull(link, nameof(links));
            if (!framework.TryGetIndex(link.Dependent, out var dependent) || !framework.TryGetIndex(link.Prerequisite, out var prerequisite))
            {
                var missing = framework.Contains(link.Prerequisite) ? link.Dependent : link.Prerequisite;
                throw new UnknownCompetencyException(missing, $"The link '{link.Prerequisite}' → '{link.Dependent}' names competency '{missing}', which is not in framework '{framework.Title}'.", nameof(links));
            }

            var position = framework.PrerequisiteIndices(dependent).IndexOf(prerequisite);
            if (position < 0)
            {
                throw new ArgumentException($"'{link.Prerequisite}' is not a prerequisite of '{link.Dependent}' in framework '{framework.Title}'.", nameof(links));
            }

            var row = _byDependent[dependent] ??= new PrerequisiteLinkGating?[framework.PrerequisiteIndices(dependent).Length];
            if (row[position] is not null)
            {
                throw new ArgumentException($"The link '{link.Prerequisite}' → '{link.Dependent}' appears more than once.", nameof(links));
            }

            row[position] = link;
            list.Add(link);
        }

        Framework = framework;
        Links = list.ToImmutable();
        PooledFactor = pooledFactor;
        PoolingStrength = poolingStrength;
    }

    /// <summary>The framework-wide factor: every link's expected learning moves without its prerequisite over their
    /// trials, over the same with it. In [0, 1]; NaN when the links were not pooled.</summary>
    public double PooledFactor { get; }

    /// <summary>The weight, in answers, of the pooled factor in each link's bounds (the beta prior's strength κ): 0 when the
    /// links keep their own estimates, up to every unready answer of the log when they agree.</summary>
    public double PoolingStrength { get; }

    /// <summary>The framework.</summary>
    public CompetencyFramework Framework { get; }

    /// <summary>The links with a gating, in the order given.</summary>
    public ImmutableArray<PrerequisiteLinkGating> Links { get; }

    /// <summary>The gating of one link.</summary>
    /// <param name="prerequisite">The prerequisite.</param>
    /// <param name="dependent">The competency that builds on it.</param>
    /// <returns>The link's gating, or null when it has none (it is then hard).</returns>
    /// <exception cref="ArgumentException">A competency is not in the framework, or the two are not a prerequisite link
    /// of it.</exception>
    public PrerequisiteLinkGating? Find(CompetencyId prerequisite, CompetencyId dependent)
    {
        if (!Framework.TryGetIndex(prerequisite, out var p))
        {
            throw new UnknownCompetencyException(prerequisite, $"Competency '{prerequisite}' is not in framework '{Framework.Title}'.", nameof(prerequisite));
        }

        if (!Framework.TryGetIndex(dependent, out var d))
        {
            throw new UnknownCompetencyException(dependent, $"Competency '{dependent}' is not in framework '{Framework.Title}'.", nameof(dependent));
        }

        var at = Framework.PrerequisiteIndices(d).IndexOf(p);
        return at < 0 ? throw new ArgumentException($"'{prerequisite}' is not a prerequisite of '{dependent}' in framework '{Framework.Title}'.", nameof(prerequisite))
            : _byDependent[d] is { } row ? row[at] : null;
    }

    /// <summary>The lower bound of the factor of the dependent's k-th prerequisite link (in the framework's order), 0 when
    /// it has no gating.</summary>
    internal double FactorLowerAt(int dependent, int k) => _byDependent[dependent] is { } row && row[k] is { } link ? link.FactorLower : 0;

    /// <summary>The dependent's learn rate with its k-th prerequisite known, 0 when the link has no gating.</summary>
    internal double LearnReadyAt(int dependent, int k) => _byDependent[dependent] is { } row && row[k] is { } link ? link.LearnReady : 0;

    /// <summary>What the dependent's learn rate without its k-th prerequisite is at least, by the evidence: the factor's
    /// lower bound times the learn rate with it (0 when the link has no gating).</summary>
    internal double UnreadyLearnLowerAt(int dependent, int k) =>
        _byDependent[dependent] is { } row && row[k] is { } link ? link.FactorLower * link.LearnReady : 0;

    /// <summary>Its framework and its link count.</summary>
    /// <returns>For example <c>PrerequisiteGating { Framework = Grade 4, Links = 40 }</c>.</returns>
    public override string ToString() => $"PrerequisiteGating {{ Framework = {Framework.Title}, Links = {Links.Length} }}";
}
