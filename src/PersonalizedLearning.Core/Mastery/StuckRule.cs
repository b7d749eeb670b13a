namespace PersonalizedLearning.Mastery;

// The library's one stuck-learner rule (wheel-spinning, Beck and Gong 2013): a touched competency that is not mastered
// after at least a number of pieces of evidence (DefaultAttempts, 10, unless configured). The recommender's
// NextStepResult.Stuck, ClassOverview.Stuck and ScheduleNeeds all list what Positions gives, in the framework's
// topological order, so the competency a learner is first stuck on is the same one everywhere (before, the recommender
// listed them in declaration order and the class overview in topological order). The recommender's wheel-spinning
// detour narrows it further (still below Familiar: stuck without progress); that is a use of the rule, not another rule.
internal static class StuckRule
{
    /// <summary>The attempts that flag a competency when none are given (Beck and Gong 2013 use 10).</summary>
    public const int DefaultAttempts = 10;

    /// <summary>Whether the touched competency at a position is stuck.</summary>
    public static bool IsStuckAt(MasterySnapshot mastery, int position, int attempts) => mastery.IsStuckAt(position, attempts);

    /// <summary>The positions (among the snapshot's touched competencies) of every stuck competency, in the framework's
    /// topological order; empty without allocating when none can be.</summary>
    public static int[] Positions(MasterySnapshot mastery, int attempts)
    {
        if (mastery.MaximumUnmasteredEvidence < attempts)
        {
            return [];
        }

        var touched = mastery.TouchedIndices;
        var count = 0;
        for (var k = 0; k < touched.Length; k++)
        {
            if (mastery.IsStuckAt(k, attempts))
            {
                count++;
            }
        }

        if (count == 0)
        {
            return [];
        }

        var positions = new int[count];
        var ranks = new int[count];
        count = 0;
        for (var k = 0; k < touched.Length; k++)
        {
            if (mastery.IsStuckAt(k, attempts))
            {
                ranks[count] = mastery.Framework.TopologicalRank(touched[k]);
                positions[count++] = k;
            }
        }

        Array.Sort(ranks, positions);
        return positions;
    }
}
