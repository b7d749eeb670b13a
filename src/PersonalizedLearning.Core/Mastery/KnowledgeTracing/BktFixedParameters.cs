using System.Globalization;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>Parameters held fixed during a fit; a null value is estimated.</summary>
/// <remarks>Fixing a parameter is how a host brings in what it already knows, for example a prior from a placement
/// test, or a guess rate of 0.25 for four-option items. Every value must be a probability in [0, 1]:
/// <see cref="BktFitter.Fit"/> refuses others with an <see cref="ArgumentException"/> that names each. Immutable and
/// thread-safe; the default value fixes nothing.</remarks>
public sealed record BktFixedParameters
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>BktFixedParameters { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>P(L0), or null to estimate it; a probability in [0, 1]. Fixes the prior of every prior group
    /// (<see cref="BktFitOptions.PriorGroups"/>) too.</summary>
    public double? Prior { get; init; }

    /// <summary>T, or null to estimate it; a probability in [0, 1]. Fixes the learn rate of every activity and every pair
    /// of activities too (<see cref="BktFitOptions.LearnBy"/>).</summary>
    public double? Learn { get; init; }

    /// <summary>F, or null to estimate it (only used when fitting with forgetting).</summary>
    public double? Forget { get; init; }

    /// <summary>G for every activity class, or null to estimate it.</summary>
    public double? Guess { get; init; }

    /// <summary>S for every activity class, or null to estimate it.</summary>
    public double? Slip { get; init; }

    /// <summary>The problems with these values: each must be a probability.</summary>
    internal IEnumerable<string> Problems(string where)
    {
        foreach (var (name, value) in new[] { ("prior", Prior), ("learn", Learn), ("forget", Forget), ("guess", Guess), ("slip", Slip) })
        {
            if (value is { } v && !(v >= 0 && v <= 1))
            {
                yield return $"{where}: fixed {name} must be a probability in [0, 1]; got {v.ToString("R", CultureInfo.InvariantCulture)}";
            }
        }
    }
}
