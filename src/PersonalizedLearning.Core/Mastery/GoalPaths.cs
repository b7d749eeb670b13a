using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Mastery;

// The library's one "goals plus their unmastered prerequisites": for each goal in the order given, the goal if it is
// unmastered and, transitively, every unmastered prerequisite of a competency on its way. A mastered competency ends
// the walk (what it needs is known already), so a mastered goal has an empty way. What a playlist to the goals must
// teach (PlaylistBuilder's required set) and a learner's path in CatalogCoverage are both this walk.
internal static class GoalPaths
{
    /// <summary>The competencies on the way to each goal, as (goal slot, competency index) pairs in visit order: per goal,
    /// depth first from the goal, each competency once per goal (it may appear again under a later goal).</summary>
    /// <param name="mastery">The learner's mastery (and through it the framework).</param>
    /// <param name="goals">The goals' competency indices; a slot is a position in this span.</param>
    public static List<(int Goal, int Competency)> Walk(MasterySnapshot mastery, ReadOnlySpan<int> goals)
        => Walk(mastery.Framework, mastery.MasteredBits, goals);

    /// <summary>The same walk over a set of mastered competencies given as bits (a playlist read from a document has no
    /// snapshot, only the mastery its learn steps imply).</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="mastered">The mastered competencies' indices, as bits.</param>
    /// <param name="goals">The goals' competency indices; a slot is a position in this span.</param>
    public static List<(int Goal, int Competency)> Walk(CompetencyFramework framework, ReadOnlySpan<ulong> mastered, ReadOnlySpan<int> goals)
    {
        // The marks are rented (a build walks once per call, and the framework may have thousands of competencies); only
        // the first framework.Count entries are read, each set to −1 first.
        var rented = System.Buffers.ArrayPool<int>.Shared.Rent(framework.Count);
        var visitedFor = rented.AsSpan(0, framework.Count);
        visitedFor.Fill(-1);
        var result = new List<(int Goal, int Competency)>();
        var stack = new Stack<int>(32);
        try
        {
            WalkInto(framework, mastered, goals, visitedFor, result, stack);
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(rented);
        }

        return result;
    }

    private static void WalkInto(CompetencyFramework framework, ReadOnlySpan<ulong> mastered, ReadOnlySpan<int> goals, Span<int> visitedFor,
        List<(int Goal, int Competency)> result, Stack<int> stack)
    {
        for (var g = 0; g < goals.Length; g++)
        {
            var root = goals[g];
            if (CompetencyFramework.IsSet(mastered, root) || visitedFor[root] == g)
            {
                continue;
            }

            visitedFor[root] = g;
            result.Add((g, root));
            stack.Push(root);
            while (stack.TryPop(out var node))
            {
                foreach (var prerequisite in framework.PrerequisiteIndices(node))
                {
                    if (visitedFor[prerequisite] != g && !CompetencyFramework.IsSet(mastered, prerequisite))
                    {
                        visitedFor[prerequisite] = g;
                        result.Add((g, prerequisite));
                        stack.Push(prerequisite);
                    }
                }
            }
        }
    }
}
