using System.Collections.Immutable;
using System.Globalization;
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
    /// <param name="kinds">The kinds allowed; empty or default for any.</param>
    /// <param name="modalities">The modalities allowed; empty or default for any.</param>
    /// <param name="maximumMinutes">The longest activity allowed, in the learner's minutes (after extended time); null for no limit.</param>
    /// <param name="excluded">Activities never to recommend; each must be in the catalog the request names.</param>
    /// <exception cref="ArgumentOutOfRangeException">A kind or modality is not defined, or <paramref name="maximumMinutes"/> is not a finite number greater than 0.</exception>
    /// <exception cref="ArgumentException">An excluded id is empty.</exception>
    public RecommendationFilter(
        ImmutableArray<ActivityKind> kinds = default,
        ImmutableArray<LearningModality> modalities = default,
        double? maximumMinutes = null,
        ImmutableArray<ActivityId> excluded = default)
    {
        kinds = kinds.OrEmpty();
        modalities = modalities.OrEmpty();
        excluded = excluded.OrEmpty();
        foreach (var kind in kinds)
        {
            if (!Enum.IsDefined(kind))
            {
                throw new ArgumentOutOfRangeException(nameof(kinds), kind, $"The filter names an undefined activity kind ({(int)kind}).");
            }
        }

        foreach (var modality in modalities)
        {
            if (!Enum.IsDefined(modality))
            {
                throw new ArgumentOutOfRangeException(nameof(modalities), modality, $"The filter names an undefined modality ({(int)modality}).");
            }
        }

        if (maximumMinutes is { } m && !(m > 0 && double.IsFinite(m)))
        {
            throw new ArgumentOutOfRangeException(nameof(maximumMinutes), m, $"The maximum minutes must be a finite number greater than 0; got {m.ToString("R", CultureInfo.InvariantCulture)}.");
        }

        if (excluded.Any(id => id.IsEmpty))
        {
            throw new ArgumentException("The filter excludes an empty activity id.", nameof(excluded));
        }

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
