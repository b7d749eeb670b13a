using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Simulation;

/// <summary>Chooses a simulated learner's next activity from what a real product would see: evidence, never the hidden
/// knowledge.</summary>
/// <remarks>Implementations must be thread-safe and deterministic: the harness runs learners in parallel.</remarks>
public interface ISimulationPolicy
{
    /// <summary>A short name for reports.</summary>
    string Name { get; }

    /// <summary>The next activity for the learner in <paramref name="context"/>.</summary>
    /// <param name="context">What the policy may see.</param>
    /// <returns>An activity of the catalog, or null when the policy has nothing to offer (the learner stops).</returns>
    ActivityId? Choose(SimulationContext context);
}

/// <summary>A policy that learns from a log of earlier learners before it teaches, as a school's product learns from last
/// year's records: <see cref="RobustEvaluation"/> gives it a pilot class's log per cell and seed.</summary>
public interface ICalibratedPolicy : ISimulationPolicy
{
    /// <summary>The policy to teach with, having learned from a log.</summary>
    /// <param name="log">The answers of a pilot class drawn from the same student model, taught on the same course.</param>
    /// <param name="catalog">The course's catalog.</param>
    /// <param name="model">The mastery model the course folds evidence with.</param>
    /// <returns>A policy with the same <see cref="ISimulationPolicy.Name"/>.</returns>
    ISimulationPolicy Calibrate(ResponseLog log, ActivityCatalog catalog, IMasteryModel model);
}

/// <summary>What a policy sees at one step of a simulation.</summary>
/// <param name="Catalog">The catalog.</param>
/// <param name="Model">The mastery model that folds the evidence.</param>
/// <param name="State">The learner's state, folded from the evidence so far.</param>
/// <param name="Mastery">The learner's mastery now.</param>
/// <param name="Profile">The learner's profile: the goal set, each with the deadline as its date.</param>
/// <param name="History">The learner's most recent evidence, oldest first.</param>
/// <param name="Step">How many steps the learner has taken.</param>
/// <param name="Now">The simulated moment.</param>
/// <param name="ClassSeed">The seed the class was drawn with (<see cref="SimulatedClass.Seed"/>): a policy that
/// randomises mixes it into its own stream, so that classes drawn with different seeds get independent choices.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record SimulationContext(
    ActivityCatalog Catalog,
    IMasteryModel Model,
    LearnerState State,
    MasterySnapshot Mastery,
    LearnerProfile Profile,
    ImmutableArray<Evidence> History,
    int Step,
    DateTimeOffset Now,
    long ClassSeed)
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);
}

