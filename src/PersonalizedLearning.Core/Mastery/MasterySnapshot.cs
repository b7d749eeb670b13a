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
    private readonly int[] _touched;
    private readonly MasteryAssessment[] _assessments;
    private readonly CompetencyState[] _states;
    private readonly ulong[] _mastered;
    private readonly int[] _frontier;
    private readonly MasteryPolicy _policy;
    private readonly string _label;

    private MasterySnapshot(CompetencyFramework framework, LearnerId learner, DateTimeOffset asOf, int[] touched, MasteryAssessment[] assessments, CompetencyState[] states, ulong[] mastered, MasteryPolicy policy, string label)
    {
        // The frontier is part of the learner's mastery, wanted by every decision made from it (next steps, playlists,
        // groups), so it is found once here: O(competencies without prerequisites + edges out of the mastered ones).
        var frontier = new List<int>();
        framework.FillFrontier(mastered, touched, frontier);
        frontier.Sort((a, b) => framework.TopologicalRank(a).CompareTo(framework.TopologicalRank(b)));
        _frontier = [.. frontier];
        for (var k = 0; k < touched.Length; k++)
        {
            if (!CompetencyFramework.IsSet(mastered, touched[k]))
            {
                MaximumUnmasteredEvidence = Math.Max(MaximumUnmasteredEvidence, assessments[k].EvidenceCount);
            }
        }

        Framework = framework;
        Learner = learner;
        AsOf = asOf;
        _touched = touched;
        _assessments = assessments;
        _states = states;
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

    /// <summary>The learner, the moment, the framework and how many competencies are touched, mastered and on the
    /// frontier; culture-invariant.</summary>
    /// <returns>For example <c>MasterySnapshot { Learner = ana, AsOf = 2026-09-09T09:00:00.0000000+00:00, Framework = Diamond, Touched = 2, Mastered = 1, Frontier = [B, C] }</c>.</returns>
    public override string ToString()
    {
        var frontier = string.Join(", ", _frontier.Take(5).Select(i => Framework.Competencies[i].Id.Value)) + (_frontier.Length > 5 ? $", … {_frontier.Length} in all" : string.Empty);
        var mastered = _touched.Count(IsMasteredIndex);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"MasterySnapshot {{ Learner = {Learner}, AsOf = {AsOf:O}, Framework = {Framework.Title}, Touched = {_touched.Length}, Mastered = {mastered}, Frontier = [{frontier}] }}");
    }

    /// <summary>The mastered competencies, in declaration order.</summary>
    public ImmutableArray<CompetencyId> Mastered =>
        [.. _touched.Where(IsMasteredIndex).Select(i => Framework.Competencies[i].Id)];

    /// <summary>Assesses every competency of <paramref name="framework"/> for a learner.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="state">The learner's state.</param>
    /// <param name="model">The model that folded the state.</param>
    /// <param name="policy">The policy that maps estimates to levels.</param>
    /// <param name="asOf">The moment of the assessment.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The state was folded by another model, or names a competency that is not in the
    /// framework, or was read from a document and not yet checked by an engine (assess it through the engine, which checks
    /// its competency states against its evidence first).</exception>
    /// <remarks>Only evidence up to <paramref name="asOf"/> counts: a competency whose evidence goes on after that moment is
    /// folded again up to it (O(its evidence)), and one whose evidence all comes later is not started then. Assessing at or
    /// after the latest evidence, the usual case, folds nothing.</remarks>
    public static MasterySnapshot Create(CompetencyFramework framework, LearnerState state, IMasteryModel model, MasteryPolicy policy, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(policy);
        EvidenceFolding.RequireModel(state, model);
        if (state.Tracks is null && state.EvidenceCount > 0)
        {
            throw new ArgumentException(
                $"Learner '{state.Learner}''s state was read from a document and not yet checked against its evidence; assess it through the engine (engine.Assess), which checks it first, so that an edited document cannot pass for mastery.", nameof(state));
        }

        var count = state.Competencies.Count;
        var touched = new int[count];
        var states = new CompetencyState[count];
        var position = 0;
        foreach (var (id, competencyState) in state.Competencies)
        {
            if (!framework.TryGetIndex(id, out var index))
            {
                throw new ArgumentException($"Learner '{state.Learner}' has evidence for competency '{id}', which is not in framework '{framework.Title}'.", nameof(state));
            }

            var asItWas = competencyState;
            if (competencyState.LastEvidenceAt > asOf)
            {
                var catalog = state.FoldedWith ?? throw new ArgumentException(
                    $"Learner '{state.Learner}' has evidence after {asOf.ToString("O", System.Globalization.CultureInfo.InvariantCulture)}, and this state was read from a document, so it cannot be folded as of then here; assess it through the engine (engine.Assess(state, asOf)).", nameof(state));
                asItWas = EvidenceFolding.StateAt(state, id, asOf, catalog, model);
                if (!asItWas.IsTouched)
                {
                    continue; // all of its evidence comes later
                }
            }

            touched[position] = index;
            states[position++] = asItWas;
        }

        if (position < count)
        {
            Array.Resize(ref touched, position);
            Array.Resize(ref states, position);
            count = position;
        }

        // Sorted by dense index, so that a lookup is a binary search and a walk is in declaration order.
        Array.Sort(touched, states);
        var assessments = new MasteryAssessment[count];
        var mastered = new ulong[(framework.Count + 63) >> 6];
        for (var k = 0; k < count; k++)
        {
            var index = touched[k];
            assessments[k] = policy.Assess(framework.Competencies[index].Id, states[k], model, asOf);
            if (MasteryPolicy.IsMastered(assessments[k].Level))
            {
                mastered[index >> 6] |= 1UL << index;
            }
        }

        return new MasterySnapshot(framework, state.Learner, asOf, touched, assessments, states, mastered, policy, model.EstimateLabel);
    }

    /// <summary>A snapshot read back from its document; the caller has checked every part. Mastered flags come from the
    /// levels, the frontier is found again.</summary>
    internal static MasterySnapshot Restore(CompetencyFramework framework, LearnerId learner, DateTimeOffset asOf, int[] touched, MasteryAssessment[] assessments, CompetencyState[] states, MasteryPolicy policy, string label)
    {
        var mastered = new ulong[(framework.Count + 63) >> 6];
        for (var k = 0; k < touched.Length; k++)
        {
            if (MasteryPolicy.IsMastered(assessments[k].Level))
            {
                mastered[touched[k] >> 6] |= 1UL << touched[k];
            }
        }

        return new MasterySnapshot(framework, learner, asOf, touched, assessments, states, mastered, policy, label);
    }

    /// <summary>The policy the snapshot was assessed with.</summary>
    internal MasteryPolicy Policy => _policy;

    /// <summary>What the model calls its estimate.</summary>
    internal string EstimateLabel => _label;

    /// <summary>The assessment of one competency.</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>Its assessment; NotStarted when untouched.</returns>
    /// <exception cref="ArgumentException"><paramref name="competency"/> is not in the framework.</exception>
    public MasteryAssessment Get(CompetencyId competency) => Get(Framework.IndexOf(competency));

    /// <summary>Whether a competency is mastered.</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>True when mastered.</returns>
    /// <exception cref="ArgumentException"><paramref name="competency"/> is not in the framework.</exception>
    public bool IsMastered(CompetencyId competency) => IsMasteredIndex(Framework.IndexOf(competency));

    /// <summary>Every competency's assessment, in declaration order.</summary>
    /// <returns>One assessment per competency.</returns>
    public ImmutableArray<MasteryAssessment> GetAll() => [.. Enumerable.Range(0, Framework.Count).Select(Get)];

    /// <summary>The competencies the learner is ready to learn: not mastered, with every prerequisite mastered.</summary>
    /// <returns>The frontier in topological order.</returns>
    public ImmutableArray<CompetencyId> GetFrontier() => [.. _frontier.Select(i => Framework.Competencies[i].Id)];

    /// <summary>The dense indices of the frontier, in topological order.</summary>
    internal ReadOnlySpan<int> FrontierIndices => _frontier;

    /// <summary>The most evidence on any touched competency that is not mastered (0 when none): a stuck-learner scan
    /// can be skipped when it is below the bar.</summary>
    internal int MaximumUnmasteredEvidence { get; }

    /// <summary>The dense indices of the touched competencies, ascending.</summary>
    internal ReadOnlySpan<int> TouchedIndices => _touched;

    /// <summary>The mastered flags, one bit per dense index.</summary>
    internal ReadOnlySpan<ulong> MasteredBits => _mastered;

    /// <summary>The assessment of the touched competency at <paramref name="position"/> of <see cref="TouchedIndices"/>.</summary>
    internal MasteryAssessment AssessmentAt(int position) => _assessments[position];

    /// <summary>The model state of the touched competency at <paramref name="position"/> of <see cref="TouchedIndices"/>.</summary>
    internal ref readonly CompetencyState StateAt(int position) => ref _states[position];

    internal bool IsMasteredIndex(int index) => CompetencyFramework.IsSet(_mastered, index);

    /// <summary>The position of a dense index in <see cref="TouchedIndices"/>, or a negative number when untouched.</summary>
    internal int PositionOf(int index) => Array.BinarySearch(_touched, index);

    /// <summary>The estimate of a competency by dense index: 0 when untouched or not scored yet.</summary>
    internal double EstimateAt(int index) => PositionOf(index) is var position and >= 0 ? _assessments[position].Estimate ?? 0 : 0;

    /// <summary>The weakest prerequisite of a competency, the one remediation goes back to: the lowest estimate, then the
    /// earliest in the framework's sequence; −1 when it has no prerequisite.</summary>
    internal int WeakestPrerequisite(int competency)
    {
        var weakest = -1;
        var weakestEstimate = double.PositiveInfinity;
        foreach (var prerequisite in Framework.PrerequisiteIndices(competency))
        {
            var estimate = EstimateAt(prerequisite);
            if (estimate < weakestEstimate || (estimate == weakestEstimate && Framework.TopologicalRank(prerequisite) < Framework.TopologicalRank(weakest)))
            {
                weakest = prerequisite;
                weakestEstimate = estimate;
            }
        }

        return weakest;
    }

    /// <summary>Whether the learner is wheel-spinning on the touched competency at <paramref name="position"/>: not
    /// mastered after at least <paramref name="attempts"/> pieces of evidence (Beck and Gong 2013).</summary>
    internal bool IsStuckAt(int position, int attempts) => !IsMasteredIndex(_touched[position]) && _assessments[position].EvidenceCount >= attempts;

    internal MasteryAssessment Get(int index) => PositionOf(index) is var position and >= 0
        ? _assessments[position]
        : MasteryAssessment.NotStarted(Framework.Competencies[index].Id, _policy.MinimumEvidenceForMastered, _label);
}
