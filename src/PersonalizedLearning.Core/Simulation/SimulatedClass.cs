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

    internal void Validate()
    {
        Check(Prior, 0, 1, nameof(Prior));
        Check(Learn, 0, 1, nameof(Learn));
        Check(Guess, 0, 1, nameof(Guess));
        Check(Slip, 0, 1, nameof(Slip));
        Check(Ability, 0, 10, nameof(Ability));
        if (!(GatedLearnFactor >= 0 && GatedLearnFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(GatedLearnFactor), GatedLearnFactor, "The gated learn factor must be in [0, 1].");
        }

        if (Guess.High + Slip.High >= 1)
        {
            throw new ArgumentException("Guess and slip ranges must keep guess + slip below 1, or a correct answer would not mean knowing.", nameof(Guess));
        }
    }

    private static void Check((double Low, double High) range, double min, double max, string name)
    {
        if (!(range.Low >= min && range.High <= max && range.Low <= range.High))
        {
            throw new ArgumentOutOfRangeException(name, string.Create(CultureInfo.InvariantCulture, $"({range.Low}, {range.High})"),
                string.Create(CultureInfo.InvariantCulture, $"The {name} range must satisfy {min} ≤ low ≤ high ≤ {max}."));
        }
    }
}

/// <summary>
/// A simulated learner: hidden true knowledge of every competency of a framework that follows BKT, with parameters per
/// competency, learning from practice only once the competency's prerequisites are known (as the settings gate it).
/// </summary>
/// <remarks>
/// <para>Policies never see the hidden knowledge: they see only the evidence the learner produces. The harness reads it
/// to measure what was really learned.</para>
/// <para>Only the harness (<see cref="ClassroomSimulator"/>) makes a learner practise, and it works on private copies,
/// so a learner as drawn never changes and every policy starts from the same one. Thread-safe to read.</para>
/// </remarks>
public sealed class SimulatedLearner
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>SimulatedLearner { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    private readonly CompetencyFramework _framework;
    private readonly BktParameters[] _parameters;
    private readonly bool[] _known;
    private readonly double _gatedLearnFactor;
    private SeededRandom _random;

    private SimulatedLearner(LearnerId id, CompetencyFramework framework, BktParameters[] parameters, bool[] known, double gatedLearnFactor, SeededRandom random)
    {
        Id = id;
        _framework = framework;
        _parameters = parameters;
        _known = known;
        _gatedLearnFactor = gatedLearnFactor;
        _random = random;
    }

    /// <summary>The learner's id.</summary>
    public LearnerId Id { get; }

    /// <summary>The learner's true BKT parameters for a competency.</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="ArgumentException"><paramref name="competency"/> is not in the framework.</exception>
    public BktParameters ParametersFor(CompetencyId competency) => _parameters[_framework.IndexOf(competency)];

    /// <summary>Whether the learner truly knows a competency now.</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>True when known.</returns>
    /// <exception cref="ArgumentException"><paramref name="competency"/> is not in the framework.</exception>
    public bool Knows(CompetencyId competency) => _known[_framework.IndexOf(competency)];

    /// <summary>How many competencies the learner truly knows.</summary>
    public int KnownCount => _known.Count(k => k);

    /// <summary>An independent copy, with the same knowledge and the same random stream from here on.</summary>
    internal SimulatedLearner Clone() => new(Id, _framework, _parameters, [.. _known], _gatedLearnFactor, _random);

    /// <summary>Draws a learner.</summary>
    internal static SimulatedLearner Draw(LearnerId id, CompetencyFramework framework, SimulatedLearnerSettings settings, long seed)
    {
        var random = SeededRandom.For(seed, "learner:" + id.Value);
        var ability = Uniform(ref random, settings.Ability);
        var parameters = new BktParameters[framework.Count];
        var known = new bool[framework.Count];
        foreach (var competency in framework.TopologicalOrder)
        {
            var i = framework.IndexOf(competency);
            var learn = Math.Min(1, Uniform(ref random, settings.Learn) * ability);
            parameters[i] = BktParameters.FromEstimates(Uniform(ref random, settings.Prior), learn, Uniform(ref random, settings.Guess), Uniform(ref random, settings.Slip));
            var gate = PrerequisitesKnown(framework, known, i) ? 1 : settings.GatedLearnFactor;
            known[i] = random.NextDouble() < parameters[i].Prior * gate;
        }

        return new SimulatedLearner(id, framework, parameters, known, settings.GatedLearnFactor, SeededRandom.For(seed, "responses:" + id.Value));
    }

    /// <summary>One step of practice on an activity: the answer (correct unless it slips when every aligned competency
    /// is known, a guess otherwise), then learning of each aligned competency not yet known, at its learn rate, gated by
    /// its prerequisites.</summary>
    /// <returns>Whether the answer was correct, and whether every aligned competency was already known (a wasted step).</returns>
    internal (bool Correct, bool AlreadyKnown) Practise(ReadOnlySpan<int> competencies)
    {
        var allKnown = true;
        var slip = 0.0;
        var guess = 1.0;
        foreach (var c in competencies)
        {
            allKnown &= _known[c];
            slip = Math.Max(slip, _parameters[c].Slip);
            guess = Math.Min(guess, _parameters[c].Guess);
        }

        var correct = _random.NextDouble() < (allKnown ? 1 - slip : guess);
        foreach (var c in competencies)
        {
            if (!_known[c])
            {
                var rate = _parameters[c].Learn * (PrerequisitesKnown(_framework, _known, c) ? 1 : _gatedLearnFactor);
                _known[c] = _random.NextDouble() < rate;
            }
        }

        return (correct, allKnown);
    }

    internal bool KnowsIndex(int competency) => _known[competency];

    private static bool PrerequisitesKnown(CompetencyFramework framework, bool[] known, int competency)
    {
        foreach (var p in framework.PrerequisiteIndices(competency))
        {
            if (!known[p])
            {
                return false;
            }
        }

        return true;
    }

    private static double Uniform(ref SeededRandom random, (double Low, double High) range) => range.Low + ((range.High - range.Low) * random.NextDouble());
}

/// <summary>A seeded, reproducible class of simulated learners over one catalog's framework.</summary>
/// <remarks>Immutable and thread-safe: the harness practises on copies.</remarks>
public sealed class SimulatedClass
{
    /// <summary>Its public members by name, culture-invariant; collections by their first items and their count.</summary>
    /// <returns>For example <c>SimulatedClass { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    private SimulatedClass(ActivityCatalog catalog, ImmutableArray<SimulatedLearner> learners, long seed)
    {
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

    /// <summary>Draws a class. The same arguments always give the same learners.</summary>
    /// <param name="catalog">The catalog, and through it the framework.</param>
    /// <param name="size">How many learners; in [1, 100,000].</param>
    /// <param name="seed">The seed.</param>
    /// <param name="settings">How learners are drawn; null for <see cref="SimulatedLearnerSettings.Default"/>.</param>
    /// <returns>The class.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is outside its range, or a setting is.</exception>
    public static SimulatedClass Create(ActivityCatalog catalog, int size, long seed, SimulatedLearnerSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 100_000);
        settings ??= SimulatedLearnerSettings.Default;
        settings.Validate();
        var learners = Enumerable.Range(0, size)
            .Select(i => SimulatedLearner.Draw(new LearnerId(string.Create(CultureInfo.InvariantCulture, $"sim{i + 1:D3}")), catalog.Framework, settings, seed))
            .ToImmutableArray();
        return new SimulatedClass(catalog, learners, seed);
    }
}
