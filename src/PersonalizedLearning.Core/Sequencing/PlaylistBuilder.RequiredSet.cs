// What a playlist must teach: the goals and their unmastered prerequisites (the library's one walk, GoalPaths), each
// with the goals it leads to and the rank of their earliest date.

using System.Collections.Immutable;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Sequencing;

public sealed partial class PlaylistBuilder
{
    // The goals and their unmastered prerequisites, each with the goals it leads to (one list per distinct set of goals,
    // shared) and the rank of the earliest of their dates among the goals' dates (no date ranks last).
    private static int[] RequiredCompetencies(PlaylistRequest request, out ImmutableArray<CompetencyId>[] goalsOf, out int[] dateRank)
    {
        var framework = request.Catalog.Framework;
        var mastery = request.Mastery;
        var masks = new ulong[framework.Count];
        var dates = new int[framework.Count];
        dateRank = dates;
        var goalTicks = new long[request.Goals.Length];
        for (var g = 0; g < goalTicks.Length; g++)
        {
            goalTicks[g] = request.Goals[g].TargetDate?.UtcTicks ?? long.MaxValue;
        }

        var sortedTicks = (long[])goalTicks.Clone();
        Array.Sort(sortedTicks);
        var required = new List<int>();
        var roots = new int[request.Goals.Length];
        for (var g = 0; g < roots.Length; g++)
        {
            roots[g] = framework.IndexOf(request.Goals[g].Competency);
        }

        foreach (var (g, node) in GoalPaths.Walk(mastery, roots))
        {
            var date = Array.BinarySearch(sortedTicks, goalTicks[g]);
            if (masks[node] == 0)
            {
                required.Add(node);
                dates[node] = date;
            }
            else
            {
                dates[node] = Math.Min(dates[node], date);
            }

            masks[node] |= 1UL << g;
        }

        goalsOf = new ImmutableArray<CompetencyId>[framework.Count];
        var shared = new Dictionary<ulong, ImmutableArray<CompetencyId>>();
        foreach (var competency in required)
        {
            var mask = masks[competency];
            if (!shared.TryGetValue(mask, out var goals))
            {
                goals = [.. Enumerable.Range(0, request.Goals.Length).Where(g => (mask & (1UL << g)) != 0).Select(g => request.Goals[g].Competency)];
                shared[mask] = goals;
            }

            goalsOf[competency] = goals;
            if (!HasIncludedActivity(request, competency))
            {
                throw new ArgumentException(
                    $"Goal '{goals[0]}' cannot be reached: competency '{framework.Competencies[competency].Id}' on the way has no activity{(request.Options.Kinds.IsEmpty ? string.Empty : " of the included kinds")}.",
                    nameof(request));
            }
        }

        return [.. required];
    }

    private static bool HasIncludedActivity(PlaylistRequest request, int competency)
    {
        foreach (var a in request.Catalog.ActivityIndicesFor(competency))
        {
            if (request.Options.Includes(request.Catalog.Activities[a].Kind))
            {
                return true;
            }
        }

        return false;
    }
}
