using System.Globalization;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Mastery;

/// <summary>
/// What a <see cref="MasterySnapshot"/> holds, by dense index: the touched competencies (ascending), each one's state (or
/// its evidence track, which carries the state), estimate, level and evidence count, the mastered flags and the frontier.
/// Assessments (<see cref="MasteryAssessment"/> objects with their explanation) are made when first asked for.
/// </summary>
/// <remarks>
/// <para>A learner state keeps the core of its latest assessment, and a state folded from it keeps that core as a seed
/// with the competencies the folding changed, so that the next assessment is derived from it: the unchanged competencies'
/// estimates and levels are copied, the changed ones assessed, and the frontier found again only when a mastered flag
/// changed. A core is valid for a moment at or after the state's newest evidence; for a model whose estimate depends on
/// time (<see cref="IMasteryModel.EstimateAt"/>), only at the moment it was assessed at.</para>
/// <para>Immutable, but for the assessments made on demand (a race makes equal objects; either is kept). Thread-safe.</para>
/// </remarks>
internal sealed class MasteryCore
{
    private readonly MasteryAssessment?[] _assessments;

    private MasteryCore(CompetencyFramework framework, IMasteryModel model, MasteryPolicy policy, DateTimeOffset? assessedAt, int[] touched, EvidenceTrack[]? tracks, CompetencyState[]? states, double[] estimates, MasteryLevel[] levels, int[] counts, ulong[] mastered, int[] frontier, MasteryAssessment?[] assessments)
    {
        Framework = framework;
        Model = model;
        Policy = policy;
        AssessedAt = assessedAt;
        Touched = touched;
        Tracks = tracks;
        States = states;
        Estimates = estimates;
        Levels = levels;
        Counts = counts;
        Mastered = mastered;
        Frontier = frontier;
        _assessments = assessments;
        for (var k = 0; k < touched.Length; k++)
        {
            if (levels[k] != MasteryLevel.Mastered && counts[k] > MaximumUnmasteredEvidence)
            {
                MaximumUnmasteredEvidence = counts[k];
            }
        }
    }

    public CompetencyFramework Framework { get; }

    public IMasteryModel Model { get; }

    public MasteryPolicy Policy { get; }

    /// <summary>The moment the estimates hold at; null when the model's estimate does not depend on time.</summary>
    public DateTimeOffset? AssessedAt { get; }

    /// <summary>The touched competencies' dense indices, ascending.</summary>
    public int[] Touched { get; }

    /// <summary>Each touched competency's evidence and state, when the core was made from a state's tracks.</summary>
    public EvidenceTrack[]? Tracks { get; }

    /// <summary>Each touched competency's state, when the core was not made from tracks (a moment before some evidence, or
    /// a snapshot read from a document).</summary>
    public CompetencyState[]? States { get; }

    /// <summary>Each touched competency's estimate; NaN when it has none.</summary>
    public double[] Estimates { get; }

    public MasteryLevel[] Levels { get; }

    public int[] Counts { get; }

    public ulong[] Mastered { get; }

    /// <summary>The frontier's dense indices in topological order.</summary>
    public int[] Frontier { get; }

    /// <summary>The most evidence on any touched competency that is not mastered (0 when none).</summary>
    public int MaximumUnmasteredEvidence { get; }

    /// <summary>The position of a dense index among <see cref="Touched"/>, or the complement of where it would go when
    /// untouched (as <see cref="Array.BinarySearch(Array, object)"/>).</summary>
    public int PositionOf(int index)
    {
        var touched = Touched;
        int low = 0, high = touched.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var at = touched[middle];
            if (at == index)
            {
                return middle;
            }

            if (at < index)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }

    public ref readonly CompetencyState StateAt(int position) => ref States is { } states ? ref states[position] : ref Tracks![position].State;

    private KeptHistory? _requestHistory;

    /// <summary>The history a request from this core's state carried last, if it was built with this catalog (which says
    /// which activities are checkpoints and what each is aligned to) and these recommender options: the same for every
    /// moment the core serves, so kept.</summary>
    public System.Collections.Immutable.ImmutableArray<Observations.Evidence>? RequestHistoryFor(Activities.ActivityCatalog catalog, Recommendations.RecommenderOptions options)
        => Volatile.Read(ref _requestHistory) is { } kept && ReferenceEquals(kept.Catalog, catalog) && ReferenceEquals(kept.Options, options) ? kept.History : null;

    /// <summary>Keeps the history a request built with this catalog and these options carried.</summary>
    public void KeepRequestHistory(Activities.ActivityCatalog catalog, Recommendations.RecommenderOptions options, System.Collections.Immutable.ImmutableArray<Observations.Evidence> history)
        => Volatile.Write(ref _requestHistory, new KeptHistory(catalog, options, history));