/// <summary>How a simulation runs.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record SimulationOptions
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates options.</summary>
    /// <param name="goals">The goal set every learner works towards; at least one competency, no repeats.</param>
    /// <param name="maximumSteps">The step budget per learner; in [1, 100,000].</param>
    /// <param name="deadlineStep">The step by which goals should be mastered; in [0, <paramref name="maximumSteps"/>].</param>
    /// <param name="start">The simulated moment of the first step.</param>
    /// <param name="stepLength">Simulated time per step; greater than 0; 10 minutes when null. Every step up to
    /// <paramref name="maximumSteps"/> must fall on a date (by 9999-12-31).</param>
    /// <param name="historyLength">How much recent evidence policies see; at least 0.</param>
    /// <param name="policy">The mastery policy; <see cref="MasteryPolicy.Default"/> when null.</param>
    /// <param name="stepsPerSession">Steps in one sitting, after which the learner is away until the next session
    /// starts; at least 1, or 0 for one unbroken sitting (the default).</param>
    /// <param name="sessionInterval">From the start of one session to the start of the next; greater than 0 and at least
    /// <paramref name="stepsPerSession"/> × the step length, and short enough that every step up to
    /// <paramref name="maximumSteps"/> falls on a date (by 9999-12-31); one day when null. Not used for one unbroken
    /// sitting, but checked all the same.</param>
    /// <exception cref="ArgumentOutOfRangeException">The goal set is empty or repeats a competency, a number or span is
    /// outside its range, or the steps would run past the last date: one exception for every problem, whose <see cref="ArgumentException.ParamName"/> is the first bad
    /// parameter and whose message names each bad parameter, its rule and the value given.</exception>
    public SimulationOptions(ImmutableArray<CompetencyId> goals, int maximumSteps, int deadlineStep, DateTimeOffset start, TimeSpan? stepLength = null, int historyLength = 20, MasteryPolicy? policy = null,
        int stepsPerSession = 0, TimeSpan? sessionInterval = null)
    {
        var problems = new OptionProblems("simulation options");
        if (goals.IsDefaultOrEmpty)
        {
            problems.Add(nameof(goals), "a simulation needs at least one goal competency", "none");
        }
        else
        {
            foreach (var goal in goals.GroupBy(g => g).Where(g => g.Count() > 1))
            {
                problems.Add(nameof(goals), "the goal set must name each competency once", $"'{goal.Key}' {OptionProblems.Format(goal.Count())} times");
            }
        }

        var stepsValid = maximumSteps is >= 1 and <= 100_000;
        problems.Require(stepsValid, nameof(maximumSteps), "the step budget must be in [1, 100,000]", maximumSteps);
        problems.RequireBetween(deadlineStep, 0, maximumSteps, stepsValid, null, nameof(deadlineStep), "the deadline step", string.Empty, "the step budget");

        var length = stepLength ?? TimeSpan.FromMinutes(10);
        problems.Require(length > TimeSpan.Zero, nameof(stepLength), "the step length must be greater than 0", length);
        problems.Require(historyLength >= 0, nameof(historyLength), "the history length must be at least 0", historyLength);
        problems.Require(stepsPerSession >= 0, nameof(stepsPerSession), "the steps per session must be at least 0 (0: one unbroken sitting)", stepsPerSession);
        var interval = sessionInterval ?? TimeSpan.FromDays(1);

        // Checked even for one unbroken sitting, where it is not used: the options keep it, and a negative interval is a
        // mistake whatever the sessions.
        problems.Require(interval > TimeSpan.Zero, nameof(sessionInterval), "the session interval must be greater than 0", interval);
        if (stepsPerSession > 0 && length > TimeSpan.Zero && interval > TimeSpan.Zero && interval.Ticks < (Int128)length.Ticks * stepsPerSession)
        {
            problems.Add(nameof(sessionInterval), $"a session of {OptionProblems.Format(stepsPerSession)} steps of {OptionProblems.Format(length)} lasts {OptionProblems.FormatTicks((Int128)length.Ticks * stepsPerSession)}, so the next must start at least that long after it began", OptionProblems.Format(interval));
        }
        else if (stepsValid && length > TimeSpan.Zero && stepsPerSession >= 0 && interval > TimeSpan.Zero)
        {
            // Every step's moment must be a date (MomentOf): a span that does not fit one overflowed there, as an
            // OverflowException, when the options were used. The last step is the latest, as an interval is at least a session.
            var sessions = stepsPerSession == 0 ? 0 : maximumSteps / stepsPerSession;
            var last = ((Int128)interval.Ticks * sessions) + ((Int128)length.Ticks * (stepsPerSession == 0 ? maximumSteps : maximumSteps % stepsPerSession));
            var room = Math.Min(DateTime.MaxValue.Ticks - start.Ticks, DateTime.MaxValue.Ticks - start.UtcTicks);
            if (last > room)
            {
                var name = sessions > 0 ? nameof(sessionInterval) : nameof(stepLength);
                problems.Add(name, $"every step up to the step budget must fall on a date no later than 9999-12-31: with {(name == nameof(stepLength) ? "this step length" : $"sessions of {OptionProblems.Format(stepsPerSession)} steps of {OptionProblems.Format(length)} at this interval")}, step {OptionProblems.Format(maximumSteps)} falls {OptionProblems.FormatTicks(last)} after the start, {start.ToString("O", CultureInfo.InvariantCulture)}",
                    OptionProblems.Format(name == nameof(stepLength) ? length : interval));
            }
        }

        problems.ThrowIfAny();
        StepsPerSession = stepsPerSession;
        SessionInterval = interval;
        Goals = goals;
        MaximumSteps = maximumSteps;
        DeadlineStep = deadlineStep;
        Start = start;
        StepLength = length;
        HistoryLength = historyLength;
        Policy = policy ?? MasteryPolicy.Default;
    }

    /// <summary>The goal set.</summary>
    public ImmutableArray<CompetencyId> Goals { get; }

    /// <summary>The step budget per learner.</summary>
    public int MaximumSteps { get; }

    /// <summary>The step by which goals should be mastered.</summary>
    public int DeadlineStep { get; }

    /// <summary>The simulated moment of the first step.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Simulated time per step.</summary>
    public TimeSpan StepLength { get; }

    /// <summary>How much recent evidence policies see.</summary>
    public int HistoryLength { get; }

    /// <summary>The mastery policy.</summary>
    public MasteryPolicy Policy { get; }

    /// <summary>Steps in one sitting; 0 for one unbroken sitting.</summary>
    /// <value>0 unless given.</value>
    public int StepsPerSession { get; }

    /// <summary>From the start of one session to the start of the next.</summary>
    /// <value>One day unless given.</value>
    public TimeSpan SessionInterval { get; }

    /// <summary>The deadline as a date: the moment of <see cref="DeadlineStep"/>.</summary>
    public DateTimeOffset Deadline => MomentOf(DeadlineStep);

    /// <summary>The simulated moment of a step: <see cref="Start"/> plus the step length per step, and with sessions,
    /// plus <see cref="SessionInterval"/> per session already completed.</summary>
    /// <param name="step">The step, from 0; at most <see cref="MaximumSteps"/>.</param>
    /// <returns>The moment.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative or above <see cref="MaximumSteps"/>.</exception>
    public DateTimeOffset MomentOf(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(step, MaximumSteps);
        // In whole ticks (TimeSpan × number goes through double); the constructor made sure the last step is a date.
        return StepsPerSession == 0 ? Start.AddTicks(StepLength.Ticks * step)
            : Start.AddTicks((SessionInterval.Ticks * (step / StepsPerSession)) + (StepLength.Ticks * (step % StepsPerSession)));
    }

    /// <inheritdoc />
    public bool Equals(SimulationOptions? other) =>
        other is not null && SequenceEquality.Equal(Goals, other.Goals) && MaximumSteps == other.MaximumSteps && DeadlineStep == other.DeadlineStep
        && Start == other.Start && StepLength == other.StepLength && HistoryLength == other.HistoryLength && Policy.Equals(other.Policy)
        && StepsPerSession == other.StepsPerSession && SessionInterval == other.SessionInterval;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SequenceEquality.Hash(Goals), MaximumSteps, DeadlineStep, Start, StepLength, HistoryLength, Policy, StepsPerSession);
}

