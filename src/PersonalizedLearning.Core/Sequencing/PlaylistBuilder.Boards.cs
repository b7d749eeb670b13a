// Learn steps: a competency's choice board (activities by alignment weight, minutes and id, new kinds and modalities
// first) and its checkpoint, and the steps it depends on.

using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Sequencing;

public sealed partial class PlaylistBuilder
{
    private static PlaylistStep LearnStep(PlaylistTerms terms, int competency, ulong[] inPlaylist, HashSet<LearningActivity> projects, ImmutableArray<CompetencyId> goals)
    {
        var catalog = terms.Catalog;
        var framework = catalog.Framework;
        var id = framework.Competencies[competency].Id;
        var options = terms.Options;
        var indices = catalog.ActivityIndicesFor(competency);
        var candidates = new Ranked[indices.Length];
        var candidateCount = 0;
        Ranked? checkpoint = null;
        foreach (var a in indices)
        {
            var activity = catalog.Activities[a];
            if (!options.Includes(activity.Kind) || (projects.Count > 0 && projects.Contains(activity)))
            {
                continue;
            }

            var ranked = new Ranked(activity, activity.AlignmentWeight(id));
            if (activity.Kind != ActivityKind.Assessment)
            {
                Insert(candidates, ref candidateCount, ranked);
            }
            else if (checkpoint is not { } best || ranked.IsBetterCheckpointThan(best))
            {
                checkpoint = ranked;
            }
        }

        if (candidateCount == 0 && checkpoint is { } only)
        {
            candidates[candidateCount++] = only; // an assessment alone is both the work and the proof
        }

        if (candidateCount == 0)
        {
            // Only integrating projects teach it: they stay on its board too, so that no step is empty.
            foreach (var a in indices)
            {
                if (projects.Contains(catalog.Activities[a]))
                {
                    Insert(candidates, ref candidateCount, new Ranked(catalog.Activities[a], catalog.Activities[a].AlignmentWeight(id)));
                }
            }
        }

        var choices = ChoiceBoard(candidates.AsSpan(0, candidateCount), options.EffectiveChoicesPerStep);
        var check = checkpoint?.Activity;
        return new PlaylistStep(PlaylistStepKind.Learn, id, choices, check, PlaylistStep.Estimate(choices, check) * terms.TimeFactor,
            DependsOn(framework, competency, inPlaylist), goals, null, options.Agency == AgencyLevel.SelfDirected);
    }

    // The competency's prerequisites that are in the playlist, in the framework's order.
    private static ImmutableArray<CompetencyId> DependsOn(CompetencyFramework framework, int competency, ulong[] inPlaylist)
    {
        var prerequisites = framework.PrerequisiteIndices(competency);
        var count = 0;
        foreach (var p in prerequisites)
        {
            count += CompetencyFramework.IsSet(inPlaylist, p) ? 1 : 0;
        }

        if (count == 0)
        {
            return [];
        }

        var ids = new CompetencyId[count];
        count = 0;
        foreach (var p in prerequisites)
        {
            if (CompetencyFramework.IsSet(inPlaylist, p))
            {
                ids[count++] = framework.Competencies[p].Id;
            }
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(ids);
    }

    // An activity with its alignment weight to the step's competency, ordered by preference: weight (higher first),
    // then minutes (shorter first), then id (ordinal).
    private readonly record struct Ranked(LearningActivity Activity, double Weight)
    {
        public bool IsBefore(in Ranked other) =>
            Weight != other.Weight ? Weight > other.Weight
            : Activity.EstimatedMinutes != other.Activity.EstimatedMinutes ? Activity.EstimatedMinutes < other.Activity.EstimatedMinutes
            : string.CompareOrdinal(Activity.Id.Value, other.Activity.Id.Value) < 0;

        // A checkpoint aligned to the competency alone wins; then preference.
        public bool IsBetterCheckpointThan(in Ranked other) =>
            (Activity.Alignments.Length == 1) != (other.Activity.Alignments.Length == 1) ? Activity.Alignments.Length == 1 : IsBefore(other);
    }

    // Insertion into a short sorted array (a competency has a handful of activities).
    private static void Insert(Ranked[] sorted, ref int count, Ranked item)
    {
        var at = count++;
        while (at > 0 && item.IsBefore(sorted[at - 1]))
        {
            sorted[at] = sorted[at - 1];
            at--;
        }

        sorted[at] = item;
    }

    // Picks up to `count` activities in preference order: first those whose kind and modality are both new to the
    // board, then those with one new, then the rest.
    private static ImmutableArray<LearningActivity> ChoiceBoard(ReadOnlySpan<Ranked> ordered, int count)
    {
        var board = new LearningActivity[Math.Min(count, ordered.Length)];
        var filled = 0;
        Span<bool> taken = ordered.Length <= 64 ? stackalloc bool[ordered.Length] : new bool[ordered.Length];
        for (var pass = 2; pass >= 0 && filled < board.Length; pass--)
        {
            for (var i = 0; i < ordered.Length && filled < board.Length; i++)
            {
                if (taken[i])
                {
                    continue;
                }

                var activity = ordered[i].Activity;
                var newKind = true;
                var newModality = true;
                for (var b = 0; b < filled; b++)
                {
                    newKind &= board[b].Kind != activity.Kind;
                    newModality &= board[b].Modality != activity.Modality;
                }

                if ((newKind ? 1 : 0) + (newModality ? 1 : 0) >= pass)
                {
                    board[filled++] = activity;
                    taken[i] = true;
                }
            }
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(board); // pass 0 takes anything, so the board is full
    }
}
