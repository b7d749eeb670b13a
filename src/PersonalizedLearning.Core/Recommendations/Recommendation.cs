using System.Collections.Immutable;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Recommendations;

/// <summary>
/// One recommended next activity, with the competency it serves, its score and the reasons behind it.
/// </summary>
/// <remarks>Immutable and thread-safe; equality is by value, including reasons in order.</remarks>
public sealed record Recommendation
{
    /// <summary>Creates a recommendation.</summary>
    /// <param name="rank">Its position in the list, starting at 1.</param>
    /// <param name="activity">The recommended activity.</param>
    /// <param name="competency">The competency it serves.</param>
    /// <param name="score">The recommender's score in [0, 1]; higher is better.</param>
    /// <param name="reasons">Why it is recommended; at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="activity"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rank"/> is below 1 or <paramref name="score"/> is outside [0, 1].</exception>
    /// <exception cref="ArgumentException"><paramref name="reasons"/> is empty.</exception>
    public Recommendation(int rank, LearningActivity activity, CompetencyId competency, double score, ImmutableArray<RecommendationReason> reasons)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        ArgumentNullException.ThrowIfNull(activity);
        if (!(score >= 0 && score <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, "A recommendation score must be a finite number in [0, 1].");
        }

        if (reasons.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A recommendation needs at least one reason.", nameof(reasons));
        }

        Rank = rank;
        Activity = activity;
        Competency = competency;
        Score = score;
        Reasons = reasons;
    }

    /// <summary>Its position in the list, starting at 1.</summary>
    public int Rank { get; }

    /// <summary>The recommended activity.</summary>
    public LearningActivity Activity { get; }

    /// <summary>The competency it serves.</summary>
    public CompetencyId Competency { get; }

    /// <summary>The recommender's score in [0, 1]; higher is better.</summary>
    public double Score { get; }

    /// <summary>Why it is recommended, most important first.</summary>
    public ImmutableArray<RecommendationReason> Reasons { get; }

    /// <inheritdoc />
    public bool Equals(Recommendation? other) =>
        other is not null
        && Rank == other.Rank
        && Activity.Equals(other.Activity)
        && Competency == other.Competency
        && Score.Equals(other.Score)
        && SequenceEquality.Equal(Reasons, other.Reasons);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Rank, Activity, Competency, Score, SequenceEquality.Hash(Reasons));
}