/// <summary>What one policy achieved with one simulated class, measured on the learners' hidden true knowledge.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record SimulationReport
{
    // Only the library makes one (issue 21): a result a caller could build could say what the library never would.
    internal SimulationReport(string Policy, int Learners, ImmutableArray<int?> StepsToMaster, double GoalShareByDeadline, ImmutableArray<int> WastedSteps, ImmutableArray<double> GoalShareByStep)
    {
        this.Policy = Policy;
        this.Learners = Learners;
        this.StepsToMaster = StepsToMaster;
        this.GoalShareByDeadline = GoalShareByDeadline;
        this.WastedSteps = WastedSteps;
        this.GoalShareByStep = GoalShareByStep;
    }

    /// <summary>The policy's name.</summary>
    public string Policy { get; internal init; }

    /// <summary>How many learners ran.</summary>
    public int Learners { get; internal init; }

    /// <summary>Per learner, the steps until every goal was truly known (0 when known from the start), or null when the budget ran out or the policy had nothing more to offer first.</summary>
    public ImmutableArray<int?> StepsToMaster { get; internal init; }

    /// <summary>The share of (learner, goal) pairs truly known at the deadline step.</summary>
    public double GoalShareByDeadline { get; internal init; }

    /// <summary>Per learner, the steps spent, before the goals were mastered, on activities whose competencies were each already known or not needed by the goals (neither a goal nor, transitively, a true prerequisite of one: what the learner really follows, which a partly wrong framework may not name).</summary>
    public ImmutableArray<int> WastedSteps { get; internal init; }

    /// <summary>After each step t (index t, from 0 = before any), the mean share of the goals truly known; a learner who stopped keeps their last share.</summary>
    public ImmutableArray<double> GoalShareByStep { get; internal init; }

    /// <summary>Deconstructs it into its members, in declaration order.</summary>
    /// <param name="Policy">The value of <see cref="Policy"/>.</param>
    /// <param name="Learners">The value of <see cref="Learners"/>.</param>
    /// <param name="StepsToMaster">The value of <see cref="StepsToMaster"/>.</param>
    /// <param name="GoalShareByDeadline">The value of <see cref="GoalShareByDeadline"/>.</param>
    /// <param name="WastedSteps">The value of <see cref="WastedSteps"/>.</param>
    /// <param name="GoalShareByStep">The value of <see cref="GoalShareByStep"/>.</param>
    public void Deconstruct(out string Policy, out int Learners, out ImmutableArray<int?> StepsToMaster, out double GoalShareByDeadline, out ImmutableArray<int> WastedSteps, out ImmutableArray<double> GoalShareByStep)
    {
        Policy = this.Policy;
        Learners = this.Learners;
        StepsToMaster = this.StepsToMaster;
        GoalShareByDeadline = this.GoalShareByDeadline;
        WastedSteps = this.WastedSteps;
        GoalShareByStep = this.GoalShareByStep;
    }

    /// <summary>How many learners mastered every goal within the budget.</summary>
    /// <value>Counted on each read, in place, without allocating.</value>
    public int Mastered
    {
        get
        {
            var mastered = 0;
            foreach (var steps in StepsToMaster)
            {
                mastered += steps is null ? 0 : 1;
            }

            return mastered;
        }
    }

    /// <summary>The mean steps to master the goal set, counting a learner who did not as the whole budget (so a policy
    /// that strands learners is not flattered).</summary>
    /// <value>Computed on each read, in place, without allocating (as Enumerable.Average would, in the same order).</value>
    /// <exception cref="InvalidOperationException">The report has no learners.</exception>
    public double MeanStepsToMaster
    {
        get
        {
            var sum = 0.0;
            foreach (var steps in StepsToMaster)
            {
                sum += steps ?? GoalShareByStep.Length - 1;
            }

            return StepsToMaster.IsEmpty ? throw NoLearners() : sum / StepsToMaster.Length;
        }
    }

    /// <summary>The mean wasted steps per learner.</summary>
    /// <value>Computed on each read, in place, without allocating (as Enumerable.Average would: an exact sum, then one division).</value>
    /// <exception cref="InvalidOperationException">The report has no learners.</exception>
    public double MeanWastedSteps
    {
        get
        {
            var sum = 0L;
            foreach (var steps in WastedSteps)
            {
                sum += steps;
            }

            return WastedSteps.IsEmpty ? throw NoLearners() : (double)sum / WastedSteps.Length;
        }
    }

    private static InvalidOperationException NoLearners() => new("The report has no learners, so it has no mean.");

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Policy}: {MeanStepsToMaster:0.0} steps to master ({Mastered}/{Learners} within budget), {GoalShareByDeadline:P0} of goals by the deadline, {MeanWastedSteps:0.0} wasted steps");

    /// <inheritdoc />
    public bool Equals(SimulationReport? other) =>
        other is not null && Policy == other.Policy && Learners == other.Learners && SequenceEquality.Equal(StepsToMaster, other.StepsToMaster)
        && GoalShareByDeadline.Equals(other.GoalShareByDeadline) && SequenceEquality.Equal(WastedSteps, other.WastedSteps)
        && SequenceEquality.Equal(GoalShareByStep, other.GoalShareByStep);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Policy, Learners, SequenceEquality.Hash(StepsToMaster), GoalShareByDeadline);
}

