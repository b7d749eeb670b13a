namespace PersonalizedLearning.Scheduling;

/// <summary>How far the scheduler got with a <see cref="WeekPlan"/>.</summary>
/// <remarks>The default value, <see cref="Optimal"/>, is a real status.</remarks>
public enum WeekPlanStatus
{
    /// <summary>The plan is proven best by the scheduler's objective (the objective value equals the bound).</summary>
    Optimal,

    /// <summary>The plan is valid, but the scheduler stopped (at its time limit) before proving it best; the bound says how
    /// much better a plan could be at most.</summary>
    Feasible,

    /// <summary>The scheduler stopped before finding any plan better than the empty one; the plan holds only what needs no
    /// solving (every need unserved, independent seats as far as they go).</summary>
    NoSolution,
}
