namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>Parameters held fixed during a fit; a null value is estimated.</summary>
/// <remarks>Fixing a parameter is how a host brings in what it already knows, for example a prior from a placement
/// test, or a guess rate of 0.25 for four-option items. Every value must be null or a probability in [0, 1]: each init
/// accessor refuses another at once with an <see cref="ArgumentOutOfRangeException"/> whose
/// <see cref="ArgumentException.ParamName"/> is the property's name (an object initializer sets one property at a time,
/// so the first bad one throws), also in a <c>with</c> expression, which then leaves the original as it was. One rule
/// involves two properties, as in <see cref="BktParameters"/>: a fixed guess and a fixed slip must add to less than 1
/// (G + S ≥ 1 makes a correct answer no sign of knowing; pyBKT and Baker, Corbett &amp; Aleven 2008 on identifiability).
/// It is checked where both values are known: by the accessor of whichever of <see cref="Guess"/> and <see cref="Slip"/>
/// is set second (in an initializer, the later one; in a <c>with</c> expression, the one set, against the copied other),
/// which throws, named after itself. Immutable and thread-safe; the default value fixes nothing.</remarks>
public sealed record BktFixedParameters
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>BktFixedParameters { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>P(L0), or null to estimate it; a probability in [0, 1]. Fixes the prior of every prior group
    /// (<see cref="BktFitOptions.PriorGroups"/>) too.</summary>
    /// <value>Null.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not a probability in [0, 1].</exception>
    public double? Prior { get; init => field = Probability(value, nameof(Prior)); }

    /// <summary>T, or null to estimate it; a probability in [0, 1]. Fixes the learn rate of every activity and every pair
    /// of activities too (<see cref="BktFitOptions.LearnBy"/>).</summary>
    /// <value>Null.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not a probability in [0, 1].</exception>
    public double? Learn { get; init => field = Probability(value, nameof(Learn)); }

    /// <summary>F, or null to estimate it (only used when fitting with forgetting); a probability in [0, 1].</summary>
    /// <value>Null.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not a probability in [0, 1].</exception>
    public double? Forget { get; init => field = Probability(value, nameof(Forget)); }

    /// <summary>G for every activity class, or null to estimate it; a probability in [0, 1], and below 1 − <see cref="Slip"/>
    /// when the slip is fixed too.</summary>
    /// <value>Null.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not a probability in [0, 1], or to one that
    /// makes G + S ≥ 1 with a <see cref="Slip"/> already set.</exception>
    public double? Guess { get; init => field = Sum(Probability(value, nameof(Guess)), Slip, nameof(Guess)); }

    /// <summary>S for every activity class, or null to estimate it; a probability in [0, 1], and below 1 − <see cref="Guess"/>
    /// when the guess is fixed too.</summary>
    /// <value>Null.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not a probability in [0, 1], or to one that
    /// makes G + S ≥ 1 with a <see cref="Guess"/> already set.</exception>
    public double? Slip { get; init => field = Sum(Probability(value, nameof(Slip)), Guess, nameof(Slip)); }

    private const string What = "fixed BKT parameters";

    private static double? Probability(double? value, string name)
        => OptionProblems.Checked(value, value is not { } v || v is >= 0 and <= 1, What, name, "a fixed value must be null or a probability in [0, 1]");

    // The rule BktParameters' constructor applies, here where the second of the two values is set.
    private static double? Sum(double? value, double? other, string name)
        => value is { } v && other is { } o && v + o >= 1
            ? OptionProblems.Checked(value, false, What, name, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"with the {(name == nameof(Guess) ? "slip" : "guess")} fixed at {OptionProblems.Format(o)}, guess + slip must be less than 1, so that knowing the competency makes a correct answer more likely"))
            : value;
}
