using System.Collections.Immutable;
using System.Globalization;

namespace PersonalizedLearning.Learners;

/// <summary>
/// The accommodations a learner is entitled to, such as extended time.
/// </summary>
/// <remarks>Equality is by value. Immutable and thread-safe.</remarks>
public sealed record LearnerAccommodations
{
    // The extended-time factor's range; also what a pacing projection read back holds an unobserved pace to (its factor
    // is this factor when too little evidence is timed, LearningPlanner.ObservePace).
    internal const double MinimumExtendedTimeFactor = 1, MaximumExtendedTimeFactor = 10;

    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates a set of accommodations.</summary>
    /// <param name="extendedTimeFactor">How much longer than estimated this learner may take; 1 for none, 1.5 for time and a half. Finite, in [1, 10].</param>
    /// <param name="textToSpeech">Whether text should be read aloud.</param>
    /// <param name="other">Other accommodations, as codes the host defines; a default array is treated as empty.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="extendedTimeFactor"/> is NaN, infinite or outside [1, 10],
    /// or a code in <paramref name="other"/> is null or blank: one exception lists every problem (its message names each
    /// blank code by its position), named after the first bad parameter.</exception>
    public LearnerAccommodations(double extendedTimeFactor = 1.0, bool textToSpeech = false, ImmutableArray<string> other = default)
    {
        var problems = new OptionProblems("accommodations");
        problems.Require(extendedTimeFactor >= MinimumExtendedTimeFactor && extendedTimeFactor <= MaximumExtendedTimeFactor,
            nameof(extendedTimeFactor), "the extended-time factor must be a finite number in [1, 10]", extendedTimeFactor);
        for (var i = 0; i < (other.IsDefault ? 0 : other.Length); i++)
        {
            if (string.IsNullOrWhiteSpace(other[i]))
            {
                problems.Add(nameof(other), string.Create(CultureInfo.InvariantCulture, $"accommodation code {i} must not be blank"), other[i] is null ? "null" : $"\"{other[i]}\"");
            }
        }

        problems.ThrowIfAny();

        ExtendedTimeFactor = extendedTimeFactor;
        TextToSpeech = textToSpeech;
        Other = other.OrEmpty();
    }

    /// <summary>No accommodations.</summary>
    public static LearnerAccommodations None { get; } = new();

    /// <summary>How much longer than estimated this learner may take.</summary>
    /// <value>1 unless given.</value>
    public double ExtendedTimeFactor { get; }

    /// <summary>Whether text should be read aloud.</summary>
    /// <value>False unless given.</value>
    public bool TextToSpeech { get; }

    /// <summary>Other accommodations, as codes the host defines.</summary>
    /// <value>Empty unless given.</value>
    public ImmutableArray<string> Other { get; }

    /// <inheritdoc />
    public bool Equals(LearnerAccommodations? other) =>
        other is not null
        && ExtendedTimeFactor.Equals(other.ExtendedTimeFactor)
        && TextToSpeech == other.TextToSpeech
        && SequenceEquality.Equal(Other, other.Other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ExtendedTimeFactor, TextToSpeech, SequenceEquality.Hash(Other));
}
