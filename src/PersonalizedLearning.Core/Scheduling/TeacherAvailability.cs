using System.Collections.Immutable;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Scheduling;

/// <summary>A teacher as a week plan sees them: when they are free, what they can teach, and how many sessions they take.</summary>
/// <param name="Id">The teacher.</param>
/// <param name="Slots">The slots of the week they are free to lead a session in; each a slot of the request's week, once.</param>
/// <param name="Teaches">What they can teach: competencies of the request's framework. A teacher who teaches a competency
/// teaches every competency under it in the framework's hierarchy (a strand, a subject), so a subject teacher names its
/// root. Empty for a teacher who only mentors.</param>
/// <param name="MaximumSessions">The most sessions (workshops and one-to-ones together) they lead in the week; null for no
/// limit beyond their free slots; 0 for a teacher who leads none this week.</param>
/// <remarks>Validated by <see cref="WeekPlanRequest"/>, which reports every problem at once. Equality is by value.
/// Immutable and thread-safe.</remarks>
public sealed record TeacherAvailability(TeacherId Id, ImmutableArray<TimeSlot> Slots, ImmutableArray<CompetencyId> Teaches, int? MaximumSessions = null)
{
    /// <summary>The slots.</summary>
    /// <value>As given; empty (never default) when given the default array.</value>
    public ImmutableArray<TimeSlot> Slots { get; init; } = Slots.OrEmpty();

    /// <summary>What they can teach.</summary>
    /// <value>As given; empty (never default) when given the default array.</value>
    public ImmutableArray<CompetencyId> Teaches { get; init; } = Teaches.OrEmpty();

    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <inheritdoc />
    public bool Equals(TeacherAvailability? other) => other is not null && Id == other.Id && MaximumSessions == other.MaximumSessions
        && SequenceEquality.Equal(Slots, other.Slots) && SequenceEquality.Equal(Teaches, other.Teaches);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, MaximumSessions, SequenceEquality.Hash(Slots), SequenceEquality.Hash(Teaches));
}
