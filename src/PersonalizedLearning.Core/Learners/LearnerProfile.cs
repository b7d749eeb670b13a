using System.Collections.Immutable;
using PersonalizedLearning.Activities;

namespace PersonalizedLearning.Learners;

/// <summary>
/// Who the learner is, as far as personalization needs: goals, interests, preferred modalities and
/// accommodations. The host owns everything else about the person.
/// </summary>
/// <remarks>Equality is by value, including every list in order. Immutable and thread-safe.</remarks>
public sealed record LearnerProfile
{
    /// <summary>The members as culture-invariant text; collections by their first items and their count.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates a profile.</summary>
    /// <param name="learner">The learner.</param>
    /// <param name="goals">The competencies the learner aims to master, each at most once, each with a real target date or
    /// none; a default array is treated as empty.</param>
    /// <param name="interests">Topics the learner cares about, such as "sports"; a default array is treated as empty.</param>
    /// <param name="preferredModalities">Modalities the learner prefers, most preferred first; a default array is treated as empty.</param>
    /// <param name="accommodations">Accommodations; null for none.</param>
    /// <exception cref="ArgumentException"><paramref name="learner"/> is empty, a goal names the empty competency,
    /// two goals name the same competency, or an interest is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A goal's target date is <c>default(DateTimeOffset)</c>
    /// (<see cref="DateTimeOffset.MinValue"/>): a date left unset, not a late goal; give null for no date. A
    /// <see cref="Sequencing.PlaylistRequest"/> refuses it alike.</exception>
    public LearnerProfile(
        LearnerId learner,
        ImmutableArray<LearningGoal> goals = default,
        ImmutableArray<string> interests = default,
        ImmutableArray<LearningModality> preferredModalities = default,
        LearnerAccommodations? accommodations = null)
    {
        if (learner.IsEmpty)
        {
            throw new ArgumentException("A learner profile needs a non-empty learner id.", nameof(learner));
        }

        goals = goals.OrEmpty();
        if (goals.Any(g => g.Competency.IsEmpty))
        {
            throw new ArgumentException($"Learner '{learner}' has a goal with an empty competency id.", nameof(goals));
        }

        var repeated = goals.GroupBy(g => g.Competency).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new ArgumentException($"Learner '{learner}' has {repeated.Count()} goals for competency '{repeated.Key}'; keep one goal per competency.", nameof(goals));
        }

        foreach (var goal in goals)
        {
            // As a playlist request refuses it: the value of a date field never set, not a late goal.
            if (goal.TargetDate == default(DateTimeOffset))
            {
                throw new ArgumentOutOfRangeException(nameof(goals), goal.TargetDate, $"Learner '{learner}': goal '{goal.Competency}' {LearningGoal.DefaultTargetDateProblem}");
            }
        }

        if (!interests.IsDefault && interests.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"Learner '{learner}' has a blank interest.", nameof(interests));
        }

        Learner = learner;
        Goals = goals;
        Interests = interests.OrEmpty();
        PreferredModalities = preferredModalities.OrEmpty();
        Accommodations = accommodations ?? LearnerAccommodations.None;
    }

    /// <summary>The learner.</summary>
    public LearnerId Learner { get; }

    /// <summary>The competencies the learner aims to master, each at most once.</summary>
    /// <value>Empty unless given.</value>
    public ImmutableArray<LearningGoal> Goals { get; }

    /// <summary>Topics the learner cares about.</summary>
    /// <value>Empty unless given.</value>
    public ImmutableArray<string> Interests { get; }

    /// <summary>Modalities the learner prefers, most preferred first.</summary>
    /// <value>Empty unless given.</value>
    public ImmutableArray<LearningModality> PreferredModalities { get; }

    /// <summary>The learner's accommodations.</summary>
    /// <value><see cref="LearnerAccommodations.None"/> unless given.</value>
    public LearnerAccommodations Accommodations { get; }

    /// <inheritdoc />
    public bool Equals(LearnerProfile? other) =>
        other is not null
        && Learner == other.Learner
        && SequenceEquality.Equal(Goals, other.Goals)
        && SequenceEquality.Equal(Interests, other.Interests)
        && SequenceEquality.Equal(PreferredModalities, other.PreferredModalities)
        && Accommodations.Equals(other.Accommodations);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(
        Learner, SequenceEquality.Hash(Goals), SequenceEquality.Hash(Interests), SequenceEquality.Hash(PreferredModalities), Accommodations);
}
