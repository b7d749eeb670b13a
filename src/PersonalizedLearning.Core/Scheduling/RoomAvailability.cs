using System.Collections.Immutable;

namespace PersonalizedLearning.Scheduling;

/// <summary>A room or a station as a week plan sees it: how many learners it seats, what it hosts, and when it is free.</summary>
/// <param name="Id">The room.</param>
/// <param name="Capacity">The most learners in it in one slot, whatever it is used for; at least 1. A workshop in it has at
/// most this many learners; it hosts at most this many one-to-ones at once (one station each); independent time seats at
/// most this many.</param>
/// <param name="Hosts">The kinds of use it allows; at least one, each once. In one slot a room has one use.</param>
/// <param name="Slots">The slots of the week it is free in; each a slot of the request's week, once.</param>
/// <remarks>Validated by <see cref="WeekPlanRequest"/>, which reports every problem at once. Equality is by value.
/// Immutable and thread-safe.</remarks>
public sealed record RoomAvailability(RoomId Id, int Capacity, ImmutableArray<SessionKind> Hosts, ImmutableArray<TimeSlot> Slots)
{
    /// <summary>The kinds of use it allows.</summary>
    /// <value>As given; empty (never default) when given the default array.</value>
    public ImmutableArray<SessionKind> Hosts { get; init; } = Hosts.OrEmpty();

    /// <summary>The slots.</summary>
    /// <value>As given; empty (never default) when given the default array.</value>
    public ImmutableArray<TimeSlot> Slots { get; init; } = Slots.OrEmpty();

    /// <summary>Whether the room allows a kind of use.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>True when <see cref="Hosts"/> holds it.</returns>
    public bool CanHost(SessionKind kind) => Hosts.Contains(kind);

    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <inheritdoc />
    public bool Equals(RoomAvailability? other) => other is not null && Id == other.Id && Capacity == other.Capacity
        && SequenceEquality.Equal(Hosts, other.Hosts) && SequenceEquality.Equal(Slots, other.Slots);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Capacity, SequenceEquality.Hash(Hosts), SequenceEquality.Hash(Slots));
}
