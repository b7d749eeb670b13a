using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Mastery;

/// <summary>
/// Folds evidence into a learner state: resolves which competencies it counts toward, puts it in its place in each
/// competency's evidence (<see cref="Evidence.FoldOrder"/>), asks the model for each step, checks the step, and returns
/// the new state. Checks everything before changing anything.
/// </summary>
/// <remarks>
/// A change (new evidence, retractions, or both) touches only the competencies it reaches. For each of them: when every new
/// piece comes after the competency's last one and nothing of it is retracted, the model folds the new pieces onward from
/// the competency's state (the common, in-order case: O(new pieces) model steps); otherwise the competency is folded again
/// from its first evidence. Folding again from the first piece rather than from the late piece's place keeps no per-step
/// checkpoints in the state; inserting into the competency's evidence copies O(its evidence) references anyway, and a model
/// step costs about as much as that copy per piece.
/// </remarks>
internal static class EvidenceFolding
{
    public static void RequireModel(LearnerState state, IMasteryModel model)
    {
        if (!string.Equals(state.Model, model.Name, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Learner '{state.Learner}' was folded by mastery model '{state.Model}', but this engine uses '{model.Name}'; rebuild the state from the evidence log with this model.",
                nameof(state));
        }
    }

    /// <summary>Throws if <paramref name="evidence"/> cannot be folded into <paramref name="state"/>.</summary>
    public static void Validate(LearnerState state, Evidence evidence, ActivityCatalog catalog, string parameter = "evidence")
    {
        EvidenceOwnership.Require(evidence, state.Learner, catalog, "the state", parameter);
    }

    /// <summary>One piece of evidence folded in.</summary>
    public static LearnerState Fold(LearnerState state, Evidence evidence, ActivityCatalog catalog, IMasteryModel model)
        => Change(state, [evidence], [], catalog, model, "evidence", "ids");

