// What a playlist must teach: the goals and their unmastered prerequisites and children (the library's one walk,
// GoalPaths: a parent is reached through its children), each with the goals it leads to and the rank of their earliest
// date. A parent without an activity of its own (of the included kinds) is reached through its children and has no
// step; any other competency on the way without one cannot be reached.

using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Sequencing;

public sealed partial class PlaylistBuilder
{
    // The required set in playlist order: sorted by the earliest target date among the goals each competency leads to,
    // then by the framework's sequence, in which children come before their parents (CompetencyFramework.SequenceRank;
    // (date, sequence) is unique per competency, so the order is total); with the goals
    // each leads to, and the set as bits. `mastered` is the learner's (a playlist read from a document passes the
    // mastery its learn steps imply: see PlaylistJsonConverter).
    private static (int[] Order, ImmutableArray<CompetencyId>[] GoalsOf, ulong[] InPlaylist) Required(PlaylistTerms terms, ReadOnlySpan<ulong> mastered)
    {
        var framework = terms.Catalog.Framework;
        var order = RequiredCompetencies(terms, mastered, out var goalsOf, out var dateRank);
        var keys = new long[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            keys[i] = ((long)dateRank[order[i]] << 32) | (uint)framework.SequenceRank(order[i]);
        }

        Array.Sort(keys, order);
        var inPlaylist = new ulong[(framework.Count + 63) >> 6];
        foreach (var competency in order)
        {
            inPlaylist[competency >> 6] |= 1UL << competency;
        }

        return (order, goalsOf, inPlaylist);
    }

    // The goals and their unmastered prerequisites and children that have steps, each with the goals it leads to (one
    // list per distinct set of goals, shared) and the rank of the earliest of their dates among the goals' dates (no date
    // ranks last). A parent without an activity of the included kinds is left out: its children, on the way too, are its steps.
    private static int[] RequiredCompetencies(PlaylistTerms terms, ReadOnlySpan<ulong> mastered, out ImmutableArray<CompetencyId>[] goalsOf, out int[] dateRank)
    {
        var framework = terms.Catalog.Framework;
        var goalList = terms.Goals;
        var masks = new ulong[framework.Count];
        var dates = new int[framework.Count];
        dateRank = dates;
        var goalTicks = new long[goalList.Length];
        for (var g = 0; g < goalTicks.Length; g++)
        {
            goalTicks[g] = goalList[g].TargetDate?.UtcTicks ?? long.MaxValue;
        }

        var sortedTicks = (long[])goalTicks.Clone();
        Array.Sort(sortedTicks);
        var required = new List<int>();
        var roots = new int[goalList.Length];
        for (var g = 0; g < roots.Length; g++)
        {
            roots[g] = framework.IndexOf(goalList[g].Competency);
        }

        foreach (var (g, node) in GoalPaths.Walk(framework, mastered, roots))
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
        var kept = 0;
        for (var at = 0; at < required.Count; at++)
        {
            var competency = required[at];
            if (ReachedThroughChildren(terms, competency))
            {
                continue;
            }

            var mask = masks[competency];
            if (!shared.TryGetValue(mask, out var goals))
            {
                goals = [.. Enumerable.Range(0, goalList.Length).Where(g => (mask & (1UL << g)) != 0).Select(g => goalList[g].Competency)];
                shared[mask] = goals;
            }

            goalsOf[competency] = goals;
            if (!HasIncludedActivity(terms, competency))
            {
                throw new ArgumentException(
                    $"Goal '{goals[0]}' cannot be reached: competency '{framework.Competencies[competency].Id}' on the way has no activity{(terms.Options.Kinds.IsEmpty ? string.Empty : " of the included kinds")}.");
            }

            required[kept++] = competency;
        }

        return [.. System.Runtime.InteropServices.CollectionsMarshal.AsSpan(required)[..kept]];
    }

    // A parent without an activity of the included kinds: it has no step, being reached through its children (whose
    // activities teach what it rolls up). Never true without a hierarchy.
    internal static bool ReachedThroughChildren(PlaylistTerms terms, int competency) =>
        !terms.Catalog.Framework.ChildIndices(competency).IsEmpty && !HasIncludedActivity(terms, competency);

    private static bool HasIncludedActivity(PlaylistTerms terms, int competency) =>
        AnyActivity(terms.Catalog, competency, new IncludedKind(terms.Options));

    // Whether any activity aligned to the competency passes the test: the one loop behind "has an activity of the
    // included kinds" (here) and "has a remediation activity" (PlaylistBuilder.Remediation.cs). The test is a struct, so
    // that each use is its own specialized, inlined loop, with nothing allocated.
    private static bool AnyActivity<TTest>(ActivityCatalog catalog, int competency, TTest test)
        where TTest : struct, IActivityTest
    {
        foreach (var a in catalog.ActivityIndicesFor(competency))
        {
            if (test.Passes(catalog.Activities[a]))
            {
                return true;
            }
        }

        return false;
    }

    private interface IActivityTest
    {
        bool Passes(LearningActivity activity);
    }

    private readonly struct IncludedKind(PlaylistOptions options) : IActivityTest
    {
        public bool Passes(LearningActivity activity) => options.Includes(activity.Kind);
    }
}
