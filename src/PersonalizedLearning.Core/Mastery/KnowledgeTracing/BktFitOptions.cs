using System.Collections.Immutable;
using System.Globalization;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>How <see cref="BktFitter"/> fits. The defaults are pyBKT's.</summary>
/// <remarks>Immutable and thread-safe. Values are checked when a fit starts, and every problem is reported at once.</remarks>
public sealed record BktFitOptions
{
    /// <summary>The defaults.</summary>
    public static BktFitOptions Default { get; } = new();

    /// <summary>How many random starts EM runs per competency; the best log-likelihood wins.</summary>
    /// <value>5, as pyBKT; at least 1.</value>
    public int Restarts { get; init; } = 5;

    /// <summary>The seed of the random starts. Each competency draws from its own stream, derived from the seed and
    /// its id, so results do not depend on the thread count or on the other competencies in the log.</summary>
    /// <value>42.</value>
    public long Seed { get; init; } = 42;

    /// <summary>EM stops when the log-likelihood changes by less than this.</summary>
    /// <value>1e-3, as pyBKT; finite and greater than 0.</value>
    public double Tolerance { get; init; } = 1e-3;

    /// <summary>EM stops after this many iterations at the latest.</summary>
    /// <value>100, as pyBKT; at least 1.</value>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Whether to fit a forget rate (BKT with forgetting); otherwise F = 0.</summary>
    /// <value>False.</value>
    public bool Forgetting { get; init; }

    /// <summary>Whether each activity gets its own guess and slip (KT-IDEM; pyBKT's <c>multigs</c>). Responses without
    /// an activity share one class.</summary>
    /// <value>False.</value>
    public bool GuessSlipPerActivity { get; init; }

    /// <summary>Parameters fixed for every competency.</summary>
    /// <value>Null: everything is estimated.</value>
    public BktFixedParameters? Fixed { get; init; }

    /// <summary>Parameters fixed for particular competencies; these replace <see cref="Fixed"/> for them.</summary>
    /// <value>Empty.</value>
    public ImmutableDictionary<CompetencyId, BktFixedParameters> FixedByCompetency { get; init; } = ImmutableDictionary<CompetencyId, BktFixedParameters>.Empty;

    /// <summary>Whether a competency whose answers are all correct or all wrong is fitted anyway, and reported as not
    /// identifiable, instead of failing the whole fit.</summary>
    /// <value>False: such a log is refused with an error that names every such competency.</value>
    public bool FitSingleClassCompetencies { get; init; }

    /// <summary>How many competencies are fitted at once.</summary>
    /// <value>-1: as many as the machine has cores. The result is the same for any value.</value>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    internal BktFixedParameters? FixedFor(CompetencyId competency)
        => FixedByCompetency.TryGetValue(competency, out var f) ? f : Fixed;

    internal void Validate()
    {
        var problems = new List<string>();
        if (Restarts < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"restarts must be at least 1; got {Restarts}"));
        }

        if (!(double.IsFinite(Tolerance) && Tolerance > 0))
        {
            problems.Add($"the tolerance must be finite and greater than 0; got {Tolerance.ToString("R", CultureInfo.InvariantCulture)}");
        }

        if (MaxIterations < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the iteration limit must be at least 1; got {MaxIterations}"));
        }

        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the degree of parallelism must be -1 (all cores) or at least 1; got {MaxDegreeOfParallelism}"));
        }

        if (FixedByCompetency is null)
        {
            problems.Add("the fixed parameters by competency must not be null");
        }

        problems.AddRange(Fixed?.Problems("for every competency") ?? []);
        foreach (var (competency, values) in FixedByCompetency ?? ImmutableDictionary<CompetencyId, BktFixedParameters>.Empty)
        {
            problems.AddRange(values?.Problems($"for competency '{competency}'") ?? [$"competency '{competency}' has null fixed parameters"]);
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"The BKT fit options are not valid: {string.Join("; ", problems)}.");
        }
    }
}