    /// <summary>New evidence and retractions applied together, as if they had been there from the start.</summary>
    /// <param name="state">The state before.</param>
    /// <param name="incoming">Evidence to fold; duplicates of folded evidence with equal content are skipped, and so is
    /// evidence whose id is retracted.</param>
    /// <param name="retracted">Ids to retract; an id not yet seen is remembered, so that its evidence stays out.</param>
    /// <param name="catalog">The catalog that aligns activities to competencies.</param>
    /// <param name="model">The model.</param>
    /// <param name="evidenceParam">The caller's parameter that carried the evidence, for exceptions.</param>
    /// <param name="retractedParam">The caller's parameter that carried the retracted ids, for exceptions.</param>
    /// <returns>The state after; the same instance when nothing changed.</returns>
    /// <exception cref="ArgumentException">A piece cannot be folded (see <see cref="Validate"/>).</exception>
    /// <exception cref="EvidenceConflictException">An id arrives with content other than the folded one's, or twice in the
    /// batch with different content.</exception>
    public static LearnerState Change(LearnerState state, IReadOnlyList<Evidence> incoming, IReadOnlyCollection<EvidenceId> retracted, ActivityCatalog catalog, IMasteryModel model, string evidenceParam, string retractedParam)
    {
        // 1. Check everything and work out the index changes; nothing is built until all of it passed.
        var changes = new Dictionary<EvidenceId, Evidence?>(incoming.Count + retracted.Count);
        foreach (var id in retracted)
        {
            if (id.IsEmpty)
            {
                throw new ArgumentException("A retraction needs a non-empty evidence id; got the default (empty) id.", retractedParam);
            }

            changes[id] = null;
        }

        var added = new List<Evidence>(incoming.Count);
        Dictionary<EvidenceId, Evidence>? seen = incoming.Count > 1 ? new(incoming.Count) : null;
        foreach (var evidence in incoming)
        {
            Validate(state, evidence, catalog, evidenceParam);
            if (seen is not null)
            {
                if (seen.TryGetValue(evidence.Id, out var first))
                {
                    if (!first.Equals(evidence))
                    {
                        throw new EvidenceConflictException(first, evidence, evidenceParam, inBatch: true);
                    }

                    continue;
                }

                seen.Add(evidence.Id, evidence);
            }

            if (state.Index.TryGet(evidence.Id, out var existing))
            {
                if (existing is not null && !existing.Equals(evidence))
                {
                    throw new EvidenceConflictException(existing, evidence, evidenceParam);
                }

                continue; // folded already, or retracted: it stays out
            }

            if (changes.TryAdd(evidence.Id, evidence))
            {
                added.Add(evidence);
            }
        }

        var removed = new List<Evidence>();
        foreach (var id in retracted)
        {
            if (state.Index.TryGet(id, out var existing))
            {
                if (existing is null)
                {
                    changes.Remove(id); // retracted already
                }
                else
                {
                    removed.Add(existing);
                }
            }
        }

        if (changes.Count == 0)
        {
            return state;
        }

        // 2. Which competencies change, and how.
        var tracks = EnsureTracks(state, catalog, model);
        added.Sort(Evidence.FoldOrder);
        var adds = new Dictionary<CompetencyId, List<Evidence>>();
        foreach (var evidence in added)
        {
            foreach (var competency in Reached(evidence, catalog))
            {
                if (!adds.TryGetValue(competency, out var list))
                {
                    adds.Add(competency, list = []);
                }

                list.Add(evidence);
            }
        }

        Dictionary<CompetencyId, HashSet<EvidenceId>>? drops = null;
        foreach (var evidence in removed)
        {
            drops ??= [];
            // Its competencies by the catalog: EnsureTracks above has checked that the catalog holds every folded piece's
            // activity with the alignments it was folded with.
            foreach (var competency in Reached(evidence, catalog))
            {
                if (!drops.TryGetValue(competency, out var set))
                {
                    drops.Add(competency, set = []);
                }

                set.Add(evidence.Id);
            }
        }

        var stateUpdates = new List<KeyValuePair<CompetencyId, CompetencyState>>(adds.Count);
        var trackUpdates = new List<KeyValuePair<CompetencyId, EvidenceTrack>>(adds.Count);
        var emptied = new List<CompetencyId>();
        foreach (var competency in drops is null ? adds.Keys : adds.Keys.Union(drops.Keys))
        {
            var before = tracks.TryGetValue(competency, out var t) ? t : EvidenceTrack.Empty;
            var dropped = drops is not null && drops.TryGetValue(competency, out var d) ? d : null;
            var news = adds.TryGetValue(competency, out var n) ? n : null;
            var onward = dropped is null && news is not null && (before.IsEmpty || Evidence.CompareFoldOrder(news[0], before.Last) > 0);
            EvidenceTrack after;
            CompetencyState folded;
            if (onward)
            {
                folded = before.State;
                foreach (var evidence in news!)
                {
                    folded = Step(model, folded, competency, evidence, catalog);
                }

                after = before.Append(news!, folded);
            }
            else
            {
                var merged = Merge(before, dropped, news);
                if (merged.Length == 0)
                {
                    emptied.Add(competency);
                    continue;
                }

                folded = FoldAll(model, competency, merged, catalog);
                after = EvidenceTrack.Of(merged, folded);
            }

            stateUpdates.Add(new(competency, folded));
            trackUpdates.Add(new(competency, after));
        }

        var index = state.Index.Live + state.Index.Retracted == 0 ? EvidenceIndex.Adopt(changes) : state.Index.With(changes);
        return state.With(
            state.Competencies.SetItems(stateUpdates).RemoveRange(emptied),
            index,
            tracks.SetItems(trackUpdates).RemoveRange(emptied),
            Recent(state.KnownRecent, added, removed),
            catalog,
            CoreSeed.After(state, catalog.Framework, stateUpdates.Select(u => u.Key).Concat(emptied)));
    }

    /// <summary>The newest <see cref="LearnerState.RecentCapacity"/> pieces after a change: the old ones and the added ones
    /// merged, the newest kept; null (found again on first read) when a retraction took one of them or they are unknown.</summary>
    private static Evidence[]? Recent(Evidence[]? before, List<Evidence> added, List<Evidence> removed)
    {
        if (before is null || (removed.Count > 0 && removed.Exists(r => Array.IndexOf(before, r) >= 0)))
        {
            return null;
        }

        if (added.Count == 0)
        {
            return before;
        }

        // Merge from the newest end, keeping at most the capacity.
        var length = Math.Min(LearnerState.RecentCapacity, before.Length + added.Count);
        var recent = new Evidence[length];
        int i = before.Length - 1, j = added.Count - 1;
        for (var k = length - 1; k >= 0; k--)
        {
            recent[k] = j < 0 || (i >= 0 && Evidence.CompareFoldOrder(before[i], added[j]) > 0) ? before[i--] : added[j--];
        }

        return recent;
    }

