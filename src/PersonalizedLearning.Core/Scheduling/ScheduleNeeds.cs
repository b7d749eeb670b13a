using System.Collections.Immutable;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Recommendations;

namespace PersonalizedLearning.Scheduling;

/// <summary>
/// Builds learners' needs for a <see cref="WeekPlanRequest"/> from what the core already knows, so a host supplies only
/// the timetable (free slots) and mentors: the next competency from a recommendation or from mastery snapshots, and the
/// stuck flag from wheel-spinning.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class ScheduleNeeds
{
    /// <summary>A learner's needs from a recommendation: the competency they are stuck on if any (the first the
    /// recommender lists), otherwise the competency of its best next step.</summary>
    /// <param name="recommendation">The learner's recommendation (<see cref="INextStepRecommender"/>).</param>
    /// <param name="slots">The slots of the learner's schedule the plan may use.</param>
    /// <param name="mentor">Their mentor for the weekly one-to-one; null for none.</param>
    /// <param name="workshopSessions">Workshop sessions wanted on the next competency; at least 0. Default 1. Fewer when
    /// the learner has fewer slots; 0 when there is no next competency.</param>
    /// <returns>The needs; <see cref="LearnerNeeds.IsStuck"/> is <see cref="NextStepResult.IsStuck"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="slots"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workshopSessions"/> is negative.</exception>
    public static LearnerNeeds FromRecommendation(NextStepResult recommendation, IEnumerable<TimeSlot> slots, TeacherId? mentor, int workshopSessions = 1)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentOutOfRangeException.ThrowIfNegative(workshopSessions);
        ImmutableArray<TimeSlot> free = [.. slots];
        CompetencyId? next = recommendation.IsStuck ? recommendation.Stuck[0].Competency
            : recommendation.TryGetBest(out var best) ? best.Competency : (CompetencyId?)null;
        return new LearnerNeeds(recommendation.Learner, free, next, recommendation.IsStuck, mentor, next is null ? 0 : Math.Min(workshopSessions, free.Length));
    }

    /// <summary>A class's needs from mastery snapshots: a learner stuck on a competency (as <see cref="ClassOverview"/>
    /// flags it) needs help on the first such competency in the framework's sequence; any other learner on the first
    /// competency of their frontier (as <see cref="SmallGroups.FormByFrontier"/> takes it).</summary>
    /// <param name="snapshots">One snapshot per learner, all over one framework.</param>
    /// <param name="slots">Each learner's free slots for the plan.</param>
    /// <param name="mentor">Each learner's mentor, or null for none.</param>
    /// <param name="workshopSessions">Workshop sessions wanted on the next competency; at least 0. Default 1. Fewer when a
    /// learner has fewer slots; 0 for a learner with nothing next.</param>
    /// <param name="wheelSpinningAttempts">Pieces of evidence without mastery that flag a learner as stuck (Beck and Gong
    /// 2013 use 10); at least 1. Default 10.</param>
    /// <returns>The needs, in the order of <paramref name="snapshots"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument or a snapshot is null.</exception>
    /// <exception cref="ArgumentException">The snapshots are over different frameworks, or a learner appears twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workshopSessions"/> is negative, or
    /// <paramref name="wheelSpinningAttempts"/> below 1.</exception>
    public static ImmutableArray<LearnerNeeds> FromSnapshots(
        IReadOnlyList<MasterySnapshot> snapshots,
        Func<LearnerId, IEnumerable<TimeSlot>> slots,
        Func<LearnerId, TeacherId?> mentor,
        int workshopSessions = 1,
        int wheelSpinningAttempts = StuckRule.DefaultAttempts)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(mentor);
        ArgumentOutOfRangeException.ThrowIfNegative(workshopSessions);
        ArgumentOutOfRangeException.ThrowIfLessThan(wheelSpinningAttempts, 1);
        if (snapshots.Count == 0)
        {
            return [];
        }

        var overview = ClassOverview.Create(snapshots, wheelSpinningAttempts);
        var stuck = new Dictionary<LearnerId, CompetencyId>();
        foreach (var flag in overview.Stuck)
        {
            stuck.TryAdd(flag.Learner, flag.Competency); // sorted by learner, then sequence: the first is the earliest
        }

        var framework = snapshots[0].Framework;
        var needs = ImmutableArray.CreateBuilder<LearnerNeeds>(snapshots.Count);
        foreach (var snapshot in snapshots)
        {
            ImmutableArray<TimeSlot> free = [.. slots(snapshot.Learner) ?? throw new ArgumentNullException(nameof(slots), $"No slots were given for learner '{snapshot.Learner}'.")];
            var isStuck = stuck.TryGetValue(snapshot.Learner, out var stuckOn);
            var frontier = snapshot.FrontierIndices;
            CompetencyId? next = isStuck ? stuckOn : frontier.IsEmpty ? null : (CompetencyId?)framework.Competencies[frontier[0]].Id;
            needs.Add(new LearnerNeeds(snapshot.Learner, free, next, isStuck, mentor(snapshot.Learner), next is null ? 0 : Math.Min(workshopSessions, free.Length)));
        }

        return needs.MoveToImmutable();
    }
}
