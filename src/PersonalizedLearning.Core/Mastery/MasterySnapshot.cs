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
    private readonly MasteryCore _core;
    private ImmutableArray<CompetencyId> _mastered;

    private MasterySnapshot(CompetencyFramework framework, LearnerId learner, DateTimeOffset asOf, MasteryCore core)
    {
        Framework = framework;
        Learner = learner;
        AsOf = asOf;
        _core = core;
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
        var all = _core.Frontier;
        var frontier = string.Join(", ", all.Take(5).Select(i => Framework.Competencies[i].Id.Value)) + (all.Length > 5 ? $", … {all.Length} in all" : string.Empty);
        var mastered = _core.Touched.Count(IsMasteredIndex);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"MasterySnapshot {{ Learner = {Learner}, AsOf = {AsOf:O}, Framework = {Framework.Title}, Touched = {_core.Touched.Length}, Mastered = {mastered}, Frontier = [{frontier}] }}");
    }

    /// <summary>The mastered competencies, in declaration order.</summary>
    /// <value>Found on first read, then kept: reading it again does not allocate (the snapshot is immutable).</value>
    public ImmutableArray<CompetencyId> Mastered
    {
        get
        {
            // A race makes the same array twice; an ImmutableArray is one reference, so either write is whole.
            var mastered = _mastered;
            if (mastered.IsDefault)
            {
                mastered = [.. _core.Touched.Where(IsMasteredIndex).Select(i => Framework.Competencies[i].Id)];
                _mastered = mastered;
            }

            return mastered;
        }
    }

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
    /// after the latest evidence, the usual case, folds nothing: the state keeps the assessment (replacing the one it kept),
    /// and answers the same framework, model instance and policy from it again, or derives the next state's from it.</remarks>
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

        // At or after the newest evidence (the usual case) the state's kept core serves, or one derived from its
        // predecessor's; before it, the competencies with later evidence are folded again up to the moment.
        if (MasteryCore.For(state, framework, model, policy, asOf) is { } core)
        {
            return new MasterySnapshot(framework, state.Learner, asOf, core);
        }

        var count = state.Competencies.Count;
        var touched = new int[count];
        var states = new CompetencyState[count];
        var position = 0;
        foreach (var (id, competencyState) in state.Competencies)
        {
            if (!framework.TryGetIndex(id, out var index))
            {
                throw MasteryCore.NotInFramework(state, id, framework);
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
        }

        // Sorted by dense index, so that a lookup is a binary search and a walk is in declaration order.
        Array.Sort(touched, states);
        return new MasterySnapshot(framework, state.Learner, asOf, MasteryCore.FromStates(framework, model, policy, asOf, touched, states));
    }

    /// <summary>A snapshot read back from its document; the caller has checked every part. Mastered flags come from the
    /// levels, the frontier is found again.</summary>
    internal static MasterySnapshot Restore(CompetencyFramework framework, LearnerId learner, DateTimeOffset asOf, int[] touched, MasteryAssessment[] assessments, CompetencyState[] states, MasteryPolicy policy, string label)
        => new(framework, learner, asOf, MasteryCore.FromAssessments(framework, null, policy, asOf, touched, states, assessments, label));

    /// <summary>What the snapshot holds.</summary>
    internal MasteryCore Core => _core;

    /// <summary>The policy the snapshot was assessed with.</summary>
    internal MasteryPolicy Policy => _core.Policy;

    /// <summary>What the model calls its estimate.</summary>
    internal string EstimateLabel => _core.Model.EstimateLabel;

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
    public ImmutableArray<CompetencyId> GetFrontier() => [.. _core.Frontier.Select(i => Framework.Competencies[i].Id)];

    /// <summary>The dense indices of the frontier, in topological order.</summary>
    internal ReadOnlySpan<int> FrontierIndices => _core.Frontier;

    /// <summary>The most evidence on any touched competency that is not mastered (0 when none): a stuck-learner scan
    /// can be skipped when it is below the bar.</summary>
    internal int MaximumUnmasteredEvidence => _core.MaximumUnmasteredEvidence;

    /// <summary>The dense indices of the touched competencies, ascending.</summary>
    internal ReadOnlySpan<int> TouchedIndices => _core.Touched;

    /// <summary>The mastered flags, one bit per dense index.</summary>
    internal ReadOnlySpan<ulong> MasteredBits => _core.Mastered;

    /// <summary>The assessment of the touched competency at <paramref name="position"/> of <see cref="TouchedIndices"/>.</summary>
    internal MasteryAssessment AssessmentAt(int position) => _core.AssessmentAt(position);

    /// <summary>The level of the touched competency at <paramref name="position"/> of <see cref="TouchedIndices"/>, without
    /// making its assessment.</summary>
    internal MasteryLevel LevelAt(int position) => _core.Levels[position];

    /// <summary>The evidence of the touched competency at <paramref name="position"/>, in fold order, when the snapshot
    /// was made from the learner's state at or after its newest evidence; null otherwise.</summary>
    internal EvidenceTrack? TrackAt(int position) => _core.Tracks?[position];

    /// <summary>The model state of the touched competency at <paramref name="position"/> of <see cref="TouchedIndices"/>.</summary>
    internal ref readonly CompetencyState StateAt(int position) => ref _core.StateAt(position);

    internal bool IsMasteredIndex(int index) => CompetencyFramework.IsSet(_core.Mastered, index);

    /// <summary>The position of a dense index in <see cref="TouchedIndices"/>, or a negative number when untouched.</summary>
    internal int PositionOf(int index) => _core.PositionOf(index);

    /// <summary>The estimate at a position of <see cref="TouchedIndices"/> (0 when not scored yet), or 0 for a negative
    /// position (untouched).</summary>
    internal double EstimateAtPosition(int position) => position >= 0 && _core.Estimates[position] is var estimate && !double.IsNaN(estimate) ? estimate : 0;

    /// <summary>The estimate of a competency by dense index: 0 when untouched or not scored yet.</summary>
    internal double EstimateAt(int index) => PositionOf(index) is var position and >= 0 && _core.Estimates[position] is var estimate && !double.IsNaN(estimate) ? estimate : 0;

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

    /// <summary>How many pieces of evidence the competency at a position has.</summary>
    internal int EvidenceCountAt(int position) => _core.Counts[position];

    /// <summary>Whether the learner is wheel-spinning on the touched competency at <paramref name="position"/>: not
    /// mastered after at least <paramref name="attempts"/> pieces of evidence (Beck and Gong 2013).</summary>
    internal bool IsStuckAt(int position, int attempts) => _core.Levels[position] != MasteryLevel.Mastered && _core.Counts[position] >= attempts;

    internal MasteryAssessment Get(int index) => PositionOf(index) is var position and >= 0
        ? _core.AssessmentAt(position)
        : MasteryAssessment.NotStarted(Framework.Competencies[index].Id, _core.Policy.MinimumEvidenceForMastered, EstimateLabel);
}
