using System.Globalization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Simulation;

/// <summary>
/// The "factory model": one fixed sequence for everyone through the goals and their prerequisites, in prerequisite
/// order (the framework's topological order), a fixed number of steps per competency whatever the learner shows,
/// starting over from the top at the end.
/// </summary>
/// <remarks>Competencies without activities are skipped; a competency's activities take turns. Competencies the goals do
/// not need are never visited. Immutable and thread-safe.</remarks>
public sealed class LinearSequencePolicy : ISimulationPolicy
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>LinearSequencePolicy { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates the policy.</summary>
    /// <param name="stepsPerCompetency">Steps on each competency before the sequence moves on, as a pacing guide sets; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepsPerCompetency"/> is below 1.</exception>
    public LinearSequencePolicy(int stepsPerCompetency = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerCompetency, 1);
        StepsPerCompetency = stepsPerCompetency;
        Name = string.Create(CultureInfo.InvariantCulture, $"linear ({stepsPerCompetency} steps each)");
    }

    /// <summary>Steps on each competency before moving on.</summary>
    public int StepsPerCompetency { get; }

    /// <inheritdoc />
    /// <value>Made once, at construction.</value>
    public string Name { get; }

    /// <inheritdoc />
    public ActivityId? Choose(SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return GoalPath.Cycle(context, StepsPerCompetency);
    }
}

/// <summary>Mastery-based linear progression: the goals and their prerequisites in prerequisite order, staying on the
/// first competency the mastery model does not call mastered until it does, as a mastery-based course without any other
/// adaptivity moves.</summary>
/// <remarks>A competency's activities take turns. Once the model calls everything on the way mastered, it keeps
/// practising, cycling through the goal path 3 steps each as <see cref="LinearSequencePolicy"/> does, rather than
/// stopping a learner who may not truly know the goals yet. Immutable and thread-safe.</remarks>
public sealed class MasteryLinearPolicy : ISimulationPolicy
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>MasteryLinearPolicy { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <inheritdoc />
    public string Name => "mastery linear";

    /// <inheritdoc />
    public ActivityId? Choose(SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var catalog = context.Catalog;
        foreach (var competency in GoalPath.Of(context))
        {
            if (!context.Mastery.IsMasteredIndex(competency) && !catalog.ActivityIndicesFor(competency).IsEmpty)
            {
                return GoalPath.TakeTurns(catalog, competency, context.Step);
            }
        }

        return GoalPath.KeepPractising(context);
    }
}

/// <summary>A random choice among the activities of the learner's frontier (not mastered, prerequisites mastered)
/// within the goals and their prerequisites, as a mastery-based product without any other adaptivity would pick.</summary>
/// <remarks>Seeded: the same learner of a class drawn with the same seed, at the same step, always gets the same choice;
/// classes drawn with different seeds get independent choices. With nothing left on the frontier within the goal path,
/// it keeps practising as <see cref="MasteryLinearPolicy"/> does. Immutable and thread-safe.</remarks>
/// <param name="seed">The seed.</param>
public sealed class RandomFrontierPolicy(long seed) : ISimulationPolicy
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>RandomFrontierPolicy { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>The seed.</summary>
    public long Seed { get; } = seed;

    /// <inheritdoc />
    public string Name => "random frontier";

    /// <inheritdoc />
    public ActivityId? Choose(SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var catalog = context.Catalog;
        var path = GoalPath.Marks(context);
        var choices = new List<int>();
        foreach (var competency in context.Mastery.FrontierIndices)
        {
            if (path[competency])
            {
                foreach (var activity in catalog.ActivityIndicesFor(competency))
                {
                    if (!choices.Contains(activity))
                    {
                        choices.Add(activity);
                    }
                }
            }
        }

        if (choices.Count == 0)
        {
            return GoalPath.KeepPractising(context);
        }

        // The class's seed too: learners of classes drawn with different seeds share ids, and must not share choices.
        var random = SeededRandom.For(Seed, string.Create(CultureInfo.InvariantCulture, $"{context.ClassSeed}/{context.State.Learner}/{context.Step}"));
        return catalog.Activities[choices[random.Next(choices.Count)]].Id;
    }
}

