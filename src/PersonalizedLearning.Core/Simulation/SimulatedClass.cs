using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery.KnowledgeTracing;

namespace PersonalizedLearning.Simulation;

/// <summary>How simulated learners are drawn: the ranges of their BKT parameters and how prerequisites gate learning.</summary>
/// <param name="Prior">P(known) before any practice, per competency, drawn uniformly from this range.</param>
/// <param name="Learn">P(learning) per practice step, per competency, drawn uniformly from this range, then scaled by the
/// learner's ability.</param>
/// <param name="Guess">P(correct) when not known, drawn uniformly from this range.</param>
/// <param name="Slip">P(wrong) when known, drawn uniformly from this range.</param>
/// <param name="Ability">Each learner's ability, a factor on every learn rate, drawn uniformly from this range.</param>
/// <param name="GatedLearnFactor">The factor on the learn rate while a prerequisite is not known: 0 means nothing can be
/// learned before its prerequisites, 1 means prerequisites do not matter. Initial knowledge is gated the same way.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record SimulatedLearnerSettings(
    (double Low, double High) Prior,
    (double Low, double High) Learn,
    (double Low, double High) Guess,
    (double Low, double High) Slip,
    (double Low, double High) Ability,
    double GatedLearnFactor)
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>SimulatedLearnerSettings { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Priors 0.05–0.35, learn rates 0.10–0.35, guess 0.10–0.25, slip 0.05–0.15, ability 0.6–1.4, and no learning
    /// before the prerequisites are known.</summary>
    public static SimulatedLearnerSettings Default { get; } = new((0.05, 0.35), (0.10, 0.35), (0.10, 0.25), (0.05, 0.15), (0.6, 1.4), 0);

    // Checked where the settings are used (a positional record has no constructor body), every problem at once.
    internal void Validate()
    {
        var problems = new OptionProblems("simulated learner settings");
        Check(ref problems, Prior, 0, 1, nameof(Prior));
        Check(ref problems, Learn, 0, 1, nameof(Learn));
        var guess = Check(ref problems, Guess, 0, 1, nameof(Guess));
        var slip = Check(ref problems, Slip, 0, 1, nameof(Slip));
        Check(ref problems, Ability, 0, 10, nameof(Ability));
        problems.Require(GatedLearnFactor is >= 0 and <= 1, nameof(GatedLearnFactor), "the gated learn factor must be in [0, 1]", GatedLearnFactor);
        if (guess && slip && Guess.High + Slip.High >= 1)
        {
            problems.Add(nameof(Guess), "the guess and slip ranges must keep guess + slip below 1, or a correct answer would not mean knowing",
                $"highest guess {OptionProblems.Format(Guess.High)} + highest slip {OptionProblems.Format(Slip.High)}");
        }

        problems.ThrowIfAny();
    }

    /// <summary>Adds a problem unless a range satisfies min ≤ low ≤ high ≤ max.</summary>
    /// <returns>Whether it does.</returns>
    internal static bool Check(ref OptionProblems problems, (double Low, double High) range, double min, double max, string name)
    {
        var holds = range.Low >= min && range.High <= max && range.Low <= range.High;
        if (!holds)
        {
            problems.Add(name, $"the {name} range must satisfy {OptionProblems.Format(min)} ≤ low ≤ high ≤ {OptionProblems.Format(max)}",
                $"({OptionProblems.Format(range.Low)}, {OptionProblems.Format(range.High)})");
        }

        return holds;
    }
}

/// <summary>A seeded, reproducible class of simulated learners over one catalog's framework.</summary>
/// <remarks>Immutable and thread-safe: the harness practises on copies.</remarks>
public sealed class SimulatedClass
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>SimulatedClass { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    private SimulatedClass(ActivityCatalog catalog, ImmutableArray<SimulatedLearner> learners, long seed, StudentModel students)
    {
        Students = students;
        Catalog = catalog;
        Learners = learners;
        Seed = seed;
    }

    /// <summary>The catalog the learners practise with.</summary>
    public ActivityCatalog Catalog { get; }

    /// <summary>The learners, as drawn.</summary>
    public ImmutableArray<SimulatedLearner> Learners { get; }

    /// <summary>The seed they were drawn with.</summary>
    public long Seed { get; }

    /// <summary>Draws a class of gated BKT learners with <see cref="SimulatedLearnerSettings.Default"/>. The same arguments always give the same learners.</summary>
    /// <param name="catalog">The catalog, and through it the framework.</param>
    /// <param name="size">How many learners; in [1, 100,000].</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The class.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is outside its range.</exception>
    public static SimulatedClass Create(ActivityCatalog catalog, int size, long seed) => Create(catalog, size, seed, new BktStudents());

    /// <summary>Draws a class of BKT learners (<see cref="BktStudents"/>). The same arguments always give the same learners.</summary>
    /// <param name="catalog">The catalog, and through it the framework.</param>
    /// <param name="size">How many learners; in [1, 100,000].</param>
    /// <param name="seed">The seed.</param>
    /// <param name="settings">How learners are drawn; null for <see cref="SimulatedLearnerSettings.Default"/>.</param>
    /// <returns>The class.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is outside its range, or a setting is (every
    /// bad setting in one exception, the guess and slip ranges' sum among them).</exception>
    public static SimulatedClass Create(ActivityCatalog catalog, int size, long seed, SimulatedLearnerSettings? settings) =>
        Create(catalog, size, seed, new BktStudents(settings));

    /// <summary>Draws a class from a student model. The same arguments always give the same learners.</summary>
    /// <param name="catalog">The catalog, and through it the framework the course is authored with.</param>
    /// <param name="size">How many learners; in [1, 100,000]. Learners are <c>sim001</c>, <c>sim002</c>, ….</param>
    /// <param name="seed">The seed.</param>
    /// <param name="students">How learners know, learn, forget and answer.</param>
    /// <returns>The class.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> or <paramref name="students"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is outside its range.</exception>
    public static SimulatedClass Create(ActivityCatalog catalog, int size, long seed, StudentModel students)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(students);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 100_000);
        var graph = students.TruePrerequisites(catalog.Framework, seed);
        var learners = Enumerable.Range(0, size)
            .Select(i => students.Draw(new LearnerId(string.Create(CultureInfo.InvariantCulture, $"sim{i + 1:D3}")), catalog.Framework, graph, seed))
            .ToImmutableArray();
        return new SimulatedClass(catalog, learners, seed, students);
    }

    /// <summary>The student model the learners were drawn from.</summary>
    public StudentModel Students { get; }
}
