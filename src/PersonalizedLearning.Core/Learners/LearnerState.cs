using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Learners;

/// <summary>
/// What one learner has shown: the evidence itself, the ids retracted, and a compact <see cref="CompetencyState"/> per
/// competency the evidence touches, folded in time order.
/// </summary>
/// <remarks>
/// <para><b>A function of the evidence set.</b> A state changes only through the engine (<c>Record</c>, <c>Retract</c>,
/// <c>Supersede</c>, <c>Rebuild</c>), and each change returns a new state. Each competency's evidence is folded in
/// <see cref="Evidence.FoldOrder"/> (timestamp, then evidence id), whatever order it arrived in: the same evidence and
/// retractions give an equal state in any arrival order and any batching. Evidence that arrives late is put in its place
/// and the competencies it touches are folded again; nothing else is.</para>
/// <para><b>What it keeps.</b> To do that the state keeps every piece of evidence it folded (a reference to the
/// <see cref="Evidence"/>, shared with the host's log), an index of ids (with the retracted ones, so a voided statement that
/// arrives again stays out), per competency the references to its evidence in fold order with the state they fold to, and
/// the newest <see cref="RecentCapacity"/> pieces. Beside the evidence objects themselves, measured on learners over 50
/// competencies (a tenth of the evidence from activities aligned to two): 46 bytes per piece for a learner with 5,000
/// pieces (223 KiB), 229 bytes per piece for one with 100 (22 KiB; the per-competency part dominates), with
/// <c>dotnet run -c Release --project benchmarks/PersonalizedLearning.Core.Benchmarks -- state-memory</c>. Each retracted
/// id is kept too (one index entry): retract into a learner's state only the ids that may be theirs.</para>
/// <para><b>A kept assessment.</b> Once assessed at or after its newest evidence (<c>engine.Assess</c>,
/// <c>CreateRequest</c>, <c>RecommendNext</c>), a state keeps that assessment (per touched competency its estimate, level
/// and evidence count, with the mastered flags and the frontier: about 45 bytes per touched competency, measured as above;
/// about 80 bytes more for each <c>MasteryAssessment</c> asked for) and the request history built with it (about 870 bytes
/// for 100 pieces), so that asking again costs nothing to assess; a state folded from it derives its own assessment from
/// it, assessing only the competencies the change reached. Both are used only by the strategies they were made with (the
/// same framework, model instance, policy, and for the history the same catalog and recommender options): build the
/// engine once. Neither is part of equality or of the JSON form.</para>
/// <para><b>Cost.</b> Recording a piece that comes after the competency's latest evidence appends to that competency's
/// evidence (amortised O(1): states share a buffer with spare room, and the first to append claims it) and folds onward;
/// a late piece, a retraction or a regrade copies that competency's evidence and folds it again (O(its evidence)).</para>
/// <para>The state records the name of the mastery model that folded it, since the meaning of each competency's
/// <see cref="MasteryMemory"/> belongs to that model.</para>
/// <para>Immutable and thread-safe. Equality is by value: learner, model, competency states, evidence and retracted ids.</para>
/// </remarks>
public sealed class LearnerState : IEquatable<LearnerState>
{
    private readonly ImmutableSortedDictionary<CompetencyId, EvidenceTrack>? _tracks;
    private readonly Activities.ActivityCatalog? _foldedWith;
    private Checked? _checked;
    private Evidence[]? _log;
    private Evidence[]? _recent;
    private ImmutableArray<EvidenceId> _retracted;
    private Mastery.MasteryCore? _core;
    private Mastery.CoreSeed? _seed;

    private LearnerState(
        LearnerId learner,
        string model,
        ImmutableSortedDictionary<CompetencyId, CompetencyState> competencies,
        EvidenceIndex index,
        ImmutableSortedDictionary<CompetencyId, EvidenceTrack>? tracks,
        Evidence[]? recent,
        Activities.ActivityCatalog? foldedWith,
        Mastery.CoreSeed? seed = null)
    {
        _foldedWith = foldedWith;
        _seed = seed;
        Learner = learner;
        Model = model;
        Competencies = competencies;
        Index = index;
        _tracks = tracks;
        _recent = recent;
    }

    /// <summary>How many of the newest pieces of evidence <see cref="RecentEvidence"/> holds at most: 100, the
    /// recommender's default <c>RecommenderOptions.HistoryLimit</c>.</summary>
    public const int RecentCapacity = 100;

    /// <summary>The learner.</summary>
    public LearnerId Learner { get; }

    /// <summary>The name of the mastery model that folds evidence into this state.</summary>
    public string Model { get; }