/// <summary>
/// Runs a policy over a simulated class: every learner, from the same starting knowledge, takes one activity per step
/// as the policy chooses; their answers become evidence that a mastery model folds, and what they really learned is
/// measured on their hidden knowledge.
/// </summary>
/// <remarks>
/// <para>A learner stops when every goal is truly known, when the budget runs out, or when the policy offers nothing.
/// Learners run in parallel; each has its own random stream, so results do not depend on the thread count, and every
/// policy meets the same answers by chance for the same situations (common random numbers).</para>
/// </remarks>
public static class ClassroomSimulator
{
    /// <summary>Runs a policy.</summary>
    /// <param name="class">The simulated class; its learners are copied, never changed.</param>
    /// <param name="model">The mastery model that folds the evidence.</param>
    /// <param name="policy">The policy.</param>
    /// <param name="options">The goals, budget and deadline.</param>
    /// <param name="progress">Told how many learners have finished, as they finish.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="progress"/> is null.</exception>
    /// <exception cref="ArgumentException">A goal is not in the framework, or the policy chose an activity that is not in the catalog.</exception>
    public static SimulationReport Run(SimulatedClass @class, IMasteryModel model, ISimulationPolicy policy, SimulationOptions options, IProgress<int>? progress = null) =>
        Run(@class, model, policy, options, progress, keepLog: false).Report;

