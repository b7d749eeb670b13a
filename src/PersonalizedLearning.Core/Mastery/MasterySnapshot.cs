using System.Collections.Immutable;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Mastery;

/// <summary>
/// A learner's mastery of every competency in a framework at one moment, each with its explanation.
/// </summary>
/// <remarks>
/// Building a snapshot costs O(touched competencies) assessments plus one flag per competency; untouched
/// competencies are reported as <see cref="MasteryLevel.NotStarted"/> on demand. Immutable and thread-safe.
/// </remarks>
public sealed class MasterySnapshot
{
    private readonly MasteryAssessment?[] _byIndex;
    private readonly bool[] _mastered;
    private readonly MasteryPolicy _policy;
    private readonly string _label;

    private MasterySnapshot(CompetencyFramework framework, LearnerId learner, DateTimeOffset asOf, MasteryAssessment?[] byIndex, bool[] mastered, MasteryPolicy policy, string label)
    {
        Framework = framework;
        Learner = learner;
        AsOf = asOf;
        _byIndex = byIndex;
        _mastered = mastered;
        _policy = policy;
        _label = label;
    }

    /// <summary>The framework assessed.</summary>
    public CompetencyFramework Framework { get; }

    /// <summary>The learner assessed.</summary>
    public LearnerId Learner { get; }

    /// <summary>The moment of the assessment.</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>The competencies mastered, in declaration order.</summary>
    public ImmutableArray<CompetencyId> Mastered =>
        [.. Enumerable.Range(0, _mastered.Length).Where(i => _mastered[i]).Select(i => Framework.Competencies[i].Id)];

    /// <summary>Assesses every touched competency of <paramref name="state"/>.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="state">The learner's state.</param>
    /// <param name="model">The model that folded the state.</param>
    /// <param name="policy">The policy that maps estimates to levels.</param>
    /// <param name="asOf">The moment of the assessment.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The state was folded by another model, or holds a competency the framework lacks.</exception>
    public static MasterySnapshot Create(CompetencyFramework framework, LearnerState state, IMasteryModel model, MasteryPolicy policy, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(policy);
        EvidenceFolding.RequireModel(state, model);
        var byIndex = new MasteryAssessment?[framework.Count];
        var mastered = new bool[framework.Count];
        foreach (var (id, competencyState) in state.Competencies)
        {
            if (!framework.TryGetIndex(id, out var index))
            {
                throw new ArgumentException($"Learner '{state.Learner}' has evidence for competency '{id}', which is not in framework '{framework.Title}'.", nameof(state));
            }

            var assessment = policy.Assess(id, competencyState, model, asOf);
            byIndex[index] = assessment;
            mastered[index] = MasteryPolicy.IsMastered(assessment.Level);
        }

        return new MasterySnapshot(framework, state.Learner, asOf, byIndex, mastered, policy, model.EstimateLabel);
    }

    /// <summary>The assessment of one competency.</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>Its assessment; NotStarted when untouched.</returns>
    /// <exception cref="ArgumentException"><paramref name="competency"/> is not in the framework.</exception>
    public MasteryAssessment Get(CompetencyId competency) => Get(Framework.IndexOf(competency));

    /// <summary>Whether a competency is mastered.</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>True when mastered.</returns>
    /// <exception cref="ArgumentException"><paramref name="competency"/> is not in the framework.</exception>
    public bool IsMastered(CompetencyId competency) => _mastered[Framework.IndexOf(competency)];

    /// <summary>Every competency's assessment, in declaration order.</summary>
    /// <returns>One assessment per competency.</returns>
    public ImmutableArray<MasteryAssessment> GetAll() => [.. Enumerable.Range(0, _byIndex.Length).Select(Get)];

    /// <summary>The competencies the learner is ready to learn: not mastered, with every prerequisite mastered.</summary>
    /// <returns>The frontier in topological order.</returns>
    public ImmutableArray<CompetencyId> GetFrontier()
    {
        var frontier = new List<int>();
        Framework.FillFrontier(_mastered, frontier);
        return [.. frontier.Select(i => Framework.Competencies[i].Id)];
    }

    internal ReadOnlySpan<bool> MasteredByIndex => _mastered;

    internal MasteryAssessment Get(int index) =>
        _byIndex[index] ?? MasteryAssessment.NotStarted(Framework.Competencies[index].Id, _policy.MinimumEvidenceForMastered, _label);
}
