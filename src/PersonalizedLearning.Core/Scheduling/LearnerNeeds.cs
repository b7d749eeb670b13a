using System.Collections.Immutable;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Scheduling;

/// <summary>What one learner needs from the week, and when they can have it.</summary>
/// <param name="Learner">The learner.</param>
/// <param name="Slots">The slots of their schedule the plan may use (not taken by classes outside the plan); each a slot of
/// the request's week, once. Every one of them not in a session is independent playlist time, which needs a seat.</param>
/// <param name="NextCompetency">The competency they need help on next (the recommender's best next step, or what they are
/// stuck on); null when they need no workshop.</param>
/// <param name="IsStuck">Whether they are stuck (wheel-spinning): their needs rank above everyone else's.</param>
/// <param name="Mentor">Their mentor, who meets them one-to-one once a week (Summit Learning's mentoring model); null for
/// no mentoring need.</param>
/// <param name="WorkshopSessions">How many workshop sessions on <paramref name="NextCompetency"/> they need this week; at
/// least 0, at most their slot count, and 0 when there is no next competency.</param>
/// <remarks>Validated by <see cref="WeekPlanRequest"/>, which reports every problem at once. <see cref="ScheduleNeeds"/>
/// builds these from mastery snapshots or recommendations. Equality is by value. Immutable and thread-safe.</remarks>
public sealed record LearnerNeeds(LearnerId Learner, ImmutableArray<TimeSlot> Slots, CompetencyId? NextCompetency, bool IsStuck, TeacherId? Mentor, int WorkshopSessions)
{
    /// <summary>The slots of their schedule.</summary>
    /// <value>As given; empty (never default) when given the default array.</value>
    public ImmutableArray<TimeSlot> Slots { get; init; } = Slots.OrEmpty();

    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <inheritdoc />
    public bool Equals(LearnerNeeds? other) => other is not null && Learner == other.Learner && NextCompetency == other.NextCompetency
        && IsStuck == other.IsStuck && Mentor == other.Mentor && WorkshopSessions == other.WorkshopSessions && SequenceEquality.Equal(Slots, other.Slots);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Learner, NextCompetency, IsStuck, Mentor, WorkshopSessions, SequenceEquality.Hash(Slots));
}