    /// <summary>The state of every touched competency, ordered by id.</summary>
    public ImmutableSortedDictionary<CompetencyId, CompetencyState> Competencies { get; }

    /// <summary>How many pieces of evidence the state holds (retracted ones not counted).</summary>
    public int EvidenceCount => Index.Live;

    /// <summary>Every piece of evidence the state holds, in <see cref="Evidence.FoldOrder"/>.</summary>
    /// <value>Sorted on first read, O(n log n), then kept.</value>
    public ImmutableArray<Evidence> Evidence
    {
        get
        {
            var log = _log;
            if (log is null)
            {
                log = new Evidence[Index.Live];
                var i = 0;
                foreach (var (_, evidence) in Index.Entries)
                {
                    if (evidence is not null)
                    {
                        log[i++] = evidence;
                    }
                }

                Array.Sort(log, Observations.Evidence.FoldOrder);
                _log = log;
            }

            // The array is never written after it is built, so it is handed out as it is, not copied on every read.
            return ImmutableCollectionsMarshal.AsImmutableArray(log);
        }
    }

    /// <summary>The newest pieces of evidence, at most <see cref="RecentCapacity"/>, oldest first in
    /// <see cref="Evidence.FoldOrder"/>: the history the recommender and the playlist builder read (novelty, remediation
    /// after repeated failure, wheel-spinning), kept current as evidence is folded, so every entry point sees the same.</summary>
    /// <value>Kept current as evidence folds (O(1) to read after <c>Record</c> and <c>Rebuild</c>); after a retraction of
    /// one of them, or for a state read from JSON, found again on first read, O(n log n), then kept.</value>
    public ImmutableArray<Evidence> RecentEvidence
    {
        get
        {
            var recent = _recent;
            if (recent is null)
            {
                var all = Evidence;
                recent = all.Length <= RecentCapacity ? [.. all] : [.. all[^RecentCapacity..]];
                _recent = recent;
            }

            // Never written after it is built (folding makes a new array), so not copied on every read.
            return ImmutableCollectionsMarshal.AsImmutableArray(recent);
        }
    }

    /// <summary>The ids of the retracted evidence, ordered by id.</summary>
    /// <value>Found on first read, O(n log n), then kept: reading it again does not allocate.</value>
    public ImmutableArray<EvidenceId> RetractedEvidence
    {
        get
        {
            var retracted = _retracted;
            if (retracted.IsDefault)
            {
                retracted = [.. Index.Entries.Where(e => e.Value is null).Select(e => e.Key).Order()];
                _retracted = retracted;
            }

            return retracted;
        }
    }

    internal EvidenceIndex Index { get; }

    /// <summary>Each touched competency's evidence in fold order; null for a state read from JSON, whose evidence is
    /// aligned again (and checked against its competency states) when it is first changed.</summary>
    internal ImmutableSortedDictionary<CompetencyId, EvidenceTrack>? Tracks => _tracks ?? Volatile.Read(ref _checked)?.Tracks;

    /// <summary>A state with no evidence.</summary>
    /// <param name="learner">The learner.</param>
    /// <param name="model">The name of the mastery model that will fold evidence into it.</param>
    /// <returns>The empty state.</returns>
    /// <exception cref="ArgumentException"><paramref name="learner"/> is empty or <paramref name="model"/> is blank.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static LearnerState Create(LearnerId learner, string model)
    {
        if (learner.IsEmpty)
        {
            throw new ArgumentException("A learner state needs a non-empty learner id.", nameof(learner));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return new(learner, model, ImmutableSortedDictionary<CompetencyId, CompetencyState>.Empty, EvidenceIndex.Empty, ImmutableSortedDictionary<CompetencyId, EvidenceTrack>.Empty, [], null);
    }

    /// <summary>The state of one competency.</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>Its state; the default (untouched) state when no evidence has reached it.</returns>
    /// <remarks>A state is not tied to a framework (the engine reads it against its own), so it cannot tell a competency
    /// nothing reached from an id no framework has: both give the default state. The mastery snapshot, taken over a
    /// framework, refuses an unknown id (<see cref="Mastery.MasterySnapshot.Get(CompetencyId)"/>).</remarks>
    public CompetencyState Get(CompetencyId competency) => Competencies.GetValueOrDefault(competency);

    /// <summary>Whether the evidence with <paramref name="id"/> is folded into this state (and not retracted).</summary>
    /// <param name="id">The evidence id.</param>
    /// <returns>True when folded.</returns>
    public bool HasApplied(EvidenceId id) => Index.TryGet(id, out var evidence) && evidence is not null;

    /// <summary>Whether the evidence with <paramref name="id"/> was retracted; evidence with that id is then left out
    /// whenever it arrives.</summary>
    /// <param name="id">The evidence id.</param>
    /// <returns>True when retracted.</returns>
    public bool IsRetracted(EvidenceId id) => Index.TryGet(id, out var evidence) && evidence is null;

    /// <summary>The folded evidence with an id.</summary>
    /// <param name="id">The evidence id.</param>
    /// <param name="evidence">The evidence, when folded.</param>
    /// <returns>True when the state holds evidence with that id.</returns>
    public bool TryGetEvidence(EvidenceId id, [NotNullWhen(true)] out Evidence? evidence) => Index.TryGet(id, out evidence) && evidence is not null;

    /// <inheritdoc />
    public bool Equals(LearnerState? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Learner == other.Learner
                && Model == other.Model
                && Competencies.Count == other.Competencies.Count
                && Competencies.SequenceEqual(other.Competencies)
                && Index.SetEquals(other.Index)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LearnerState);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Learner, Model, Competencies.Count, Index.Live, Index.Retracted);

