using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Planning;

namespace PersonalizedLearning.Pictures;

/// <summary>How much of a plan's scope was mastered at one moment.</summary>
/// <param name="At">The moment.</param>
/// <param name="Mastered">How many competencies of the scope were mastered then; not negative.</param>
/// <remarks>The default value is no competency mastered at <see cref="DateTimeOffset.MinValue"/>. Immutable and
/// thread-safe.</remarks>
public readonly record struct BurnUpPoint(DateTimeOffset At, int Mastered)
{
    /// <summary>The moment (ISO 8601) and the count, culture-invariant, so that a log reads the same on every server.</summary>
    /// <returns>For example <c>BurnUpPoint { At = 2026-09-07T09:00:00.0000000+00:00, Mastered = 3 }</c>.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"BurnUpPoint {{ At = {At:O}, Mastered = {Mastered} }}");
}

/// <summary>What a burn-up draws: the scope of a plan, how much of it was mastered over time, the deadline and when the
/// learner is projected to finish.</summary>
/// <remarks>Build it from a plan with <see cref="FromPlan"/>, or from any series with the constructor. Equality is by
/// value (the points compared in order). Immutable and thread-safe.</remarks>
public sealed record PlanProgress
{
    /// <summary>Creates the data of a burn-up.</summary>
    /// <param name="scope">How many competencies the plan needs mastered in all; not negative.</param>
    /// <param name="points">How many were mastered when, oldest first, each moment later than the one before; none
    /// when default.</param>
    /// <param name="deadline">The date the scope is due, if any.</param>
    /// <param name="deadlineLabel">What the deadline is, such as "State test"; "Deadline" when null or blank.</param>
    /// <param name="projectedCompletion">When the whole scope is projected to be mastered, if known; not before the
    /// last point.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scope"/> is negative, a point's count is outside
    /// [0, <paramref name="scope"/>], or <paramref name="projectedCompletion"/> is before the last point.</exception>
    /// <exception cref="ArgumentException">The points are not in strictly increasing time.</exception>
    public PlanProgress(int scope, ImmutableArray<BurnUpPoint> points, DateTimeOffset? deadline = null, string? deadlineLabel = null, DateTimeOffset? projectedCompletion = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scope);
        points = points.IsDefault ? [] : points;
        for (var i = 0; i < points.Length; i++)
        {
            if (points[i].Mastered < 0 || points[i].Mastered > scope)
            {
                throw new ArgumentOutOfRangeException(nameof(points), points[i].Mastered, string.Create(CultureInfo.InvariantCulture,
                    $"Point {i} ({points[i].At:O}) counts {points[i].Mastered} competencies mastered; a count must be in [0, {scope}], the scope."));
            }

            if (i > 0 && points[i].At <= points[i - 1].At)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Point {i} ({points[i].At:O}) is not later than point {i - 1} ({points[i - 1].At:O}); give the points oldest first, one per moment."), nameof(points));
            }
        }

        if (projectedCompletion is { } projected && points.Length > 0 && projected < points[^1].At)
        {
            throw new ArgumentOutOfRangeException(nameof(projectedCompletion), projected, string.Create(CultureInfo.InvariantCulture,
                $"The projected completion {projected:O} is before the last point ({points[^1].At:O}); a projection starts from the latest progress."));
        }

        Scope = scope;
        Points = points;
        Deadline = deadline;
        DeadlineLabel = string.IsNullOrWhiteSpace(deadlineLabel) ? "Deadline" : deadlineLabel;
        ProjectedCompletion = projectedCompletion;
    }

    /// <summary>How many competencies the plan needs mastered in all.</summary>
    public int Scope { get; }

    /// <summary>How many were mastered when, oldest first.</summary>
    public ImmutableArray<BurnUpPoint> Points { get; }

    /// <summary>The date the scope is due.</summary>
    /// <value>Null when there is none.</value>
    public DateTimeOffset? Deadline { get; }

    /// <summary>What the deadline is.</summary>
    /// <value>"Deadline" unless a label was given.</value>
    public string DeadlineLabel { get; }

    /// <summary>When the whole scope is projected to be mastered.</summary>
    /// <value>Null when unknown or when nothing is left.</value>
    public DateTimeOffset? ProjectedCompletion { get; }

    /// <summary>A plan's burn-up from the learner's mastery over time.</summary>
    /// <param name="plan">The plan. Its scope is its goals and every prerequisite of them
    /// (<see cref="CompetencyFramework.GetPrerequisiteClosure"/>); its deadline the external deadline, or else the
    /// latest goal target date ("Goal date"), or none.</param>
    /// <param name="history">The learner's snapshots at the moments to plot (such as each week's
    /// <c>engine.Assess(state, moment)</c>), in any order; each point counts the scope's competencies mastered in one.</param>
    /// <param name="projection">The plan's projection at the learner's observed pace
    /// (<see cref="LearningPlanner.Project"/>): its overall projected completion ends the projected line; none when null
    /// or when the plan is complete.</param>
    /// <returns>The burn-up's data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> or <paramref name="history"/> is null, or a
    /// snapshot is.</exception>
    /// <exception cref="ArgumentException">A snapshot or the projection is of another learner, a snapshot is of another
    /// framework than the plan's, or two snapshots are of the same moment.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The projected completion is before the latest snapshot.</exception>
    public static PlanProgress FromPlan(LearningPlan plan, IEnumerable<MasterySnapshot> history, PacingProjection? projection = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(history);
        var framework = plan.Catalog.Framework;
        var goals = plan.Goals.Select(g => g.Competency).ToArray();
        var scope = framework.GetPrerequisiteClosure(goals).Concat(goals).Distinct().ToArray();
        var snapshots = history.ToArray();
        foreach (var snapshot in snapshots)
        {
            if (snapshot is null)
            {
                throw new ArgumentNullException(nameof(history), "A snapshot of the history is null.");
            }

            if (snapshot.Learner != plan.Learner)
            {
                throw new ArgumentException($"A snapshot is of learner '{snapshot.Learner}', the plan of '{plan.Learner}'; give the plan's learner's history.", nameof(history));
            }

            if (!ReferenceEquals(snapshot.Framework, framework) && !snapshot.Framework.Equals(framework))
            {
                throw new ArgumentException($"A snapshot is of framework '{snapshot.Framework.Title}', the plan's catalog of '{framework.Title}'.", nameof(history));
            }
        }

        if (projection is not null && projection.Learner != plan.Learner)
        {
            throw new ArgumentException($"The projection is of learner '{projection.Learner}', the plan of '{plan.Learner}'.", nameof(projection));
        }

        var ordered = snapshots.OrderBy(s => s.AsOf).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].AsOf == ordered[i - 1].AsOf)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Two snapshots are of the same moment, {ordered[i].AsOf:O}; give one per moment."), nameof(history));
            }
        }

        ImmutableArray<BurnUpPoint> points = [.. ordered.Select(s => new BurnUpPoint(s.AsOf, scope.Count(s.IsMastered)))];
        var goalDate = plan.Goals.Max(g => g.TargetDate);
        var (deadline, label) = plan.Deadline is { } external ? (external.Date, external.Name) : goalDate is { } date ? (date, "Goal date") : ((DateTimeOffset?)null, (string?)null);
        var projected = projection is { Overall.Status: not PacingStatus.Complete } ? projection.Overall.ProjectedCompletion : (DateTimeOffset?)null;
        return new PlanProgress(scope.Length, points, deadline, label, projected);
    }

    /// <inheritdoc />
    public bool Equals(PlanProgress? other) =>
        other is not null && Scope == other.Scope && Points.SequenceEqual(other.Points) && Deadline == other.Deadline
        && DeadlineLabel == other.DeadlineLabel && ProjectedCompletion == other.ProjectedCompletion;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Scope, Points.Length, Points.IsEmpty ? default : Points[^1], Deadline, DeadlineLabel, ProjectedCompletion);

    /// <summary>The scope, the latest point, the deadline and the projected completion, culture-invariant.</summary>
    /// <returns>For example <c>PlanProgress { Scope = 8, Points = 3, Latest = 5 at 2026-11-23, Deadline = State test 2026-12-11, Projected = 2026-12-20 }</c>.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"PlanProgress {{ Scope = {Scope}, Points = {Points.Length}, Latest = {(Points.IsEmpty ? "none" : $"{Points[^1].Mastered} at {Points[^1].At:yyyy-MM-dd}")}, Deadline = {(Deadline is { } d ? $"{DeadlineLabel} {d:yyyy-MM-dd}" : "none")}, Projected = {(ProjectedCompletion is { } p ? $"{p:yyyy-MM-dd}" : "none")} }}");
}
