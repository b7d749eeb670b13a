using System.Collections.Immutable;

namespace PersonalizedLearning.Scheduling;

/// <summary>A planned week: teacher-led sessions, independent time, the needs left unserved and why, and how the
/// scheduler did.</summary>
/// <param name="Sessions">The workshops and one-to-ones, by slot, then room, then teacher.</param>
/// <param name="Independent">Each learner's independent playlist time with its seat, by learner id, then slot.</param>
/// <param name="Unserved">Every need not served, by learner id, then kind, then slot; a learner's need is here exactly
/// when the plan does not serve it (see <see cref="WeekPlanRequest.FindUnserved"/>).</param>
/// <param name="Status">How far the scheduler got.</param>
/// <param name="ObjectiveValue">The plan's score on the scheduler's own objective (higher is better); its scale is the
/// scheduler's to document.</param>
/// <param name="BestBound">The best score any plan could reach, as far as the scheduler proved; equal to
/// <paramref name="ObjectiveValue"/> when <paramref name="Status"/> is <see cref="WeekPlanStatus.Optimal"/>.</param>
/// <param name="SolveTime">The wall-clock time the scheduler spent on the plan.</param>
/// <remarks><see cref="WeekPlanChecker.Check"/> tells whether a plan keeps a request's rules. Equality is by value.
/// Immutable and thread-safe.</remarks>
public sealed record WeekPlan(
    ImmutableArray<ScheduledSession> Sessions,
    ImmutableArray<IndependentSeat> Independent,
    ImmutableArray<UnservedNeed> Unserved,
    WeekPlanStatus Status,
    double ObjectiveValue,
    double BestBound,
    TimeSpan SolveTime)
{
    /// <summary>The sessions.</summary>
    /// <value>As given; empty (never default) when given the default array.</value>
    public ImmutableArray<ScheduledSession> Sessions { get; init; } = Sessions.OrEmpty();

    /// <summary>The independent seats.</summary>
    /// <value>As given; empty (never default) when given the default array.</value>
    public ImmutableArray<IndependentSeat> Independent { get; init; } = Independent.OrEmpty();

    /// <summary>The unserved needs.</summary>
    /// <value>As given; empty (never default) when given the default array.</value>
    public ImmutableArray<UnservedNeed> Unserved { get; init; } = Unserved.OrEmpty();

    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <inheritdoc />
    public bool Equals(WeekPlan? other) => other is not null && Status == other.Status && ObjectiveValue.Equals(other.ObjectiveValue)
        && BestBound.Equals(other.BestBound) && SolveTime == other.SolveTime && SequenceEquality.Equal(Sessions, other.Sessions)
        && SequenceEquality.Equal(Independent, other.Independent) && SequenceEquality.Equal(Unserved, other.Unserved);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Status, ObjectiveValue, BestBound, SolveTime, SequenceEquality.Hash(Sessions),
        SequenceEquality.Hash(Independent), SequenceEquality.Hash(Unserved));
}

/// <summary>Plans a school week: who meets whom, where and when. The default is OR-Tools' CP-SAT solver in the
/// PersonalizedLearning.Scheduling.OrTools package; a host can write its own.</summary>
/// <remarks>
/// <para>An implementation returns a plan that <see cref="WeekPlanChecker.Check"/> finds no violation in, with
/// <see cref="WeekPlan.Unserved"/> as <see cref="WeekPlanRequest.FindUnserved"/> derives it from the sessions and seats.</para>
/// <para>Implementations state their thread safety; the default one is safe to call from many threads at once.</para>
/// </remarks>
public interface IWeekScheduler
{
    /// <summary>Plans the week.</summary>
    /// <param name="request">The week, teachers, rooms and learners' needs (already validated by its construction).</param>
    /// <param name="cancellationToken">Stops the planning.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the plan was
    /// done; no plan is returned.</exception>
    WeekPlan Plan(WeekPlanRequest request, CancellationToken cancellationToken = default);
}
