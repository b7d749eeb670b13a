using System.Globalization;

namespace PersonalizedLearning.Scheduling;

/// <summary>
/// One period of the school week: a day, a start time and a length in minutes. Teachers, rooms and learners say which
/// slots of the week they are free in; a session takes one whole slot.
/// </summary>
/// <remarks>
/// <para>A valid slot lasts 1 to 1,440 minutes and ends by midnight of its day. The default value (Sunday 00:00, 0
/// minutes) is not a valid slot: it stands for "no slot" and a <see cref="WeekPlanRequest"/> rejects it.</para>
/// <para>Slots order by day (Monday first, as ISO 8601 weeks do, Sunday last), then start, then length.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public readonly record struct TimeSlot : IComparable<TimeSlot>
{
    /// <summary>Creates a slot.</summary>
    /// <param name="day">The day of the week.</param>
    /// <param name="start">The local time the slot starts.</param>
    /// <param name="lengthMinutes">How long it lasts, in minutes; in [1, 1440], and the slot must end by midnight.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="day"/> is not a defined day, or
    /// <paramref name="lengthMinutes"/> is out of range or runs past midnight.</exception>
    public TimeSlot(DayOfWeek day, TimeOnly start, int lengthMinutes)
    {
        if (!Enum.IsDefined(day))
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "The day must be a defined DayOfWeek.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(lengthMinutes, 1);
        var end = (start.Ticks / TimeSpan.TicksPerMinute) + lengthMinutes;
        if (end > 24 * 60)
        {
            throw new ArgumentOutOfRangeException(nameof(lengthMinutes), lengthMinutes,
                $"A slot must end by midnight of its day; starting at {start.ToString("HH:mm", CultureInfo.InvariantCulture)} it can last at most {(24 * 60) - (start.Ticks / TimeSpan.TicksPerMinute)} minutes.");
        }

        Day = day;
        Start = start;
        LengthMinutes = lengthMinutes;
    }

    /// <summary>The day of the week.</summary>
    /// <value>As given; <see cref="DayOfWeek.Sunday"/> for the default slot.</value>
    public DayOfWeek Day { get; }

    /// <summary>The local time the slot starts.</summary>
    /// <value>As given; midnight for the default slot.</value>
    public TimeOnly Start { get; }

    /// <summary>How long the slot lasts, in minutes.</summary>
    /// <value>In [1, 1440]; 0 only for the default slot.</value>
    public int LengthMinutes { get; }

    /// <summary>Whether this is the default value, which stands for "no slot".</summary>
    /// <value>True only for <c>default(TimeSlot)</c>.</value>
    public bool IsEmpty => LengthMinutes == 0;

    /// <summary>The moment the slot ends, in minutes from the start of its day.</summary>
    internal int StartMinute => (int)(Start.Ticks / TimeSpan.TicksPerMinute);

    private int DayRank => Day == DayOfWeek.Sunday ? 7 : (int)Day;

    /// <summary>Whether <paramref name="left"/> sorts before <paramref name="right"/>.</summary>
    /// <param name="left">The first slot.</param>
    /// <param name="right">The second slot.</param>
    /// <returns>True when <paramref name="left"/> comes first in the week.</returns>
    public static bool operator <(TimeSlot left, TimeSlot right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> sorts before or with <paramref name="right"/>.</summary>
    /// <param name="left">The first slot.</param>
    /// <param name="right">The second slot.</param>
    /// <returns>True unless <paramref name="left"/> comes later.</returns>
    public static bool operator <=(TimeSlot left, TimeSlot right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> sorts after <paramref name="right"/>.</summary>
    /// <param name="left">The first slot.</param>
    /// <param name="right">The second slot.</param>
    /// <returns>True when <paramref name="left"/> comes later in the week.</returns>
    public static bool operator >(TimeSlot left, TimeSlot right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> sorts after or with <paramref name="right"/>.</summary>
    /// <param name="left">The first slot.</param>
    /// <param name="right">The second slot.</param>
    /// <returns>True unless <paramref name="left"/> comes first.</returns>
    public static bool operator >=(TimeSlot left, TimeSlot right) => left.CompareTo(right) >= 0;

    /// <summary>Whether two slots share any minute (same day, intervals intersect).</summary>
    /// <param name="other">The other slot.</param>
    /// <returns>True when they overlap; a slot overlaps itself.</returns>
    public bool Overlaps(TimeSlot other) =>
        Day == other.Day && StartMinute < other.StartMinute + other.LengthMinutes && other.StartMinute < StartMinute + LengthMinutes;

    /// <summary>Orders by day (Monday first, Sunday last), then start, then length.</summary>
    /// <param name="other">The slot to compare with.</param>
    /// <returns>Negative, zero or positive.</returns>
    public int CompareTo(TimeSlot other) =>
        DayRank != other.DayRank ? DayRank.CompareTo(other.DayRank)
        : Start != other.Start ? Start.CompareTo(other.Start)
        : LengthMinutes.CompareTo(other.LengthMinutes);

    /// <summary>The slot as culture-invariant text, such as <c>Monday 09:00 (50 min)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        IsEmpty ? "(no slot)" : string.Create(CultureInfo.InvariantCulture, $"{Day} {Start:HH\\:mm} ({LengthMinutes} min)");
}
