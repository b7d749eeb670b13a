using System.Collections.Immutable;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Recommendations;

/// <summary>What a recommender returns: the ranked next steps and the competencies the learner is stuck on.</summary>
/// <param name="Learner">The learner.</param>
/// <param name="Steps">The recommendations, ranked from 1; empty when nothing is left to recommend.</param>
/// <param name="Stuck">Competencies the learner is "wheel-spinning" on (Beck and Gong 2013): many pieces of evidence
/// without mastery, so that a host can bring in a teacher. Empty when none.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly record struct NextStepResult(LearnerId Learner, ImmutableArray<NextStep> Steps, ImmutableArray<StuckCompetency> Stuck)
{
    /// <summary>Whether the learner is stuck on any competency.</summary>
    public bool IsStuck => !Stuck.IsDefaultOrEmpty;

    /// <inheritdoc />
    public bool Equals(NextStepResult other) =>
        Learner == other.Learner && SequenceEquality.Equal(Steps, other.Steps) && SequenceEquality.Equal(Stuck, other.Stuck);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Learner, SequenceEquality.Hash(Steps), SequenceEquality.Hash(Stuck));
}

/// <summary>A competency a learner keeps working on without mastering it.</summary>
/// <param name="Competency">The competency.</param>
/// <param name="Attempts">The pieces of evidence on it.</param>
/// <param name="Level">The learner's level of it.</param>
/// <param name="Estimate">The learner's estimate of it, if scored.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly record struct StuckCompetency(CompetencyId Competency, int Attempts, MasteryLevel Level, double? Estimate);
