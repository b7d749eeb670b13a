using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Mastery;

/// <summary>
/// A learner's state built from a whole log at once (a rebuild): the same state <see cref="EvidenceFolding.Change"/> gives
/// from an empty one, built without its per-change bookkeeping.
/// </summary>
/// <remarks>
/// One hash insert per piece (the id index the state keeps), one resolve of what it counts toward (the competency's dense
/// index or the activity's), one sort in <see cref="Evidence.FoldOrder"/> (skipped when the log is already in that order
/// or its reverse, as an LRS returns it), and one pass that appends each piece to its competencies' evidence and folds it
/// there; the per-competency maps are built once at the end. Working arrays sized to the framework are per thread and
/// stamped per call, so nothing is cleared. Thread-safe.
/// </remarks>
internal static class EvidenceBulkFolding
{
    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>This thread's call counter (0 before its working arrays exist); internal so that a test can set it near
    /// its wrap-around, which takes 2^31 calls to reach.</summary>
    /// <exception cref="InvalidOperationException">Set before this thread has working arrays.</exception>
    internal static int ThreadGeneration
    {
        get => t_scratch?.Generation ?? 0;
        set => (t_scratch ?? throw new InvalidOperationException("This thread has no working arrays yet.")).Generation = value;
    }

    /// <summary>Drops this thread's working arrays, so that the next call starts on fresh ones (for tests).</summary>
    internal static void DropThreadScratch() => t_scratch = null;

    /// <summary>A piece with what it counts toward: a competency's dense index (≥ 0), or the complement of its activity's
    /// index (&lt; 0) when it names an activity only.</summary>
    private readonly record struct Piece(Evidence Evidence, int Target);

    private readonly struct ByFoldOrder : IComparer<Piece>
    {
        public int Compare(Piece x, Piece y) => Evidence.CompareFoldOrder(x.Evidence, y.Evidence);
    }