    /// <inheritdoc />
    public override string ToString()
    {
        var retracted = Index.Retracted == 0 ? string.Empty : $", Retracted = {Index.Retracted}";
        return $"LearnerState {{ Learner = {Learner}, Model = {Model}, Competencies = {Competencies.Count}, Evidence = {Index.Live}{retracted} }}";
    }

    /// <summary>The state after a change the caller has checked and folded.</summary>
    internal LearnerState With(
        ImmutableSortedDictionary<CompetencyId, CompetencyState> competencies,
        EvidenceIndex index,
        ImmutableSortedDictionary<CompetencyId, EvidenceTrack> tracks,
        Evidence[]? recent,
        Activities.ActivityCatalog catalog,
        Mastery.CoreSeed? seed = null)
        => new(Learner, Model, competencies, index, tracks, recent, catalog, seed);

    /// <summary>The core of the state's latest assessment at or after its newest evidence, if one was made.</summary>
    internal Mastery.MasteryCore? Core => Volatile.Read(ref _core);

    /// <summary>A predecessor's core and what changed since, until this state's own core is made.</summary>
    internal Mastery.CoreSeed? Seed => Volatile.Read(ref _seed);

    /// <summary>Keeps the core of an assessment; the seed is no longer needed.</summary>
    internal void Keep(Mastery.MasteryCore core)
    {
        Volatile.Write(ref _core, core);
        Volatile.Write(ref _seed, null);
    }

    /// <summary>Drops the kept assessment and seed, so that the next assessment is made from the tracks: what every
    /// assessment cost before assessments were kept. For benchmarks and tests.</summary>
    internal void ForgetAssessment()
    {
        Volatile.Write(ref _core, null);
        Volatile.Write(ref _seed, null);
    }

    /// <summary>The moment of the newest evidence (the last in fold order), or null when there is none.</summary>
    internal DateTimeOffset? NewestEvidenceAt => NewestEvidence?.Timestamp;

    /// <summary>The newest piece of evidence (the last in fold order), or null when there is none; O(1) once the recent
    /// evidence is known.</summary>
    internal Evidence? NewestEvidence => EvidenceCount == 0 ? null : _recent is { Length: > 0 } recent ? recent[^1] : RecentEvidence[^1];

    /// <summary>The catalog whose alignments the per-competency evidence was folded with; null for a new state or one read
    /// from JSON (checked against its evidence when first changed).</summary>
    internal Activities.ActivityCatalog? FoldedWith => _foldedWith ?? Volatile.Read(ref _checked)?.Catalog;

    /// <summary>Records that a state read from a document was checked against a catalog and model: its per-competency
    /// evidence is kept, so the check runs once. Set once, both together (a reader sees both or neither).</summary>
    internal void AdoptChecked(ImmutableSortedDictionary<CompetencyId, EvidenceTrack> tracks, Activities.ActivityCatalog catalog)
        => Interlocked.CompareExchange(ref _checked, new Checked(tracks, catalog), null);

    private sealed record Checked(ImmutableSortedDictionary<CompetencyId, EvidenceTrack> Tracks, Activities.ActivityCatalog Catalog);

    /// <summary>The recent evidence if already known, without building it.</summary>
    internal Evidence[]? KnownRecent => _recent;

    /// <summary>Restores a state from a document; the caller has checked every field. Tracks are built when first needed.</summary>
    internal static LearnerState Restore(LearnerId learner, string model, IEnumerable<KeyValuePair<CompetencyId, CompetencyState>> competencies, EvidenceIndex index)
        => new(learner, model, ImmutableSortedDictionary.CreateRange(competencies), index, null, null, null);
}