    /// <summary>A competency's state as it was at a moment: its evidence up to then (inclusive) folded from the start;
    /// untouched when all of it comes later.</summary>
    public static CompetencyState StateAt(LearnerState state, CompetencyId competency, DateTimeOffset asOf, ActivityCatalog catalog, IMasteryModel model)
    {
        var track = EnsureTracks(state, catalog, model)[competency];
        var items = track.Items;
        var count = track.CountAtOrBefore(asOf);
        var folded = default(CompetencyState);
        for (var i = 0; i < count; i++)
        {
            folded = Step(model, folded, competency, items[i], catalog);
        }

        return folded;
    }

    /// <summary>A competency's evidence folded from the start, in the order given (fold order).</summary>
    public static CompetencyState FoldAll(IMasteryModel model, CompetencyId competency, ReadOnlySpan<Evidence> items, ActivityCatalog catalog)
    {
        var folded = default(CompetencyState);
        foreach (var evidence in items)
        {
            folded = Step(model, folded, competency, evidence, catalog);
        }

        return folded;
    }

    /// <summary>One observation folded into one competency's state: the model's step, checked, with the count and
    /// timestamps kept. The engine and evaluation replays both fold through here.</summary>
    public static CompetencyState Apply(IMasteryModel model, in CompetencyState before, in MasteryObservation observation)
    {
        var step = model.Update(before, observation);
        if (step.Estimate is { } e && !(e >= 0 && e <= 1))
        {
            throw new InvalidOperationException($"Mastery model '{model.Name}' returned estimate {e.ToString("R", CultureInfo.InvariantCulture)} for competency '{observation.Competency}'; estimates must be in [0, 1].");
        }

        var m = step.Memory;
        if (!(double.IsFinite(m.Slot0) && double.IsFinite(m.Slot1) && double.IsFinite(m.Slot2) && double.IsFinite(m.Slot3)))
        {
            throw new InvalidOperationException($"Mastery model '{model.Name}' returned a memory that is not finite for competency '{observation.Competency}': {m}.");
        }

        var at = observation.Timestamp;
        var first = before.FirstEvidenceAt is { } f && f <= at ? f : at;
        var last = before.LastEvidenceAt is { } l && l >= at ? l : at;
        return new CompetencyState(checked(before.EvidenceCount + 1), step.Estimate, first, last, m);
    }

    /// <summary>The state's per-competency evidence, checked against this catalog: built from its evidence when the state
    /// was read from JSON (and then its stored competency states must be what the model folds from it), and, when the state
    /// was folded with another catalog instance, every activity its evidence names must be aligned as it was.</summary>
    /// <exception cref="UnknownCompetencyException">The state names a competency, or its evidence one, that the framework lacks.</exception>
    /// <exception cref="UnknownActivityException">Its evidence names an activity the catalog lacks.</exception>
    /// <exception cref="ArgumentException">The state does not fit this catalog and model otherwise; it must be rebuilt.</exception>
    public static ImmutableSortedDictionary<CompetencyId, EvidenceTrack> EnsureTracks(LearnerState state, ActivityCatalog catalog, IMasteryModel model)
    {
        if (state.Tracks is { } tracks)
        {
            if (state.FoldedWith is { } before && !ReferenceEquals(before, catalog))
            {
                RequireSameAlignments(state, before, catalog);
            }

            return tracks;
        }

        var lists = new Dictionary<CompetencyId, List<Evidence>>();
        foreach (var evidence in state.Evidence)
        {
            Validate(state, evidence, catalog, "state");
            foreach (var competency in Reached(evidence, catalog))
            {
                if (!lists.TryGetValue(competency, out var list))
                {
                    lists.Add(competency, list = []);
                }

                list.Add(evidence);
            }
        }

        var built = ImmutableSortedDictionary.CreateRange(lists.Select(l => KeyValuePair.Create(l.Key, EvidenceTrack.Of([.. l.Value], FoldAll(model, l.Key, CollectionsMarshal.AsSpan(l.Value), catalog)))));
        var stored = state.Competencies;

        // A stored competency the framework lacks (a document edited, or written under another framework) is named as
        // such, before the comparison, which would name whichever competency differs first.
        foreach (var competency in stored.Keys)
        {
            if (!catalog.Framework.Contains(competency))
            {
                throw new UnknownCompetencyException(competency,
                    $"Learner '{state.Learner}''s state, read from a document, names competency '{competency}', which is not in framework '{catalog.Framework.Title}'; rebuild it with this catalog: engine.Rebuild(learner, state.Evidence, state.RetractedEvidence).",
                    nameof(state));
            }
        }

        var mismatch = built.Count != stored.Count ? built.Keys.Concat(stored.Keys).FirstOrDefault(c => !built.ContainsKey(c) || !stored.ContainsKey(c)) : default;
        if (mismatch.IsEmpty)
        {
            mismatch = built.FirstOrDefault(t => t.Value.State != stored.GetValueOrDefault(t.Key)).Key;
        }

        if (!mismatch.IsEmpty)
        {
            throw new ArgumentException(
                $"Learner '{state.Learner}''s stored state of competency '{mismatch}' is not what mastery model '{model.Name}' folds from its evidence with this catalog (the document was edited, or the catalog's alignments changed since); rebuild it: engine.Rebuild(learner, state.Evidence, state.RetractedEvidence).",
                nameof(state));
        }

        state.AdoptChecked(built, catalog);
        return built;
    }

