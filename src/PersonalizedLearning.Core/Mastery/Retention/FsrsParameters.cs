using System.Collections.Immutable;
using System.Globalization;

namespace PersonalizedLearning.Mastery.Retention;

/// <summary>
/// The parameters of FSRS-6 (Free Spaced Repetition Scheduler; Ye et al., open-spaced-repetition): 21 weights, the
/// retention to schedule for, and the short-term learning steps. The defaults are FSRS-6's and ts-fsrs 5's.
/// </summary>
/// <remarks>Immutable and thread-safe. Values are checked by <see cref="FsrsScheduler"/>, which reports every
/// problem at once.</remarks>
public sealed record FsrsParameters
{
    /// <summary>FSRS-6's 21 default weights w0 … w20.</summary>
    public static ImmutableArray<double> DefaultWeights { get; } =
    [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ];

    /// <summary>The defaults.</summary>
    public static FsrsParameters Default { get; } = new();

    /// <summary>The 21 weights w0 … w20.</summary>
    /// <value><see cref="DefaultWeights"/>.</value>
    public ImmutableArray<double> Weights { get; init; } = DefaultWeights;

    /// <summary>The probability of recall at which a review is due.</summary>
    /// <value>0.9; in (0, 1).</value>
    public double DesiredRetention { get; init; } = 0.9;

    /// <summary>The longest interval, in days.</summary>
    /// <value>36,500; at least 1.</value>
    public int MaximumInterval { get; init; } = 36_500;

    /// <summary>Whether same-day reviews and learning steps are modelled (FSRS's short-term memory).</summary>
    /// <value>True.</value>
    public bool EnableShortTerm { get; init; } = true;

    /// <summary>The steps of a new memory before it is scheduled in days (with <see cref="EnableShortTerm"/>).</summary>
    /// <value>1 minute, 10 minutes.</value>
    public ImmutableArray<TimeSpan> LearningSteps { get; init; } = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10)];

    /// <summary>The steps of a forgotten memory before it is scheduled in days again.</summary>
    /// <value>10 minutes.</value>
    public ImmutableArray<TimeSpan> RelearningSteps { get; init; } = [TimeSpan.FromMinutes(10)];

    internal void Validate()
    {
        var problems = new List<string>();
        if (Weights.IsDefault || Weights.Length != 21)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"FSRS-6 needs 21 weights; got {(Weights.IsDefault ? 0 : Weights.Length)}"));
        }
        else
        {
            for (var i = 0; i < Weights.Length; i++)
            {
                if (!double.IsFinite(Weights[i]))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"weight w{i} must be finite; got {Weights[i]}"));
                }
            }

            if (double.IsFinite(Weights[20]) && !(Weights[20] > 0))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"weight w20 (the forgetting curve's decay) must be greater than 0; got {Weights[20]}"));
            }

            for (var i = 0; i < 4; i++)
            {
                if (double.IsFinite(Weights[i]) && !(Weights[i] > 0))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"weight w{i} (an initial stability) must be greater than 0; got {Weights[i]}"));
                }
            }
        }

        if (!(DesiredRetention > 0 && DesiredRetention < 1))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the desired retention must be in (0, 1); got {DesiredRetention}"));
        }

        if (MaximumInterval < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the maximum interval must be at least 1 day; got {MaximumInterval}"));
        }

        foreach (var (name, steps) in new[] { ("learning", LearningSteps), ("relearning", RelearningSteps) })
        {
            if (steps.IsDefault || steps.Any(s => s <= TimeSpan.Zero))
            {
                problems.Add($"every {name} step must be positive");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"The FSRS parameters are not valid: {string.Join("; ", problems)}.");
        }
    }
}