    /// <summary>The state of <paramref name="empty"/>'s learner from its log and retractions.</summary>
    /// <exception cref="ArgumentException">A piece cannot be folded (as <see cref="EvidenceFolding.Validate"/>), or a
    /// retracted id is empty.</exception>
    /// <exception cref="EvidenceConflictException">An id appears twice with different content.</exception>
    public static LearnerState Build(LearnerState empty, List<Evidence> log, IReadOnlyCollection<EvidenceId> retracted, ActivityCatalog catalog, IMasteryModel model, string evidenceParam, string retractedParam)
    {
        var framework = catalog.Framework;
        var index = new Dictionary<EvidenceId, Evidence?>(log.Count + retracted.Count);
        foreach (var id in retracted)
        {
            if (id.IsEmpty)
            {
                throw new ArgumentException("A retraction needs a non-empty evidence id; got the default (empty) id.", retractedParam);
            }

            index[id] = null;
        }

        // 1. Check, resolve and index, in the order given (so the first bad piece is the one reported).
        var pieces = new Piece[log.Count];
        var count = 0;
        Dictionary<EvidenceId, Evidence>? retractedSeen = null;
        foreach (var evidence in log)
        {
            if (evidence.Learner != empty.Learner)
            {
                EvidenceFolding.Validate(empty, evidence, catalog, evidenceParam); // throws with the message Record gives
            }

            int target;
            if (evidence.Competency is { } competency)
            {
                target = evidence.CompetencyIndexIn(framework);
                if (target < 0 || (evidence.Activity is not null && evidence.ActivityIndexIn(catalog) < 0))
                {
                    EvidenceFolding.Validate(empty, evidence, catalog, evidenceParam);
                }
            }
            else if (evidence.ActivityIndexIn(catalog) is var activity and >= 0)
            {
                target = ~activity;
            }
            else
            {
                EvidenceFolding.Validate(empty, evidence, catalog, evidenceParam);
                throw new InvalidOperationException("Unreachable: the activity was checked.");
            }

            if (index.TryGetValue(evidence.Id, out var existing))
            {
                if (existing is not null)
                {
                    if (!existing.Equals(evidence))
                    {
                        throw new EvidenceConflictException(existing, evidence, evidenceParam, inBatch: true);
                    }
                }
                else if (!(retractedSeen ??= []).TryAdd(evidence.Id, evidence) && !retractedSeen[evidence.Id].Equals(evidence))
                {
                    throw new EvidenceConflictException(retractedSeen[evidence.Id], evidence, evidenceParam, inBatch: true);
                }

                continue; // the same piece twice, or a retracted one: it stays out
            }

            index.Add(evidence.Id, evidence);
            pieces[count++] = new Piece(evidence, target);
        }

        if (index.Count == 0)
        {
            return empty;
        }

        // 2. Fold order: one sort, or none when the log is in order or newest first.
        var span = pieces.AsSpan(0, count);
        var ascending = true;
        var descending = true;
        for (var i = 1; i < span.Length && (ascending || descending); i++)
        {
            var c = Evidence.CompareFoldOrder(span[i - 1].Evidence, span[i].Evidence);
            ascending &= c < 0;
            descending &= c > 0;
        }

        if (descending && !ascending)
        {
            span.Reverse();
        }
        else if (!ascending)
        {
            span.Sort(default(ByFoldOrder));
        }

        // 3. Each competency's evidence, counted, then filled and folded in one pass in fold order.
        var scratch = Scratch.For(framework.Count);
        var slots = scratch.Begin();
        var touched = scratch.Touched;
        foreach (var piece in span)
        {
            if (piece.Target >= 0)
            {
                scratch.Count(piece.Target);
            }
            else
            {
                foreach (var competency in catalog.AlignedIndicesOf(~piece.Target))
                {
                    scratch.Count(competency);
                }
            }
        }

        var tracks = new Evidence[touched.Count][];
        var states = new CompetencyState[touched.Count];
        var filled = new int[touched.Count];
        for (var s = 0; s < tracks.Length; s++)
        {
            tracks[s] = new Evidence[scratch.Counts[s]];
        }

        foreach (var piece in span)
        {
            var evidence = piece.Evidence;
            if (piece.Target >= 0)
            {
                var s = slots[piece.Target];
                tracks[s][filled[s]++] = evidence;
                states[s] = EvidenceFolding.Apply(model, states[s], new MasteryObservation(framework.Competencies[piece.Target].Id, evidence.Activity, evidence.Outcome, evidence.Weight, evidence.Kind, evidence.Timestamp));
            }
            else
            {
                var activity = ~piece.Target;
                var aligned = catalog.AlignedIndicesOf(activity);
                var alignments = catalog.Activities[activity].Alignments;
                for (var k = 0; k < aligned.Length; k++)
                {
                    var s = slots[aligned[k]];
                    tracks[s][filled[s]++] = evidence;
                    states[s] = EvidenceFolding.Apply(model, states[s], new MasteryObservation(alignments[k].Competency, evidence.Activity, evidence.Outcome, evidence.Weight * alignments[k].Weight, evidence.Kind, evidence.Timestamp));
                }
            }
        }

        // 4. The state: the maps once, the newest pieces, and the index as built.
        var competencies = ImmutableSortedDictionary.CreateBuilder<CompetencyId, CompetencyState>();
        var trackMap = ImmutableSortedDictionary.CreateBuilder<CompetencyId, EvidenceTrack>();
        for (var s = 0; s < touched.Count; s++)
        {
            var id = framework.Competencies[touched[s]].Id;
            competencies.Add(id, states[s]);
            trackMap.Add(id, EvidenceTrack.Of(tracks[s], states[s]));
        }

        var recent = span[Math.Max(0, span.Length - LearnerState.RecentCapacity)..];
        var newest = new Evidence[recent.Length];
        for (var i = 0; i < recent.Length; i++)
        {
            newest[i] = recent[i].Evidence;
        }

        return empty.With(competencies.ToImmutable(), EvidenceIndex.Adopt(index), trackMap.ToImmutable(), newest, catalog);
    }

    /// <summary>Per-thread working arrays: each competency's slot among those this call touches, valid when stamped with
    /// the call's generation.</summary>
    private sealed class Scratch
    {
        private int[] _stamp = [];
        private int[] _slot = [];
        private int _generation;

        public int Generation { get => _generation; set => _generation = value; }

        public List<int> Touched { get; } = [];

        public List<int> Counts { get; } = [];

        public static Scratch For(int competencies)
        {
            var scratch = t_scratch ??= new Scratch();
            if (scratch._stamp.Length < competencies)
            {
                scratch._stamp = new int[competencies];
                scratch._slot = new int[competencies];
                scratch._generation = 0;
            }

            return scratch;
        }

        /// <summary>Starts a call; returns the slot of each competency (valid for those counted in this call).</summary>
        public int[] Begin()
        {
            if (++_generation == int.MaxValue)
            {
                Array.Clear(_stamp);
                _generation = 1;
            }

            Touched.Clear();
            Counts.Clear();
            return _slot;
        }

        public void Count(int competency)
        {
            if (_stamp[competency] != _generation)
            {
                _stamp[competency] = _generation;
                _slot[competency] = Touched.Count;
                Touched.Add(competency);
                Counts.Add(1);
            }
            else
            {
                Counts[_slot[competency]]++;
            }
        }
    }
}
