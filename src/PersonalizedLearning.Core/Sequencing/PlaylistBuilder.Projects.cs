// Integrating projects: a project aligned to two or more playlist competencies becomes its own step after the last of
// them.

using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Sequencing;

public sealed partial class PlaylistBuilder
{
    private static (Dictionary<int, List<LearningActivity>> After, HashSet<LearningActivity> Covered) PlaceProjects(PlaylistTerms terms, ReadOnlySpan<ulong> mastered, int[] order, ulong[] inPlaylist)
    {
        var catalog = terms.Catalog;
        Dictionary<int, int>? position = null; // built at the first project
        var after = new Dictionary<int, List<LearningActivity>>();
        var covered = new HashSet<LearningActivity>();
        if (!terms.Options.Includes(ActivityKind.Project))
        {
            return (after, covered);
        }

        var seen = new HashSet<int>();
        foreach (var competency in order)
        {
            foreach (var a in catalog.ActivityIndicesFor(competency))
            {
                var activity = catalog.Activities[a];
                if (activity.Kind != ActivityKind.Project || !seen.Add(a))
                {
                    continue;
                }

                if (position is null)
                {
                    position = new Dictionary<int, int>(order.Length);
                    for (var i = 0; i < order.Length; i++)
                    {
                        position[order[i]] = i;
                    }
                }

                var aligned = catalog.AlignedIndicesOf(a);
                var inside = 0;
                var last = -1;
                var placeable = true;
                foreach (var c in aligned)
                {
                    if (CompetencyFramework.IsSet(inPlaylist, c))
                    {
                        inside++;
                        last = Math.Max(last, position[c]);
                    }
                    else if (!CompetencyFramework.IsSet(mastered, c))
                    {
                        placeable = false;
                    }
                }

                if (inside >= 2 && placeable)
                {
                    (after.TryGetValue(order[last], out var list) ? list : after[order[last]] = []).Add(activity);
                    covered.Add(activity);
                }
            }
        }

        foreach (var list in after.Values)
        {
            list.Sort((x, y) => string.CompareOrdinal(x.Id.Value, y.Id.Value));
        }

        return (after, covered);
    }

    private static PlaylistStep ProjectStep(PlaylistTerms terms, LearningActivity project, ulong[] inPlaylist, ImmutableArray<CompetencyId> goals)
    {
        var framework = terms.Catalog.Framework;
        var integrated = project.Alignments.Select(a => a.Competency).Where(c => CompetencyFramework.IsSet(inPlaylist, framework.IndexOf(c))).ToImmutableArray();
        return new PlaylistStep(PlaylistStepKind.Project, integrated[0], [project], null, project.EstimatedMinutes * terms.TimeFactor,
            integrated, goals, null, terms.Options.Agency == AgencyLevel.SelfDirected);
    }
}