    private sealed record KeptHistory(Activities.ActivityCatalog Catalog, Recommendations.RecommenderOptions Options, System.Collections.Immutable.ImmutableArray<Observations.Evidence> History);

    /// <summary>Whether this core serves an assessment with these strategies at a moment (the caller has checked that the
    /// moment is at or after the state's newest evidence).</summary>
    public bool Serves(CompetencyFramework framework, IMasteryModel model, MasteryPolicy policy, DateTimeOffset asOf)
        => Tracks is not null && ReferenceEquals(framework, Framework) && ReferenceEquals(model, Model) && (ReferenceEquals(policy, Policy) || policy.Equals(Policy))
           && (AssessedAt is null || AssessedAt == asOf);

    /// <summary>The assessment at a position, made on first request.</summary>
    public MasteryAssessment AssessmentAt(int position)
    {
        var made = Volatile.Read(ref _assessments[position]);
        if (made is null)
        {
            var estimate = Estimates[position];
            double? value = double.IsNaN(estimate) ? null : estimate;
            var (level, reason, threshold) = Policy.Classify(value, Counts[position]);
            made = new MasteryAssessment(Framework.Competencies[Touched[position]].Id, level, reason, Counts[position], Policy.MinimumEvidenceForMastered, Model.EstimateLabel, value, threshold);
            Volatile.Write(ref _assessments[position], made);
        }

        return made;
    }

    /// <summary>Whether the model's estimate is known not to depend on time (the library's models that do not override
    /// <see cref="IMasteryModel.EstimateAt"/>); any other model is assessed again at each moment.</summary>
    public static bool IgnoresTime(IMasteryModel model) => model is RollupMasteryModel or KnowledgeTracing.BktModel or Elo.EloModel;

    /// <summary>A core from per-competency tracks (dense indices ascending), reusing what a previous core of the same
    /// strategies holds for the positions it maps (<paramref name="sourceOf"/>: the previous position, or −1 for a changed
    /// one), or, when <paramref name="touched"/> is the previous core's own array, for every position but
    /// <paramref name="changed"/> ones.</summary>
    public static MasteryCore FromTracks(CompetencyFramework framework, IMasteryModel model, MasteryPolicy policy, DateTimeOffset asOf, int[] touched, EvidenceTrack[] tracks, MasteryCore? previous, int[]? sourceOf, ReadOnlySpan<int> changed = default)
    {
        var ignoresTime = IgnoresTime(model);
        var reuse = previous is not null && previous.Serves(framework, model, policy, asOf);
        var n = touched.Length;
        double[] estimates;
        MasteryLevel[] levels;
        int[] counts;
        MasteryAssessment?[] assessments;
        if (reuse && ReferenceEquals(touched, previous!.Touched))
        {
            // The same competencies: copied in bulk, the changed ones assessed again.
            estimates = (double[])previous.Estimates.Clone();
            levels = (MasteryLevel[])previous.Levels.Clone();
            counts = (int[])previous.Counts.Clone();
            assessments = (MasteryAssessment?[])previous._assessments.Clone();
            foreach (var k in changed)
            {
                (estimates[k], levels[k]) = Assess(framework, model, policy, touched[k], tracks[k].State, asOf);
                counts[k] = tracks[k].State.EvidenceCount;
                assessments[k] = null;
            }
        }
        else
        {
            estimates = new double[n];
            levels = new MasteryLevel[n];
            counts = new int[n];
            assessments = new MasteryAssessment?[n];
            for (var k = 0; k < n; k++)
            {
                var from = reuse && sourceOf is not null ? sourceOf[k] : -1;
                if (from >= 0)
                {
                    estimates[k] = previous!.Estimates[from];
                    levels[k] = previous.Levels[from];
                    counts[k] = previous.Counts[from];
                    assessments[k] = previous._assessments[from];
                }
                else
                {
                    (estimates[k], levels[k]) = Assess(framework, model, policy, touched[k], tracks[k].State, asOf);
                    counts[k] = tracks[k].State.EvidenceCount;
                }
            }
        }

        return Complete(framework, model, policy, ignoresTime ? null : asOf, touched, tracks, null, estimates, levels, counts, assessments, previous);
    }