    /// <summary>Runs a policy and keeps every answer: a log such as a school's system keeps, for fitting models or
    /// learning how strongly prerequisites gate (<see cref="Mastery.KnowledgeTracing.PrerequisiteGatingEstimator"/>).</summary>
    /// <param name="class">The simulated class; its learners are copied, never changed.</param>
    /// <param name="model">The mastery model that folds the evidence.</param>
    /// <param name="policy">The policy.</param>
    /// <param name="options">The goals, budget and deadline.</param>
    /// <returns>The report, the same as <see cref="Run(SimulatedClass, IMasteryModel, ISimulationPolicy, SimulationOptions, IProgress{int})"/>'s; and the log: one response per answer and competency the
    /// activity is aligned to, ordered by step (<see cref="Response.Order"/>), with the activity. In the log learners go
    /// on to the budget (or until the policy offers nothing), even once they know the goals, as a school's log of the
    /// year would: cut at that moment, it would lack the answers that show a goal learned. Null when no learner answered
    /// anything.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A goal is not in the framework, or the policy chose an activity that is not in the catalog.</exception>
    public static (SimulationReport Report, ResponseLog? Log) RunWithLog(SimulatedClass @class, IMasteryModel model, ISimulationPolicy policy, SimulationOptions options) =>
        Run(@class, model, policy, options, null, keepLog: true);

