using System.Globalization;
using PersonalizedLearning.Activities;

namespace PersonalizedLearning.Simulation;

/// <summary>
/// The "factory model": one fixed sequence for everyone, in curriculum order (the framework's topological order),
/// a fixed number of steps per competency whatever the learner shows, starting over from the top at the end.
/// </summary>
/// <remarks>Competencies without activities are skipped; a competency's activities take turns. Immutable and thread-safe.</remarks>
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
    }

    /// <summary>Steps on each competency before moving on.</summary>
    public int StepsPerCompetency { get; }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"linear sequence ({StepsPerCompetency} steps each)");

    /// <inheritdoc />
    public ActivityId? Choose(SimulationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var catalog = context.Catalog;
        var sequence = catalog.Framework.TopologicalOrder.Where(c => !catalog.GetActivitiesFor(c).IsEmpty).ToList();
        if (sequence.Count == 0)
        {
            return null;
        }

        var slot = context.Step / StepsPerCompetency;
        var activities = catalog.GetActivitiesFor(sequence[slot % sequence.Count]);
        return activities[context.Step % StepsPerCompetency % activities.Length].Id;
    }
}

/// <summary>A random choice among the activities of the learner's frontier (not mastered, prerequisites mastered), as
/// a mastery-based product without any other adaptivity would pick.</summary>
/// <remarks>Seeded: the same learner at the same step always gets the same choice. Immutable and thread-safe.</remarks>
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
        var choices = context.Mastery.GetFrontier().SelectMany(c => catalog.GetActivitiesFor(c)).Distinct().ToList();
        if (choices.Count == 0)
        {
            return null;
        }

        var random = SeededRandom.For(Seed, string.Create(CultureInfo.InvariantCulture, $"{context.State.Learner}/{context.Step}"));
        return choices[random.Next(choices.Count)].Id;
    }
}
