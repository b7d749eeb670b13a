using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Mastery;

// The library's one "goals plus their unmastered prerequisites": for each goal in the order given, the goal if it is
// unmastered and, transitively, every unmastered prerequisite and every unmastered child of a competency on its way. A
// parent is reached through its children (its mastery is rolled up from them, and it often has no activity of its
// own), so a competency with children contributes them as it contributes its prerequisites: a child already mastered
// is not needed, and a child's own prerequisites and children are walked in turn. Every child is walked, not only those
// a parent rule (Hierarchy.ParentRule: points, criteria) would need: the walk has no rollup rules to read (the
// recommender and the playlist builder take none), and all children are what the default rule, all children
// proficient, needs. A mastered competency ends the walk (what it needs is known already), so a mastered goal has an
// empty way. What a playlist to the goals must teach (PlaylistBuilder's required set), what the recommender marks as on
// the way to a goal, and a learner's path in CatalogCoverage are all this walk.
internal static class GoalPaths
{
    /// <summary>The competencies on the way to each goal (unmastered prerequisites and children, transitively), as (goal
    /// slot, competency index) pairs in visit order: per goal, depth first from the goal, each competency once per goal (it
    /// may appear again under a later goal).</summary>
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
        // the first framework.Count are read, each set to −1 first.
        var visitedFor = System.Buffers.ArrayPool<int>.Shared.Rent(framework.Count);
        var stack = new int[32];
        visitedFor.AsSpan(0, framework.Count).Fill(-1);
        var result = new List<(int Goal, int Competency)>();
        try
        {
            for (var g = 0; g < goals.Length; g++)
            {
                var marks = new PerGoal(visitedFor, result, g);
                WalkFrom(framework, mastered, goals[g], ref marks, ref stack);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(visitedFor);
        }

        return result;
    }

    /// <summary>Whatever the learner's mastery, the competencies that can be on the way to the goals: the goals and,
    /// transitively, their prerequisites and children (the walk with nothing mastered). What a plan's milestone may name,
    /// and what the simulation's baseline policies take as the goals' path.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="goals">The goals' competency ids, each in the framework.</param>
    /// <returns>Per framework index, whether it can be on the way.</returns>
    public static bool[] AnyWay(CompetencyFramework framework, IEnumerable<CompetencyId> goals)
    {
        var roots = goals.Select(framework.IndexOf).ToArray();
        var marks = new bool[framework.Count];
        foreach (var (_, competency) in Walk(framework, new ulong[(framework.Count + 63) >> 6], roots))
        {
            marks[competency] = true;
        }

        return marks;
    }

    /// <summary>One goal's way, depth first from the goal: the goal unless it is mastered and, transitively, every unmastered
    /// prerequisite and then every unmastered child of a competency on the way (a parent is reached through its children),
    /// each offered to <paramref name="marks"/> once it is reached; a competency
    /// the marks refuse (already on this way, or on an earlier goal's) is not walked again. This is the walk itself; the
    /// recommender calls it with marks on its per-thread scratch, so that a recommendation allocates nothing for it.</summary>
    /// <param name="framework">The framework.</param>
    /// <param name="mastered">The mastered competencies' indices, as bits.</param>
    /// <param name="goal">The goal's competency index.</param>
    /// <param name="marks">What a competency reached is marked with.</param>
    /// <param name="stack">Scratch for the walk, grown (replaced by an array twice as long) when full; its contents are not read.</param>
    public static void WalkFrom<TMarks>(CompetencyFramework framework, ReadOnlySpan<ulong> mastered, int goal, ref TMarks marks, ref int[] stack)
        where TMarks : struct, IGoalPathMarks
    {
        if (CompetencyFramework.IsSet(mastered, goal) || !marks.TryMark(goal))
        {
            return;
        }

        var count = 0;
        Push(ref stack, ref count, goal);
        while (count > 0)
        {
            var node = stack[--count];
            foreach (var prerequisite in framework.PrerequisiteIndices(node))
            {
                if (!CompetencyFramework.IsSet(mastered, prerequisite) && marks.TryMark(prerequisite))
                {
                    Push(ref stack, ref count, prerequisite);
                }
            }

            // Empty for a framework without a hierarchy: nothing more to read or allocate there.
            foreach (var child in framework.ChildIndices(node))
            {
                if (!CompetencyFramework.IsSet(mastered, child) && marks.TryMark(child))
                {
                    Push(ref stack, ref count, child);
                }
            }
        }
    }

    private static void Push(ref int[] stack, ref int count, int value)
    {
        if (count == stack.Length)
        {
            Array.Resize(ref stack, stack.Length * 2);
        }

        stack[count++] = value;
    }

    // Walk's marks: a competency is on a goal's way once per goal (visitedFor holds the last goal slot that reached it).
    private readonly struct PerGoal(int[] visitedFor, List<(int Goal, int Competency)> result, int goal) : IGoalPathMarks
    {
        public bool TryMark(int competency)
        {
            if (visitedFor[competency] == goal)
            {
                return false;
            }

            visitedFor[competency] = goal;
            result.Add((goal, competency));
            return true;
        }
    }
}

/// <summary>What <see cref="GoalPaths.WalkFrom"/> does with a competency it reaches on a goal's way.</summary>
internal interface IGoalPathMarks
{
    /// <summary>Marks a competency reached on the way; false when it is marked already (then it is not walked again).</summary>
    bool TryMark(int competency);
}