    /// <summary>The core of a learner state's assessment at a moment at or after its newest evidence: the one the state
    /// keeps when it serves, else derived from its seed, else made from its tracks; kept on the state for the next call.
    /// Null when the state's tracks are not known yet (read from a document, not yet checked) or the moment comes before
    /// its newest evidence (the caller folds as of then).</summary>
    /// <exception cref="ArgumentException">The state names a competency that is not in the framework.</exception>
    public static MasteryCore? For(LearnerState state, CompetencyFramework framework, IMasteryModel model, MasteryPolicy policy, DateTimeOffset asOf)
    {
        var tracks = state.Tracks;
        if (tracks is null || (state.NewestEvidenceAt is { } newest && newest > asOf))
        {
            return null;
        }

        if (state.Core is { } kept && kept.Serves(framework, model, policy, asOf))
        {
            return kept;
        }

        MasteryCore core;
        if (state.Seed is { } seed && ReferenceEquals(seed.Core.Framework, framework))
        {
            core = seed.Derive(tracks, model, policy, asOf);
        }
        else
        {
            var touched = new int[tracks.Count];
            var ordered = new EvidenceTrack[tracks.Count];
            var k = 0;
            foreach (var (id, track) in tracks)
            {
                if (!framework.TryGetIndex(id, out touched[k]))
                {
                    throw NotInFramework(state, id, framework);
                }

                ordered[k++] = track;
            }

            Array.Sort(touched, ordered);
            core = FromTracks(framework, model, policy, asOf, touched, ordered, state.Core, null);
        }

        state.Keep(core);
        return core;
    }

    /// <summary>The refusal of a state with evidence on a competency the framework lacks.</summary>
    public static ArgumentException NotInFramework(LearnerState state, CompetencyId id, CompetencyFramework framework)
        => new UnknownCompetencyException(id, $"Learner '{state.Learner}' has evidence for competency '{id}', which is not in framework '{framework.Title}'.", nameof(state));

    /// <summary>A core from per-competency states (dense indices ascending), assessed at a moment.</summary>
    public static MasteryCore FromStates(CompetencyFramework framework, IMasteryModel model, MasteryPolicy policy, DateTimeOffset asOf, int[] touched, CompetencyState[] states)
    {
        var n = touched.Length;
        var estimates = new double[n];
        var levels = new MasteryLevel[n];
        var counts = new int[n];
        for (var k = 0; k < n; k++)
        {
            (estimates[k], levels[k]) = Assess(framework, model, policy, touched[k], states[k], asOf);
            counts[k] = states[k].EvidenceCount;
        }

        return Complete(framework, model, policy, asOf, touched, null, states, estimates, levels, counts, new MasteryAssessment?[n], null);
    }

    /// <summary>A core of assessments read back from a document, already checked against the policy.</summary>
    public static MasteryCore FromAssessments(CompetencyFramework framework, IMasteryModel? model, MasteryPolicy policy, DateTimeOffset asOf, int[] touched, CompetencyState[] states, MasteryAssessment[] assessments, string label)
    {
        var n = touched.Length;
        var estimates = new double[n];
        var levels = new MasteryLevel[n];
        var counts = new int[n];
        for (var k = 0; k < n; k++)
        {
            estimates[k] = assessments[k].Estimate ?? double.NaN;
            levels[k] = assessments[k].Level;
            counts[k] = assessments[k].EvidenceCount;
        }

        return Complete(framework, model ?? new LabelOnly(label), policy, asOf, touched, null, states, estimates, levels, counts, [.. assessments], null);
    }

    private static (double Estimate, MasteryLevel Level) Assess(CompetencyFramework framework, IMasteryModel model, MasteryPolicy policy, int index, in CompetencyState state, DateTimeOffset asOf)
    {
        var estimate = model.EstimateAt(state, asOf);
        if (estimate is { } e && !(e >= 0 && e <= 1))
        {
            throw new InvalidOperationException($"Mastery model '{model.Name}' returned estimate {e.ToString("R", CultureInfo.InvariantCulture)} for competency '{framework.Competencies[index].Id}' at {asOf.ToString("O", CultureInfo.InvariantCulture)}; estimates must be in [0, 1].");
        }

        return (estimate ?? double.NaN, policy.Classify(estimate, state.EvidenceCount).Level);
    }

    // The mastered flags from the levels, and the frontier: the previous core's when the flags are the same, otherwise found
    // again (O(competencies without prerequisites + edges out of the mastered ones)).
    private static MasteryCore Complete(CompetencyFramework framework, IMasteryModel model, MasteryPolicy policy, DateTimeOffset? assessedAt, int[] touched, EvidenceTrack[]? tracks, CompetencyState[]? states, double[] estimates, MasteryLevel[] levels, int[] counts, MasteryAssessment?[] assessments, MasteryCore? previous)
    {
        var mastered = new ulong[(framework.Count + 63) >> 6];
        for (var k = 0; k < touched.Length; k++)
        {
            if (levels[k] == MasteryLevel.Mastered)
            {
                mastered[touched[k] >> 6] |= 1UL << touched[k];
            }
        }

        int[] frontier;
        if (previous is not null && ReferenceEquals(previous.Framework, framework) && mastered.AsSpan().SequenceEqual(previous.Mastered))
        {
            mastered = previous.Mastered;
            frontier = previous.Frontier;
        }
        else
        {
            var found = new List<int>();
            framework.FillFrontier(mastered, touched, found);
            found.Sort((a, b) => framework.TopologicalRank(a).CompareTo(framework.TopologicalRank(b)));
            frontier = [.. found];
        }

        return new MasteryCore(framework, model, policy, assessedAt, touched, tracks, states, estimates, levels, counts, mastered, frontier, assessments);
    }

