using System.Collections.Immutable;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Scheduling;

/// <summary>A teacher-led session of a week plan: a workshop or a one-to-one, in one slot and one room.</summary>
/// <param name="Slot">The slot.</param>
/// <param name="Room">The room (for a one-to-one, the room whose station it takes).</param>
/// <param name="Teacher">The teacher who leads it.</param>
/// <param name="Kind"><see cref="SessionKind.Workshop"/> or <see cref="SessionKind.OneToOne"/>.</param>
/// <param name="Competency">The competency a workshop teaches; null for a one-to-one.</param>
/// <param name="Learners">The learners, by id (ordinal); exactly one for a one-to-one.</param>
/// <remarks><see cref="WeekPlanChecker"/> tells whether a session keeps the request's rules. Equality is by value.
/// Immutable and thread-safe.</remarks>
public sealed record ScheduledSession(TimeSlot Slot, RoomId Room, TeacherId Teacher, SessionKind Kind, CompetencyId? Competency, ImmutableArray<LearnerId> Learners)
{
    /// <summary>The learners.</summary>
    /// <value>As given; empty (never default) when given the default array.</value>
    public ImmutableArray<LearnerId> Learners { get; init; } = Learners.OrEmpty();

    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <inheritdoc />
    public bool Equals(ScheduledSession? other) => other is not null && Slot == other.Slot && Room == other.Room && Teacher == other.Teacher
        && Kind == other.Kind && Competency == other.Competency && SequenceEquality.Equal(Learners, other.Learners);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Slot, Room, Teacher, Kind, Competency, SequenceEquality.Hash(Learners));
}

/// <summary>A learner's independent playlist time in one slot, at a seat of a room that hosts it.</summary>
/// <param name="Learner">The learner.</param>
/// <param name="Slot">The slot.</param>
/// <param name="Room">The room (a commons, a library) that hosts <see cref="SessionKind.Independent"/> time.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly record struct IndependentSeat(LearnerId Learner, TimeSlot Slot, RoomId Room);

/// <summary>A need a week plan does not serve, why, and a sentence a teacher can read.</summary>
/// <param name="Learner">The learner.</param>
/// <param name="Kind">Which need.</param>
/// <param name="Competency">For a workshop, the competency; otherwise null.</param>
/// <param name="Slot">For independent time, the slot left without a seat; otherwise null.</param>
/// <param name="Reason">Why, as a code.</param>
/// <param name="Explanation">Why, in a culture-invariant English sentence that names the learner, the need and what was
/// missing.</param>
/// <remarks>The default value names no learner and its <see cref="Explanation"/> is empty; a check never reports one. A learner who needs two workshops and gets none has two entries (one per session). Immutable and
/// thread-safe.</remarks>
public readonly record struct UnservedNeed(LearnerId Learner, NeedKind Kind, CompetencyId? Competency, TimeSlot? Slot, UnservedReason Reason, string Explanation)
{
    /// <summary>Why, in a culture-invariant English sentence that names the learner, the need and what was missing.</summary>
    /// <value>Empty for the default value (and for an explanation given as null), never null.</value>
    public string Explanation { get => field ?? string.Empty; init; } = Explanation;
}
