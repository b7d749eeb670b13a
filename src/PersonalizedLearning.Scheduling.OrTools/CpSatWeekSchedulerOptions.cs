namespace PersonalizedLearning.Scheduling.OrTools;

/// <summary>How <see cref="CpSatWeekScheduler"/> runs OR-Tools' CP-SAT solver.</summary>
/// <remarks>
/// <para>Validated together when a scheduler is constructed; the scheduler keeps a copy, so changing an instance
/// afterwards changes no scheduler.</para>
/// <para>Not thread-safe while being set; read-only use from many threads is safe.</para>
/// </remarks>
public sealed class CpSatWeekSchedulerOptions
{
    /// <summary>The most wall-clock time a plan may take; CP-SAT's <c>max_time_in_seconds</c>, shared among the solves a
    /// plan takes (days, tiers). When it runs out the plan is the best found so far (<see cref="WeekPlanStatus.Feasible"/>),
    /// and which plan that is depends on the speed of the machine and its load: a safety net, with
    /// <see cref="DeterministicTimeLimit"/> the limit meant to end the search.</summary>
    /// <value>Positive and at most one hour; 60 seconds by default, several times what the default
    /// <see cref="DeterministicTimeLimit"/> takes for 600 learners on a loaded 2-core machine.</value>
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The most work a plan may take, in CP-SAT's deterministic seconds (<c>max_deterministic_time</c>): a count
    /// of the solver's basic operations, scaled to be roughly a second each on a typical machine, that does not depend on
    /// the machine or its load. Shared among the solves a plan takes (days, tiers) by the work each actually used. When
    /// the search ends on this limit (and not on <see cref="TimeLimit"/>), one worker and the same
    /// <see cref="RandomSeed"/> give the same plan for the same request on every run and machine, whatever the load (for
    /// the same OR-Tools version).</summary>
    /// <value>Null (no work limit; only <see cref="TimeLimit"/>) or in (0, 3600]; 10 by default, which for 600 learners
    /// and 30 teachers took 10 to 30 s of wall-clock time on the shared 2-core development machine (see the README).</value>
    public double? DeterministicTimeLimit { get; set; } = 10;

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
    /// <value>Null by default: by day when the week holds more than 2,000 learner-slots (the sum of the learners'
    /// slots: a 100-learner school with 20 slots each is planned as one model, a 600-learner one by day); true: always by
    /// day; false: the week as one model (then <see cref="WeekPlanStatus.Optimal"/> means optimal for the week, and no
    /// stuck learner's need on a later day loses to a lower need on an earlier one).</value>
    public bool? DecomposeByDay { get; set; }

    /// <summary>A copy of these options.</summary>
    internal CpSatWeekSchedulerOptions Clone() => new() { TimeLimit = TimeLimit, DeterministicTimeLimit = DeterministicTimeLimit, Workers = Workers, RandomSeed = RandomSeed, DecomposeByDay = DecomposeByDay };

    /// <summary>Every option by name, culture-invariant.</summary>
    /// <returns>For example <c>CpSatWeekSchedulerOptions { TimeLimit = 00:01:00, DeterministicTimeLimit = 10, Workers = 1, RandomSeed = 0, DecomposeByDay = null }</c>.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"CpSatWeekSchedulerOptions {{ TimeLimit = {TimeLimit}, DeterministicTimeLimit = {(DeterministicTimeLimit is { } d ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "null")}, Workers = {Workers}, RandomSeed = {RandomSeed}, DecomposeByDay = {(DecomposeByDay is { } b ? (b ? "true" : "false") : "null")} }}");
}