    private static (SimulationReport Report, ResponseLog? Log) Run(SimulatedClass @class, IMasteryModel model, ISimulationPolicy policy, SimulationOptions options, IProgress<int>? progress, bool keepLog)
    {
        ArgumentNullException.ThrowIfNull(@class);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(options);
        var framework = @class.Catalog.Framework;
        var goals = options.Goals.Select(g => framework.TryGetIndex(g, out var i) ? i
            : throw new UnknownCompetencyException(g, $"Goal '{g}' is not in framework '{framework.Title}'.", nameof(options))).ToArray();
        var learners = @class.Learners;
        var runs = new LearnerRun[learners.Length];
        var finished = 0;
        try
        {
            Parallel.For(0, learners.Length, i =>
            {
                runs[i] = RunLearner(@class.Catalog, @class.Seed, learners[i].Clone(), model, policy, options, goals, keepLog);
                progress?.Report(Interlocked.Increment(ref finished));
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // The caller gets what a learner's run threw, as the documentation says, not the thread pool's wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }

        var curve = new double[options.MaximumSteps + 1];
        foreach (var run in runs)
        {
            for (var t = 0; t < curve.Length; t++)
            {
                curve[t] += run.Curve[t] / runs.Length;
            }
        }

        var report = new SimulationReport(
            policy.Name,
            runs.Length,
            [.. runs.Select(r => r.StepsToMaster)],
            runs.Average(r => r.Curve[options.DeadlineStep]),
            [.. runs.Select(r => r.Wasted)],
            ImmutableArray.Create(curve));
        var answers = keepLog ? runs.SelectMany(r => r.Log ?? []).ToList() : null;
        return (report, answers is { Count: > 0 } ? ResponseLog.Create(answers) : null);
    }

    private static LearnerRun RunLearner(ActivityCatalog catalog, long seed, SimulatedLearner learner, IMasteryModel model, ISimulationPolicy policy, SimulationOptions options, int[] goals, bool keepLog)
    {
        var log = keepLog ? new List<Response>() : null;
        var framework = catalog.Framework;
        var profile = new LearnerProfile(learner.Id, [.. options.Goals.Select(g => new LearningGoal(g, options.Deadline))]);
        var state = LearnerState.Create(learner.Id, model.Name);
        var history = new List<Evidence>();
        var curve = new double[options.MaximumSteps + 1];
        var wasted = 0;
        var needed = learner.NeededFor(goals);
        int? mastered = null;
        var step = 0;

        // The report's run ends when the goals are known; a kept log goes on to the budget, as a school's log of the year
        // would (cut there, the answers that show a goal learned would be missing from it).
        var reported = -1;
        for (; ; step++)
        {
            // Time passes before anything is measured: a learner may forget between sessions.
            var now = options.MomentOf(step);
            learner.AdvanceTo((now - options.Start).TotalDays);
            if (reported < 0)
            {
                curve[step] = Share(learner, goals);
                if (curve[step] == 1)
                {
                    mastered = step;
                    reported = step;
                    if (log is null)
                    {
                        break;
                    }
                }
            }

            if (step == options.MaximumSteps)
            {
                break;
            }

            var mastery = MasterySnapshot.Create(framework, state, model, options.Policy, now);
            var recent = history.Count <= options.HistoryLength ? [.. history] : ImmutableArray.Create(history.ToArray(), history.Count - options.HistoryLength, options.HistoryLength);
            var choice = policy.Choose(new SimulationContext(catalog, model, state, mastery, profile, recent, step, now, seed));
            if (choice is not { } activity)
            {
                break;
            }

            if (!catalog.TryGetIndex(activity, out var index))
            {
                throw new UnknownActivityException(activity, $"Policy '{policy.Name}' chose activity '{activity}', which is not in the catalog.", nameof(policy));
            }

            var aligned = catalog.AlignedIndicesOf(index);
            var useful = false;
            foreach (var competency in aligned)
            {
                useful |= needed[competency] && !learner.KnowsIndex(competency);
            }

            var (correct, _) = learner.Practise(aligned);
            if (log is not null)
            {
                foreach (var competency in aligned)
                {
                    log.Add(new Response(learner.Id, framework.Competencies[competency].Id, correct, step, activity));
                }
            }

            wasted += useful || reported >= 0 ? 0 : 1;
            var evidence = Evidence.ForActivity(string.Create(CultureInfo.InvariantCulture, $"{learner.Id}-{step}"), learner.Id, activity, EvidenceOutcome.FromCorrect(correct), now);
            state = EvidenceFolding.Fold(state, evidence, catalog, model);
            history.Add(evidence);
        }

        // A learner who stopped keeps their last share for the rest of the curve.
        var end = reported >= 0 ? reported : step;
        Array.Fill(curve, curve[end], end + 1, options.MaximumSteps - end);
        return new LearnerRun(mastered, wasted, curve, log);
    }

    private static double Share(SimulatedLearner learner, int[] goals)
    {
        var known = 0;
        foreach (var g in goals)
        {
            known += learner.KnowsIndex(g) ? 1 : 0;
        }

        return (double)known / goals.Length;
    }

    private sealed record LearnerRun(int? StepsToMaster, int Wasted, double[] Curve, List<Response>? Log);
}
