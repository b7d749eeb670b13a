using System.Collections.Immutable;
using PersonalizedLearning.Activities;

namespace PersonalizedLearning.Recommendations;

/// <summary>Hard limits a host puts on what may be recommended: kinds, modalities, length, and activities to leave out.</summary>
/// <remarks>An empty list means "any". Equality is by value, lists in order. Immutable and thread-safe.</remarks>
public sealed record RecommendationFilter
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates a filter.</summary>
    /// <param name="kinds">The kinds allowed, each once; empty or default for any.</param>
    /// <param name="modalities">The modalities allowed, each once; empty or default for any.</param>
    /// <param name="maximumMinutes">The longest activity allowed, in the learner's minutes (after extended time); null for no limit.</param>
    /// <param name="excluded">Activities never to recommend; each must be in the catalog the request names.</param>
    /// <exception cref="ArgumentOutOfRangeException">A kind or modality is not defined or is listed twice,
    /// <paramref name="maximumMinutes"/> is not a finite number greater than 0, or an excluded id is empty: one
    /// exception for every problem, whose <see cref="ArgumentException.ParamName"/> is the first bad parameter and whose
    /// message names each bad parameter, its rule and the value given.</exception>
    public RecommendationFilter(
        ImmutableArray<ActivityKind> kinds = default,
        ImmutableArray<LearningModality> modalities = default,
        double? maximumMinutes = null,
        ImmutableArray<ActivityId> excluded = default)
    {
        kinds = kinds.OrEmpty();
        modalities = modalities.OrEmpty();
        excluded = excluded.OrEmpty();
        var problems = new OptionProblems("recommendation filter's settings");
        foreach (var kind in kinds)
        {
            problems.Require(Enum.IsDefined(kind), nameof(kinds), "every activity kind must be defined", kind);
        }

        problems.RequireEachOnce(kinds, nameof(kinds), "every activity kind must be listed once");
        foreach (var modality in modalities)
        {
            problems.Require(Enum.IsDefined(modality), nameof(modalities), "every modality must be defined", modality);
        }

        problems.RequireEachOnce(modalities, nameof(modalities), "every modality must be listed once");
        if (maximumMinutes is { } m)
        {
            problems.Require(m > 0 && double.IsFinite(m), nameof(maximumMinutes), "the maximum minutes must be a finite number greater than 0", m);
        }

        problems.Require(excluded.All(id => !id.IsEmpty), nameof(excluded), "every excluded activity id must be non-empty", "an empty id");
        problems.ThrowIfAny();
        Kinds = kinds;
        Modalities = modalities;
        MaximumMinutes = maximumMinutes;
        Excluded = excluded;
        foreach (var kind in kinds)
        {
            KindMask |= 1u << (int)kind;
        }

        foreach (var modality in modalities)
        {
            ModalityMask |= 1u << (int)modality;
        }
    }

    /// <summary>No limits.</summary>
    public static RecommendationFilter None { get; } = new();

    /// <summary>The kinds allowed.</summary>
    /// <value>Empty for any.</value>
    public ImmutableArray<ActivityKind> Kinds { get; }

    /// <summary>The modalities allowed.</summary>
    /// <value>Empty for any.</value>
    public ImmutableArray<LearningModality> Modalities { get; }

    /// <summary>The longest activity allowed, in the learner's minutes.</summary>
    /// <value>Null for no limit.</value>
    public double? MaximumMinutes { get; }

    /// <summary>Activities never to recommend.</summary>
    /// <value>Empty unless given.</value>
    public ImmutableArray<ActivityId> Excluded { get; }

    /// <summary>One bit per allowed kind; 0 for any.</summary>
    internal uint KindMask { get; }

    /// <summary>One bit per allowed modality; 0 for any.</summary>
    internal uint ModalityMask { get; }

    /// <inheritdoc />
    public bool Equals(RecommendationFilter? other) =>
        other is not null
        && SequenceEquality.Equal(Kinds, other.Kinds)
        && SequenceEquality.Equal(Modalities, other.Modalities)
        && MaximumMinutes.Equals(other.MaximumMinutes)
        && SequenceEquality.Equal(Excluded, other.Excluded);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SequenceEquality.Hash(Kinds), SequenceEquality.Hash(Modalities), MaximumMinutes, SequenceEquality.Hash(Excluded));
}
