using System.Text.Json.Serialization;
using PersonalizedLearning.Competencies;

namespace PersonalizedLearning.Learners;

/// <summary>A competency a learner aims to master, optionally by a date.</summary>
/// <remarks>Immutable and thread-safe. The default value names the empty competency and is rejected by <see cref="LearnerProfile"/>.</remarks>
public readonly record struct LearningGoal
{
    /// <summary>The goal as culture-invariant text (an ISO 8601 target date).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Printing.Describe(this);

    /// <summary>Creates a goal.</summary>
    /// <param name="competency">The competency to master.</param>
    /// <param name="targetDate">When it should be mastered; null for no date.</param>
    /// <exception cref="ArgumentException"><paramref name="competency"/> is the empty identifier.</exception>
    [JsonConstructor]
    public LearningGoal(CompetencyId competency, DateTimeOffset? targetDate = null)
    {
        if (competency.IsEmpty)
        {
            throw new ArgumentException("A learning goal needs a non-empty competency id.", nameof(competency));
        }

        Competency = competency;
        TargetDate = targetDate;
    }

    /// <summary>The competency to master.</summary>
    public CompetencyId Competency { get; }

    /// <summary>What is wrong with a target date of <c>default(DateTimeOffset)</c>, as the types that refuse it
    /// (<see cref="LearnerProfile"/>, <see cref="Sequencing.PlaylistRequest"/>) say it, after the goal's name.</summary>
    internal static string DefaultTargetDateProblem { get; } =
        $"has the default target date ({default(DateTimeOffset):O}), a date left unset; give a real date, or null for no date.";

    /// <summary>When it should be mastered.</summary>
    /// <value>Null when there is no date.</value>
    public DateTimeOffset? TargetDate { get; }
}