    private static string Describe(ImmutableArray<ActivityAlignment> alignments)
        => string.Join(", ", alignments.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Competency} ({a.Weight:R})")));

    private static void RequireSameAlignments(LearnerState state, ActivityCatalog before, ActivityCatalog catalog)
    {
        var checkedActivities = new HashSet<ActivityId>();
        foreach (var (_, evidence) in state.Index.Entries)
        {
            if (evidence?.Activity is not { } activity || evidence.Competency is not null || !checkedActivities.Add(activity))
            {
                continue;
            }

            var was = before.GetActivity(activity).Alignments;
            if (!catalog.TryGetActivity(activity, out var now))
            {
                throw new UnknownActivityException(activity,
                    $"Learner '{state.Learner}''s evidence on activity '{activity}' was folded with its alignments [{Describe(was)}], and activity '{activity}' is not in this engine's catalog; rebuild the state with this catalog: engine.Rebuild(learner, state.Evidence, state.RetractedEvidence), after taking out the evidence on it.",
                    nameof(state));
            }

            if (!now.Alignments.SequenceEqual(was))
            {
                throw new ArgumentException(
                    $"Learner '{state.Learner}''s evidence on activity '{activity}' was folded with its alignments [{Describe(was)}], which this engine's catalog changes to [{Describe(now.Alignments)}]; rebuild the state with this catalog: engine.Rebuild(learner, state.Evidence, state.RetractedEvidence).",
                    nameof(state));
            }
        }
    }

    private static CompetencyState Step(IMasteryModel model, in CompetencyState before, CompetencyId competency, Evidence evidence, ActivityCatalog catalog)
        => Apply(model, before, new MasteryObservation(competency, evidence.Activity, evidence.Outcome, WeightOn(evidence, competency, catalog), evidence.Kind, evidence.Timestamp));

    /// <summary>The competencies a piece of evidence counts toward: the one it names, else its activity's alignments.</summary>
    private static IEnumerable<CompetencyId> Reached(Evidence evidence, ActivityCatalog catalog)
    {
        if (evidence.Competency is { } competency)
        {
            return [competency];
        }

        return catalog.GetActivity(evidence.Activity!.Value).Alignments.Select(a => a.Competency);
    }

    private static double WeightOn(Evidence evidence, CompetencyId competency, ActivityCatalog catalog)
    {
        if (evidence.Competency is not null)
        {
            return evidence.Weight;
        }

        foreach (var alignment in catalog.GetActivity(evidence.Activity!.Value).Alignments)
        {
            if (alignment.Competency == competency)
            {
                return evidence.Weight * alignment.Weight;
            }
        }

        throw new InvalidOperationException($"Activity '{evidence.Activity}' is not aligned to competency '{competency}'; the catalog changed since evidence '{evidence.Id}' was folded: rebuild the state from its evidence with this catalog.");
    }

    /// <summary>A track's pieces without the dropped ids, merged with new pieces in fold order (neither holds an id of the other).</summary>
    private static Evidence[] Merge(EvidenceTrack before, HashSet<EvidenceId>? dropped, List<Evidence>? news)
    {
        var kept = before.Items;
        var merged = new List<Evidence>(kept.Length + (news?.Count ?? 0));
        int i = 0, j = 0, added = news?.Count ?? 0;
        while (i < kept.Length || j < added)
        {
            if (i < kept.Length && dropped is not null && dropped.Contains(kept[i].Id))
            {
                i++;
                continue;
            }

            merged.Add(j >= added || (i < kept.Length && Evidence.CompareFoldOrder(kept[i], news![j]) <= 0) ? kept[i++] : news![j++]);
        }

        return [.. merged];
    }
}
