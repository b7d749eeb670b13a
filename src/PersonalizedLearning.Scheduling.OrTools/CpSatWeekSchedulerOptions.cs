namespace PersonalizedLearning.Scheduling.OrTools;

/// <summary>How <see cref="CpSatWeekScheduler"/> runs OR-Tools' CP-SAT solver.</summary>
/// <remarks>
/// <para>Validated together when a scheduler is constructed; the scheduler keeps a copy, so changing an instance
/// afterwards changes no scheduler.</para>
/// <para>Not thread-safe while being set; read-only use from many threads is safe.</para>
/// </remarks>
public sealed class CpSatWeekSchedulerOptions
{
    /// <summary>The most wall-clock time a plan may take; CP-SAT's <c>max_time_in_seconds</c>. When it runs out the plan is
    /// the best found so far (<see cref="WeekPlanStatus.Feasible"/>).</summary>
    /// <value>Positive and at most one hour; 10 seconds by default.</value>
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many search workers CP-SAT runs in parallel; CP-SAT's <c>num_workers</c>. CP-SAT is strongest with 8 or
    /// more (its portfolio of strategies and large-neighbourhood search); 1 makes the search deterministic.</summary>
    /// <value>In [1, 64]; 1 by default, so the same request gives the same plan on every run and machine when the solve
    /// ends before <see cref="TimeLimit"/>.</value>
    public int Workers { get; set; } = 1;

    /// <summary>CP-SAT's <c>random_seed</c>.</summary>
    /// <value>At least 0; 0 by default.</value>
    public int RandomSeed { get; set; }

    /// <summary>Whether to plan the week one day at a time, in the week's order, each day's model given what the days
    /// before left of every need and every teacher's weekly maximum (a rolling-horizon decomposition). A whole week of a
    /// large school (600 learners, 30 teachers, 30 slots) is a model CP-SAT does not solve in seconds; each of its days is.
    /// The price: a day cannot leave a slot free for a need only a later day could serve, so the plan is optimal for each
    /// day given the days before, not for the week, and its status is at best <see cref="WeekPlanStatus.Feasible"/>; its
    /// objective value and bound are the sums of the days' (each day's bound given the days before it). Each day gets an
    /// even share of the time limit that is left.</summary>
    /// <value>True by default; false solves the week as one model (best for small schools, and then
    /// <see cref="WeekPlanStatus.Optimal"/> means optimal for the week).</value>
    public bool DecomposeByDay { get; set; } = true;

    /// <summary>A copy of these options.</summary>
    internal CpSatWeekSchedulerOptions Clone() => new() { TimeLimit = TimeLimit, Workers = Workers, RandomSeed = RandomSeed, DecomposeByDay = DecomposeByDay };
}
