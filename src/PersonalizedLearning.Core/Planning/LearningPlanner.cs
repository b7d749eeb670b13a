using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using System.Globalization;
using System.Text;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Planning;

/// <summary>
/// Makes, changes and projects learning plans: a plan is drafted from a playlist request, activated, re-planned as
/// evidence arrives (it completes itself when nothing is left), and projected at the learner's observed pace.
/// </summary>
/// <remarks>
/// <para><b>Time.</b> Every change is stamped, and every projection made, at the time of the planner's clock; a
/// change earlier than the plan's last one is refused.</para>
/// <para><b>Projection.</b> The learner works through the pathway in order. A step takes its catalog estimate times
/// the pace factor: the learner's actual minutes over estimated minutes on their newest timed evidence (see
/// <see cref="PacingOptions"/>), or the pathway's extended-time factor while too little evidence is timed. Weekly time
/// is spread evenly over the calendar, so <c>m</c> minutes of work end <c>7·m ÷ minutesPerWeek</c> days from now. A
/// goal is done after the last step that leads to it; a milestone after the last of its competencies' steps
/// (competencies not in the pathway are mastered). The weekly time that finishes <c>m</c> minutes by a date <c>w</c>
/// weeks away is <c>m ÷ w</c>: on track when that is at most the plan, at risk up to the tolerance above it, off track
/// beyond it or when the date has passed.</para>
/// <para><b>Late goals.</b> A goal whose target date has passed is a late goal, not bad input: a plan is drafted for it
/// and re-planned after it as for any other (the playlist request takes it; its steps keep that date, the earliest, so
/// they come first), its projection is <see cref="PacingStatus.OffTrack"/> with no weekly time that could finish it on
/// time, and the recommender gives it the greatest urgency (1). Only a target date left at
/// <c>default(DateTimeOffset)</c> is refused, by <see cref="PlaylistRequest"/>.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class LearningPlanner
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>LearningPlanner { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates a planner.</summary>
    /// <param name="builder">Builds and re-plans pathways; <see cref="PlaylistBuilder.Default"/> when null.</param>
    /// <param name="clock">The time of every change and projection; <see cref="TimeProvider.System"/> when null.</param>
    public LearningPlanner(IPlaylistBuilder? builder = null, TimeProvider? clock = null)
    {
        Builder = builder ?? PlaylistBuilder.Default;
        Clock = clock ?? TimeProvider.System;
    }

    /// <summary>Builds and re-plans pathways.</summary>
    public IPlaylistBuilder Builder { get; }

    /// <summary>The time of every change and projection.</summary>
    public TimeProvider Clock { get; }

    /// <summary>Drafts a plan: builds the pathway to the request's goals.</summary>
    /// <param name="request">The learner, goals with target dates, options and accommodations. A goal whose date has
    /// passed is taken as late (see the remarks).</param>
    /// <param name="milestones">Milestones on the way; none when default.</param>
    /// <param name="deadline">An external deadline, if any.</param>
    /// <returns>A plan in <see cref="PlanStatus.Draft"/> with one history entry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="UnknownCompetencyException">A milestone names a competency that is not in the framework (checked
    /// before the milestones' other rules).</exception>
    /// <exception cref="ArgumentException">A goal cannot be reached, a milestone names a competency that is not a
    /// goal or a prerequisite of one, or the same milestone is listed twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A milestone or the deadline is dated before now.</exception>
    public LearningPlan Draft(PlaylistRequest request, ImmutableArray<PlanMilestone> milestones = default, ExternalDeadline? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = Clock.GetUtcNow();
        var sorted = CheckMilestones(request.Catalog.Framework, request.Goals, milestones.OrEmpty(), now);
        CheckDeadline(deadline, now);
        var pathway = Builder.Build(request);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"Drafted for {string.Join(", ", request.Goals.Select(Describe))}: {pathway.Steps.Length} step(s), {pathway.TotalMinutes:0.#} min.");
        return new LearningPlan(request.Catalog, pathway, sorted, deadline, PlanStatus.Draft, [new PlanChange(now, PlanChangeKind.Created, summary)]);
    }

    /// <summary>Makes a draft plan active.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The active plan.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The plan is not a draft, or the clock is before its last change.</exception>
    public LearningPlan Activate(LearningPlan plan)
    {
        var now = Now(plan);
        if (plan.Status != PlanStatus.Draft)
        {
            throw new InvalidOperationException($"Only a draft plan can be activated; the plan for '{plan.Learner}' is {plan.Status}.");
        }

        return plan.With(now, PlanChangeKind.Activated, "Activated.", status: PlanStatus.Active);
    }

    /// <summary>Re-plans after new evidence, or for new goals or options: the pathway is re-planned
    /// (<see cref="IPlaylistBuilder.Replan"/>) and the change recorded. An active plan with nothing left becomes complete.
    /// A plan is re-planned after a goal's target date as before it: the goal is late (see the remarks).</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="request">The learner's new state, goals, options and recent evidence, over the plan's catalog.</param>
    /// <returns>The updated plan; <paramref name="plan"/> itself when nothing changed.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The request is for another learner or catalog, a goal cannot be reached, or
    /// a milestone is no longer on the way to a goal.</exception>
    /// <exception cref="InvalidOperationException">The plan is complete, or the clock is before its last change.</exception>
    public LearningPlan Update(LearningPlan plan, PlaylistRequest request)
    {
        var now = Now(plan);
        ArgumentNullException.ThrowIfNull(request);
        NotComplete(plan);
        if (request.Mastery.Learner != plan.Learner)
        {
            throw new ArgumentException($"The request is for learner '{request.Mastery.Learner}', but the plan is for '{plan.Learner}'.", nameof(request));
        }

        if (!ReferenceEquals(request.Catalog, plan.Catalog))
        {
            throw new ArgumentException("The request is over a different catalog from the plan's.", nameof(request));
        }

        CheckMilestones(plan.Catalog.Framework, request.Goals, plan.Milestones, DateTimeOffset.MinValue);
        var pathway = Builder.Replan(plan.Pathway, request);
        if (pathway.Equals(plan.Pathway))
        {
            return plan;
        }

        var goalsChanged = !SequenceEquality.Equal(plan.Goals, request.Goals);
        var updated = plan.With(now, goalsChanged ? PlanChangeKind.GoalsChanged : PlanChangeKind.Replanned,
            goalsChanged ? GoalChanges(plan.Goals, pathway) : StepChanges(plan.Pathway, pathway), pathway: pathway);
        return updated.Status == PlanStatus.Active && pathway.Steps.IsEmpty
            ? updated.With(now, PlanChangeKind.Completed, "Complete: every goal is mastered.", status: PlanStatus.Complete)
            : updated;
    }

    /// <summary>Replaces the milestones.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="milestones">The new milestones; none when default or empty.</param>
    /// <returns>The updated plan; <paramref name="plan"/> itself when they are the same.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="UnknownCompetencyException">A milestone names a competency that is not in the framework.</exception>
    /// <exception cref="ArgumentException">A milestone names a competency that is not a goal or a prerequisite of one, or the
    /// same milestone is listed twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A milestone is dated before now.</exception>
    /// <exception cref="InvalidOperationException">The plan is complete, or the clock is before its last change.</exception>
    public LearningPlan SetMilestones(LearningPlan plan, ImmutableArray<PlanMilestone> milestones)
    {
        var now = Now(plan);
        NotComplete(plan);
        var sorted = CheckMilestones(plan.Catalog.Framework, plan.Goals, milestones.OrEmpty(), now);
        if (SequenceEquality.Equal(sorted, plan.Milestones))
        {
            return plan;
        }

        var summary = sorted.IsEmpty ? "Milestones removed."
            : "Milestones: " + string.Join("; ", sorted.Select(m => string.Create(CultureInfo.InvariantCulture, $"'{m.Title}' by {m.Date:yyyy-MM-dd} ({string.Join(", ", m.Competencies)})"))) + ".";
        return plan.With(now, PlanChangeKind.MilestonesChanged, summary, milestones: sorted);
    }

    /// <summary>Sets, moves or removes the external deadline.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="deadline">The deadline; null to remove it.</param>
    /// <returns>The updated plan; <paramref name="plan"/> itself when it is the same.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The deadline is before now.</exception>
    /// <exception cref="InvalidOperationException">The plan is complete, or the clock is before its last change.</exception>
    public LearningPlan SetDeadline(LearningPlan plan, ExternalDeadline? deadline)
    {
        var now = Now(plan);
        NotComplete(plan);
        CheckDeadline(deadline, now);
        if (Equals(deadline, plan.Deadline))
        {
            return plan;
        }

        var summary = deadline is null ? $"Deadline '{plan.Deadline!.Name}' removed."
            : string.Create(CultureInfo.InvariantCulture, $"Deadline: {deadline.Name} on {deadline.Date:yyyy-MM-dd}{(plan.Deadline is { } old ? $" (was {old.Name} on {old.Date:yyyy-MM-dd})" : string.Empty)}.");
        return plan.With(now, PlanChangeKind.DeadlineChanged, summary, deadline: deadline, clearDeadline: deadline is null);
    }

    /// <summary>Closes a plan by hand, whatever is left.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="reason">Why, for the history.</param>
    /// <returns>The complete plan.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is blank.</exception>
    /// <exception cref="InvalidOperationException">The plan is complete already, or the clock is before its last change.</exception>
    public LearningPlan Complete(LearningPlan plan, string reason)
    {
        var now = Now(plan);
        NotComplete(plan);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("Closing a plan needs a reason for its history.", nameof(reason));
        }

        return plan.With(now, PlanChangeKind.Completed, string.Create(CultureInfo.InvariantCulture, $"Closed with {plan.Pathway.Steps.Length} step(s) left: {reason}"), status: PlanStatus.Complete);
    }

    /// <summary>Projects a plan at the learner's pace: see the remarks of <see cref="LearningPlanner"/>.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="options">The planned weekly time and how the pace is observed.</param>
    /// <param name="evidence">The learner's evidence; pieces with a <see cref="Evidence.Duration"/> and an activity with
    /// an estimate give the pace, each id once (a piece listed again with the same content counts once). None when default.</param>
    /// <returns>The projection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/>, <paramref name="options"/> or a piece of evidence is null.</exception>
    /// <exception cref="ArgumentException">A piece of evidence is for another learner or names a competency or an activity not in the plan's catalog.</exception>
    /// <exception cref="EvidenceConflictException">One evidence id is listed twice with different content.</exception>
    public PacingProjection Project(LearningPlan plan, PacingOptions options, ImmutableArray<Evidence> evidence = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var now = Clock.GetUtcNow();
        var pace = ObservePace(plan, options, evidence.OrEmpty());
        var steps = plan.Pathway.Steps;
        var done = new double[steps.Length]; // projected minutes from now until the end of each step
        var total = 0.0;
        for (var i = 0; i < steps.Length; i++)
        {
            total += steps[i].EstimatedMinutes * pace.Factor;
            done[i] = total;
        }

        var goals = ImmutableArray.CreateBuilder<GoalProjection>(plan.Goals.Length);
        var tally = new PacingTally();
        foreach (var goal in plan.Goals)
        {
            var last = -1;
            for (var i = 0; i < steps.Length; i++)
            {
                if (steps[i].Goals.Contains(goal.Competency))
                {
                    last = i;
                }
            }

            var forecast = Forecast(last < 0 ? null : done[last], goal.TargetDate, now, options);
            goals.Add(new GoalProjection(goal.Competency, forecast, goal.TargetDate));
            tally.Add(forecast);
        }

        var milestones = ImmutableArray.CreateBuilder<MilestoneProjection>(plan.Milestones.Length);
        foreach (var milestone in plan.Milestones)
        {
            var last = -1;
            for (var i = 0; i < steps.Length; i++)
            {
                if (steps[i].Kind == PlaylistStepKind.Learn && milestone.Competencies.Contains(steps[i].Competency))
                {
                    last = i;
                }
            }

            var forecast = Forecast(last < 0 ? null : done[last], milestone.Date, now, options);
            milestones.Add(new MilestoneProjection(milestone, forecast));
            tally.Add(forecast);
        }

        DeadlineProjection? deadline = null;
        if (plan.Deadline is { } external)
        {
            var notReached = ImmutableArray.CreateBuilder<CompetencyId>();
            for (var i = 0; i < steps.Length; i++)
            {
                if (steps[i].Kind == PlaylistStepKind.Learn && ProjectedEnd(done[i], now, options.MinutesPerWeek) > external.Date)
                {
                    notReached.Add(steps[i].Competency);
                }
            }

            var goalsNotReached = GoalsAfter(goals, external.Date).ToImmutableArray();
            deadline = new DeadlineProjection(external, notReached.DrainToImmutable(), goalsNotReached, Forecast(steps.IsEmpty ? null : total, external.Date, now, options));
        }

        var overall = new PacingForecast(total, ProjectedEnd(total, now, options.MinutesPerWeek), tally.Status, tally.Required);
        return new PacingProjection(plan.Learner, now, options.MinutesPerWeek, pace, overall, goals.MoveToImmutable(), milestones.MoveToImmutable(), deadline);
    }

    // The overall status and weekly time of the goals' and milestones' forecasts: the worst dated status counts, "no
    // target date" only when nothing dated is left; the largest weekly time, none when one has none. Also what a
    // projection read from JSON is checked against.
    internal struct PacingTally
    {
        private PacingStatus _worst;
        private bool _undated;
        private bool _noRequired;
        private double _required;

        public readonly PacingStatus Status => _worst == PacingStatus.Complete && _undated ? PacingStatus.NoTargetDate : _worst;

        public readonly double? Required => _noRequired ? null : _required;

        public void Add(PacingForecast forecast)
        {
            if (forecast.Status == PacingStatus.NoTargetDate)
            {
                _undated = true;
                return;
            }

            _worst = (PacingStatus)Math.Max((int)_worst, (int)forecast.Status);
            if (forecast.RequiredMinutesPerWeek is { } r && !_noRequired)
            {
                _required = Math.Max(r, _required);
            }
            else
            {
                _noRequired = true;
            }
        }
    }

    // The goals not complete and projected after a date (a deadline's goals not reached), in the goals' order.
    internal static IEnumerable<CompetencyId> GoalsAfter(IEnumerable<GoalProjection> goals, DateTimeOffset date)
        => goals.Where(g => g.Forecast.Status != PacingStatus.Complete && g.Forecast.ProjectedCompletion > date).Select(g => g.Competency);

    // Why a forecast is not one Forecast below makes of its own remaining minutes against `date` at `now` and the planned
    // weekly time (for some at-risk tolerance, which a projection does not record), or null when it is.
    internal static string? Contradiction(PacingForecast forecast, DateTimeOffset? date, DateTimeOffset now, double minutesPerWeek)
    {
        var (m, status, required) = (forecast.RemainingMinutes, forecast.Status, forecast.RequiredMinutesPerWeek);
        if (status == PacingStatus.Complete)
        {
            return m == 0 && required == 0 && forecast.ProjectedCompletion == now ? null : "it is complete with minutes left, a weekly time other than 0, or a completion other than the projection's moment";
        }

        if (forecast.ProjectedCompletion != ProjectedEnd(m, now, minutesPerWeek))
        {
            return $"its completion {forecast.ProjectedCompletion:O} is not {Serialization.ReadResults.F(m)} minutes at {Serialization.ReadResults.F(minutesPerWeek)} a week from {now:O}";
        }

        if (date is not { } target)
        {
            return status == PacingStatus.NoTargetDate && required is null ? null : "it has no date but a status or weekly time that needs one";
        }

        var weeks = (target - now).TotalDays / 7;
        if (weeks <= 0)
        {
            return status == PacingStatus.OffTrack && required is null ? null : "its date has passed, so it is off track with no weekly time";
        }

        var expected = m / weeks;
        if (required is not { } r || Math.Abs(r - expected) > 1e-12 * Math.Max(1, expected))
        {
            return $"its weekly time is not its {Serialization.ReadResults.F(m)} minutes over the {Serialization.ReadResults.F(weeks)} weeks to its date";
        }

        return (status == PacingStatus.OnTrack) == (expected <= minutesPerWeek) && status is PacingStatus.OnTrack or PacingStatus.AtRisk or PacingStatus.OffTrack
            ? null
            : $"it is {status} at {Serialization.ReadResults.F(expected)} minutes a week against {Serialization.ReadResults.F(minutesPerWeek)} planned";
    }

    // Where `minutes` of work (null: none left) stands against `date`.
    private static PacingForecast Forecast(double? minutes, DateTimeOffset? date, DateTimeOffset now, PacingOptions options)
    {
        if (minutes is not { } m)
        {
            return new PacingForecast(0, now, PacingStatus.Complete, 0);
        }

        var end = ProjectedEnd(m, now, options.MinutesPerWeek);
        if (date is not { } target)
        {
            return new PacingForecast(m, end, PacingStatus.NoTargetDate, null);
        }

        var weeks = (target - now).TotalDays / 7;
        if (weeks <= 0)
        {
            return new PacingForecast(m, end, PacingStatus.OffTrack, null);
        }

        var required = m / weeks;
        var status = required <= options.MinutesPerWeek ? PacingStatus.OnTrack
            : required <= options.MinutesPerWeek * (1 + options.AtRiskTolerance) ? PacingStatus.AtRisk
            : PacingStatus.OffTrack;
        return new PacingForecast(m, end, status, required);
    }

    internal static DateTimeOffset ProjectedEnd(double minutes, DateTimeOffset now, double minutesPerWeek)
        => AfterDays(now, minutes / minutesPerWeek * 7);

    // The moment some days after now; the last date when that is past it (a tiny weekly time, such as double.Epsilon
    // minutes, is positive and allowed, and puts the end of any work there).
    internal static DateTimeOffset AfterDays(DateTimeOffset now, double days)
        => days < (DateTimeOffset.MaxValue - now).TotalDays - 1 ? now.AddDays(days) : DateTimeOffset.MaxValue;

    private static ObservedPace ObservePace(LearningPlan plan, PacingOptions options, ImmutableArray<Evidence> evidence) =>
        ObservePace(plan.Catalog, plan.Learner, "the plan", plan.Pathway.TimeFactor, options, evidence, nameof(evidence));

    // The pace factor of a learner's newest timed evidence, or `fallback` (the extended-time factor) while too little is timed.
    internal static ObservedPace ObservePace(ActivityCatalog catalog, LearnerId learner, string owner, double fallback, PacingOptions options, ImmutableArray<Evidence> evidence, string parameter)
    {
        // The history check every request makes (issue 21): a repeat with the same content counts once, one with other
        // content is refused. No moment: a projection is made at the planner's clock, and the engine folds evidence dated
        // up to its MaximumFutureSkew after its own. One statement given for two competencies of its activity (two pieces
        // with one id) took its time once: each id is timed once.
        evidence = EvidenceOwnership.RequireHistory(evidence, learner, catalog, asOf: null, owner, parameter);
        var timed = new List<(Evidence Evidence, double Estimate)>();
        HashSet<EvidenceId>? seen = null;
        foreach (var piece in evidence)
        {
            if (piece.Activity is not { } id || !catalog.TryGetIndex(id, out var index))
            {
                continue;
            }

            var estimate = catalog.Activities[index].EstimatedMinutes;
            if (piece.Duration is not null && estimate > 0 && (seen ??= []).Add(piece.Id))
            {
                timed.Add((piece, estimate));
            }
        }

        // The newest first (ties by id), up to the window.
        timed.Sort((x, y) => x.Evidence.Timestamp != y.Evidence.Timestamp ? y.Evidence.Timestamp.CompareTo(x.Evidence.Timestamp) : string.CompareOrdinal(y.Evidence.Id.Value, x.Evidence.Id.Value));
        var count = Math.Min(timed.Count, options.PaceWindow);
        double actual = 0, estimated = 0;
        for (var i = 0; i < count; i++)
        {
            actual += timed[i].Evidence.Duration!.Value.TotalMinutes;
            estimated += timed[i].Estimate;
        }

        return count >= options.MinimumTimedEvidence
            ? new ObservedPace(Math.Clamp(actual / estimated, PacingOptions.MinimumPace, PacingOptions.MaximumPace), true, count, actual, estimated)
            : new ObservedPace(fallback, false, count, actual, estimated);
    }

    private DateTimeOffset Now(LearningPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var now = Clock.GetUtcNow();
        if (now < plan.LastChanged)
        {
            throw new InvalidOperationException($"The clock ({now:O}) is before the plan's last change ({plan.LastChanged:O}); a plan's history only moves forward.");
        }

        return now;
    }

    private static void NotComplete(LearningPlan plan)
    {
        if (plan.Status == PlanStatus.Complete)
        {
            throw new InvalidOperationException($"The plan for '{plan.Learner}' is complete; draft a new one instead of changing it.");
        }
    }

    // Why a history and status are not what Draft, Activate, Update and Close make, or null: created once, first; activated
    // at most once, while a draft; completed at most once, last; the status is the one the changes leave.
    internal static string? LifecycleContradiction(ImmutableArray<PlanChange> history, PlanStatus status)
    {
        var activated = history.Count(c => c.Kind == PlanChangeKind.Activated);
        var completed = history.Count(c => c.Kind == PlanChangeKind.Completed);
        if (history.Count(c => c.Kind == PlanChangeKind.Created) != 1 || activated > 1 || completed > 1
            || (completed == 1 && history[^1].Kind != PlanChangeKind.Completed))
        {
            return "its history is not created once, activated at most once, and completed at most once, last";
        }

        var expected = completed == 1 ? PlanStatus.Complete : activated == 1 ? PlanStatus.Active : PlanStatus.Draft;
        return status == expected ? null : $"its status is {status}, but its history leaves it {expected}";
    }

    internal static void CheckDeadline(ExternalDeadline? deadline, DateTimeOffset now)
    {
        if (deadline is not null && deadline.Date < now)
        {
            throw new ArgumentOutOfRangeException(nameof(deadline), deadline.Date, $"Deadline '{deadline.Name}' ({deadline.Date:O}) is before now ({now:O}).");
        }
    }

    // Every milestone competency must be on a goal's way whatever the mastery (a goal, or transitively a prerequisite or
    // a child of one: GoalPaths.AnyWay, the walk the pathway takes), so that the pathway holds it until it is mastered;
    // milestones are kept by date, then title.
    internal static ImmutableArray<PlanMilestone> CheckMilestones(CompetencyFramework framework, ImmutableArray<LearningGoal> goals, ImmutableArray<PlanMilestone> milestones, DateTimeOffset now)
    {
        if (milestones.IsEmpty)
        {
            return [];
        }

        var onTheWay = Mastery.GoalPaths.AnyWay(framework, goals.Select(g => g.Competency));
        foreach (var milestone in milestones)
        {
            ArgumentNullException.ThrowIfNull(milestone, nameof(milestones));
            if (milestone.Date < now)
            {
                throw new ArgumentOutOfRangeException(nameof(milestones), milestone.Date, $"Milestone '{milestone.Title}' ({milestone.Date:O}) is before now ({now:O}).");
            }

            foreach (var competency in milestone.Competencies)
            {
                if (!framework.Contains(competency))
                {
                    throw new UnknownCompetencyException(competency, $"Milestone '{milestone.Title}' names competency '{competency}', which is not in framework '{framework.Title}'.", nameof(milestones));
                }

                if (!onTheWay[framework.IndexOf(competency)])
                {
                    throw new ArgumentException($"Milestone '{milestone.Title}' names competency '{competency}', which is on no goal's way: neither a goal nor, transitively, a prerequisite or child of one.", nameof(milestones));
                }
            }
        }

        ImmutableArray<PlanMilestone> sorted = [.. milestones.OrderBy(m => m.Date).ThenBy(m => m.Title, StringComparer.Ordinal)];

        // Each milestone once (issue 21: the same milestone twice was projected twice, a projection its reader cannot tell
        // from a tampered one). Equal ones sort among those of the same date and title.
        for (var i = 1; i < sorted.Length; i++)
        {
            for (var j = i - 1; j >= 0 && sorted[j].Date == sorted[i].Date && sorted[j].Title == sorted[i].Title; j--)
            {
                if (sorted[j].Equals(sorted[i]))
                {
                    throw new ArgumentException($"Milestone '{sorted[i].Title}' ({sorted[i].Date:O}) is listed twice; a plan holds each milestone once.", nameof(milestones));
                }
            }
        }

        return sorted;
    }

    private static string Describe(LearningGoal goal) =>
        goal.TargetDate is { } date ? string.Create(CultureInfo.InvariantCulture, $"{goal.Competency} by {date:yyyy-MM-dd}") : goal.Competency.ToString();

    private static string GoalChanges(ImmutableArray<LearningGoal> before, Playlist after)
    {
        var text = new StringBuilder();
        var old = before.ToDictionary(g => g.Competency);
        var added = after.Goals.Where(g => !old.ContainsKey(g.Competency)).ToList();
        var removed = before.Where(g => !after.Goals.Any(n => n.Competency == g.Competency)).ToList();
        var moved = after.Goals.Where(g => old.TryGetValue(g.Competency, out var o) && o.TargetDate != g.TargetDate).ToList();
        Append("Added", added.Select(Describe));
        Append("Removed", removed.Select(g => g.Competency.ToString()));
        Append("Moved", moved.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Competency} from {When(old[g.Competency].TargetDate)} to {When(g.TargetDate)}")));
        text.Append(CultureInfo.InvariantCulture, $"{after.Steps.Length} step(s) left, {after.TotalMinutes:0.#} min.");
        return text.ToString();

        void Append(string label, IEnumerable<string> items)
        {
            var list = items.ToList();
            if (list.Count > 0)
            {
                text.Append(label).Append(" goal(s): ").AppendJoin(", ", list).Append(". ");
            }
        }

        static string When(DateTimeOffset? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "no date";
    }

    private static string StepChanges(Playlist before, Playlist after)
    {
        static string Key(PlaylistStep s) => s.Kind switch
        {
            PlaylistStepKind.Remediate => $"remediation of {s.Competency} (for {s.RemediationFor})",
            PlaylistStepKind.Project => $"project {s.Choices[0].Id}",
            _ => s.Competency.ToString(),
        };

        var old = before.Steps.Select(Key).ToHashSet();
        var now = after.Steps.Select(Key).ToHashSet();
        var gone = before.Steps.Select(Key).Where(k => !now.Contains(k)).ToList();
        var added = after.Steps.Select(Key).Where(k => !old.Contains(k)).ToList();
        var text = new StringBuilder();
        if (gone.Count > 0)
        {
            text.Append("Done: ").AppendJoin(", ", gone).Append(". ");
        }

        if (added.Count > 0)
        {
            text.Append("Added: ").AppendJoin(", ", added).Append(". ");
        }

        if (gone.Count == 0 && added.Count == 0)
        {
            text.Append("Steps revised. ");
        }

        text.Append(CultureInfo.InvariantCulture, $"{after.Steps.Length} step(s) left, {after.TotalMinutes:0.#} min.");
        return text.ToString();
    }
}