    /// <summary>Stands for the model of a snapshot read from a document: only its label is known.</summary>
    private sealed class LabelOnly(string label) : IMasteryModel
    {
        public string Name => label;

        public string EstimateLabel => label;

        public MasteryStep Update(in CompetencyState state, in MasteryObservation observation) => throw new NotSupportedException("A snapshot read from a document has no model.");
    }
}

/// <summary>
/// What a learner state folded from another keeps to derive its first assessment: the newest core among its predecessors
/// and the dense indices of the competencies changed since (ascending, distinct).
/// </summary>
internal sealed class CoreSeed
{
    private CoreSeed(MasteryCore core, int[] changed)
    {
        Core = core;
        Changed = changed;
    }

    public MasteryCore Core { get; }

    public int[] Changed { get; }

    /// <summary>The seed of a state folded from <paramref name="before"/> with these competencies changed; null when there
    /// is nothing to derive from, or when so much changed that assessing from scratch costs as much.</summary>
    public static CoreSeed? After(LearnerState before, CompetencyFramework framework, IEnumerable<CompetencyId> changed)
    {
        var (core, earlier) = before.Core is { Tracks: not null } c ? (c, Array.Empty<int>()) : before.Seed is { } s ? (s.Core, s.Changed) : (null, null);
        if (core is null || !ReferenceEquals(core.Framework, framework))
        {
            return null;
        }

        var indices = new List<int>(earlier!);
        foreach (var id in changed)
        {
            indices.Add(framework.IndexOf(id));
        }

        if (indices.Count > Math.Max(64, core.Touched.Length / 4))
        {
            return null;
        }

        indices.Sort();
        var distinct = 0;
        for (var i = 0; i < indices.Count; i++)
        {
            if (i == 0 || indices[i] != indices[distinct - 1])
            {
                indices[distinct++] = indices[i];
            }
        }

        return new CoreSeed(core, [.. indices.Take(distinct)]);
    }

    /// <summary>The core of a state with these tracks, derived from the seed's: the changed competencies' tracks are looked
    /// up, the others' taken from the seed's core with their assessments.</summary>
    public MasteryCore Derive(System.Collections.Immutable.ImmutableSortedDictionary<CompetencyId, EvidenceTrack> tracks, IMasteryModel model, MasteryPolicy policy, DateTimeOffset asOf)
    {
        var framework = Core.Framework;
        var before = Core.Touched;
        var beforeTracks = Core.Tracks!;

        // The usual change: competencies already touched, still touched. Their tracks are replaced in a copy.
        var positions = new int[Changed.Length];
        var found = new EvidenceTrack[Changed.Length];
        var inPlace = true;
        for (var c = 0; c < Changed.Length && inPlace; c++)
        {
            positions[c] = Core.PositionOf(Changed[c]);
            inPlace = positions[c] >= 0 && tracks.TryGetValue(framework.Competencies[Changed[c]].Id, out found[c]!);
        }

        if (inPlace)
        {
            var replaced = (EvidenceTrack[])beforeTracks.Clone();
            for (var c = 0; c < Changed.Length; c++)
            {
                replaced[positions[c]] = found[c];
            }

            return MasteryCore.FromTracks(framework, model, policy, asOf, before, replaced, Core, null, positions);
        }

        // Competencies newly touched or emptied: merged.
        var capacity = before.Length + Changed.Length;
        var touched = new int[capacity];
        var after = new EvidenceTrack[capacity];
        var sourceOf = new int[capacity];
        int i = 0, j = 0, n = 0;
        while (i < before.Length || j < Changed.Length)
        {
            if (j < Changed.Length && (i >= before.Length || Changed[j] <= before[i]))
            {
                var index = Changed[j];
                var existed = i < before.Length && before[i] == index;
                if (tracks.TryGetValue(framework.Competencies[index].Id, out var track))
                {
                    touched[n] = index;
                    after[n] = track;
                    sourceOf[n++] = -1;
                }

                i += existed ? 1 : 0;
                j++;
            }
            else
            {
                touched[n] = before[i];
                after[n] = beforeTracks[i];
                sourceOf[n++] = i++;
            }
        }

        if (n < capacity)
        {
            Array.Resize(ref touched, n);
            Array.Resize(ref after, n);
        }

        return MasteryCore.FromTracks(framework, model, policy, asOf, touched, after, Core, sourceOf);
    }
}