/// <summary>Greedy on the weakest: among the learner's frontier within the goals and their prerequisites, the competency
/// with the lowest mastery estimate (not started counts as 0; ties to the earlier in prerequisite order), as "practise
/// your weakest skill" products do.</summary>
/// <remarks>A competency's activities take turns. With nothing left on the frontier within the goal path, it keeps
/// practising as <see cref="MasteryLinearPolicy"/> does. Immutable and thread-safe.</remarks>
public sealed class GreedyLowestEstimatePolicy : ISimulationPolicy
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>GreedyLowestEstimatePolicy { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <inheritdoc />
    public string Name => "greedy lowest";

    /// <inheritdoc />
    public ActivityId? Choose(SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var catalog = context.Catalog;
        var framework = catalog.Framework;
        var path = GoalPath.Marks(context);
        var best = -1;
        var lowest = double.PositiveInfinity;
        foreach (var competency in context.Mastery.FrontierIndices)
        {
            if (!path[competency] || catalog.ActivityIndicesFor(competency).IsEmpty)
            {
                continue;
            }

            var estimate = context.Mastery.EstimateAt(competency);
            if (estimate < lowest || (estimate == lowest && framework.TopologicalRank(competency) < framework.TopologicalRank(best)))
            {
                best = competency;
                lowest = estimate;
            }
        }

        return best < 0 ? GoalPath.KeepPractising(context) : GoalPath.TakeTurns(catalog, best, context.Step);
    }
}

/// <summary>The goals of a simulation and their prerequisites: what every baseline is limited to.</summary>
internal static class GoalPath
{
    /// <summary>Framework indices of the goals and all their prerequisites, in topological order.</summary>
    public static IEnumerable<int> Of(SimulationContext context)
    {
        var framework = context.Catalog.Framework;
        var marks = Marks(context);
        foreach (var id in framework.TopologicalOrder)
        {
            var i = framework.IndexOf(id);
            if (marks[i])
            {
                yield return i;
            }
        }
    }

    /// <summary>Per framework index, whether it can be on a goal's way: a goal or, transitively, a prerequisite or child of
    /// one (the library's walk with nothing mastered, GoalPaths.AnyWay).</summary>
    public static bool[] Marks(SimulationContext context)
        => Mastery.GoalPaths.AnyWay(context.Catalog.Framework, context.Profile.Goals.Select(g => g.Competency));

    /// <summary>The goal path in prerequisite order, a number of steps on each, starting over at the end (competencies
    /// without activities skipped); null when no competency on it has an activity.</summary>
    public static ActivityId? Cycle(SimulationContext context, int stepsPerCompetency)
    {
        var catalog = context.Catalog;
        var sequence = Of(context).Where(c => !catalog.ActivityIndicesFor(c).IsEmpty).ToList();
        if (sequence.Count == 0)
        {
            return null;
        }

        var slot = context.Step / stepsPerCompetency;
        var activities = catalog.ActivityIndicesFor(sequence[slot % sequence.Count]);
        return catalog.Activities[activities[context.Step % stepsPerCompetency % activities.Length]].Id;
    }

    /// <summary>What a mastery-based baseline does once the model calls everything on the way mastered: it keeps
    /// practising, cycling through the goal path as the linear baseline does (3 steps each), rather than stopping a
    /// learner who may not truly know the goals yet (a stopped learner counts as the whole budget).</summary>
    public static ActivityId? KeepPractising(SimulationContext context) => Cycle(context, KeepPractisingSteps);

    /// <summary>Steps on each competency when a baseline keeps practising.</summary>
    public const int KeepPractisingSteps = 3;

    /// <summary>The competency's activities take turns, one per step.</summary>
    public static ActivityId TakeTurns(ActivityCatalog catalog, int competency, int step)
    {
        var activities = catalog.ActivityIndicesFor(competency);
        return catalog.Activities[activities[step % activities.Length]].Id;
    }
}
