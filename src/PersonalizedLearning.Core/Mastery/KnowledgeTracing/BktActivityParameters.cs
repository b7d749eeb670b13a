using System.Globalization;
using PersonalizedLearning.Activities;

namespace PersonalizedLearning.Mastery.KnowledgeTracing;

/// <summary>
/// The BKT parameters one activity has of its own within a competency: a guess and slip (KT-IDEM, Pardos &amp;
/// Heffernan 2011; pyBKT's <c>multigs</c>) and a learn and forget rate (pyBKT's <c>multilearn</c>: the chance to learn
/// from doing the activity). A null value is the competency's.
/// </summary>
/// <param name="Activity">The activity.</param>
/// <param name="Guess">G for answers in the activity, or null for the competency's.</param>
/// <param name="Slip">S for answers in the activity, or null for the competency's.</param>
/// <param name="Learn">T on the move after an answer in the activity, or null for the competency's.</param>
/// <param name="Forget">F on the move after an answer in the activity, or null for the competency's.</param>
/// <remarks>Values are checked when a <see cref="BktCompetencyParameters"/> is built from them: each a probability. Unlike
/// <see cref="BktFixedParameters"/>, a guess and slip that add to 1 or more are kept, as a fit can end there (pyBKT
/// issues #36, #38, #40): they make the competency <see cref="BktCompetencyParameters.IsDegenerate"/>, which
/// <see cref="BktModel"/> refuses unless built with <c>allowDegenerate</c>. Immutable and thread-safe.</remarks>
public sealed record BktActivityParameters(ActivityId Activity, double? Guess = null, double? Slip = null, double? Learn = null, double? Forget = null)
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>BktActivityParameters { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Whether the activity has a value of its own for anything.</summary>
    public bool HasOwnValues => Guess is not null || Slip is not null || Learn is not null || Forget is not null;

    internal IEnumerable<string> Problems()
    {
        foreach (var (name, value) in new[] { ("guess", Guess), ("slip", Slip), ("learn", Learn), ("forget", Forget) })
        {
            if (value is { } v && !(v >= 0 && v <= 1))
            {
                yield return $"activity '{Activity}': {name} must be a probability in [0, 1]; got {v.ToString("R", CultureInfo.InvariantCulture)}";
            }
        }
    }
}

/// <summary>Two activities answered one after the other on a competency: the key of a learn rate per pair (pyBKT's
/// <c>multipair</c>).</summary>
/// <param name="Previous">The activity of the earlier answer.</param>
/// <param name="Activity">The activity of the later answer, whose move to the next answer the pair's rates govern.</param>
/// <remarks>The default value pairs two empty activity identifiers: it keys no learn rate a fit makes. Ordered by <see cref="Previous"/>, then <see cref="Activity"/>. Immutable and thread-safe.</remarks>
public readonly record struct BktActivityPair(ActivityId Previous, ActivityId Activity) : IComparable<BktActivityPair>
{
    /// <inheritdoc />
    public int CompareTo(BktActivityPair other)
    {
        var c = Previous.CompareTo(other.Previous);
        return c != 0 ? c : Activity.CompareTo(other.Activity);
    }

    /// <summary>Whether a pair sorts before another.</summary>
    /// <param name="left">A pair.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether <paramref name="left"/> sorts first.</returns>
    public static bool operator <(BktActivityPair left, BktActivityPair right) => left.CompareTo(right) < 0;

    /// <summary>Whether a pair sorts before another or equals it.</summary>
    /// <param name="left">A pair.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether <paramref name="left"/> does not sort after <paramref name="right"/>.</returns>
    public static bool operator <=(BktActivityPair left, BktActivityPair right) => left.CompareTo(right) <= 0;

    /// <summary>Whether a pair sorts after another.</summary>
    /// <param name="left">A pair.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether <paramref name="left"/> sorts last.</returns>
    public static bool operator >(BktActivityPair left, BktActivityPair right) => left.CompareTo(right) > 0;

    /// <summary>Whether a pair sorts after another or equals it.</summary>
    /// <param name="left">A pair.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether <paramref name="left"/> does not sort before <paramref name="right"/>.</returns>
    public static bool operator >=(BktActivityPair left, BktActivityPair right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => $"{Previous} → {Activity}";
}

/// <summary>A learn and forget rate: the move between two answers.</summary>
/// <param name="Learn">T, the chance to move from not knowing to knowing.</param>
/// <param name="Forget">F, the chance to move from knowing to not knowing.</param>
/// <remarks>The default value is learn 0 and forget 0: nothing changes between two answers. Immutable and thread-safe.</remarks>
public readonly record struct BktTransitionRates(double Learn, double Forget)
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>BktTransitionRates { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);
}
