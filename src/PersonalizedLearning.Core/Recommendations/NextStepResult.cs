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
    private readonly ImmutableArray<NextStep> _steps = Steps;
    private readonly ImmutableArray<StuckCompetency> _stuck = Stuck;

    /// <summary>The recommendations, ranked from 1; empty (never a default array) when nothing is left to recommend, also
    /// in <c>default(NextStepResult)</c>.</summary>
    public ImmutableArray<NextStep> Steps { get => _steps.IsDefault ? [] : _steps; init => _steps = value; }

    /// <summary>The competencies the learner is stuck on; empty (never a default array) when none.</summary>
    public ImmutableArray<StuckCompetency> Stuck { get => _stuck.IsDefault ? [] : _stuck; init => _stuck = value; }

    /// <summary>Whether the learner is stuck on any competency; derived, so not written to JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsStuck => !Stuck.IsDefaultOrEmpty;

    /// <summary>Whether there is no recommendation (nothing left to learn, or everything filtered out); then
    /// <c>Steps.FirstOrDefault()</c> is an empty <see cref="NextStep"/> whose <see cref="NextStep.Activity"/> throws.
    /// Derived, so not written to JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => Steps.IsDefaultOrEmpty;

    /// <summary>The best recommendation, when there is one.</summary>
    /// <param name="step">The first step; the empty default when there is none.</param>
    /// <returns>True when there is a recommendation.</returns>
    public bool TryGetBest(out NextStep step)
    {
        step = IsEmpty ? default : Steps[0];
        return !IsEmpty;
    }

    /// <summary>The steps, one per line, and the stuck competencies; culture-invariant.</summary>
    /// <returns>For example <c>NextStepResult for ana: 1. Video: … (F9, Learn, score 0.490): …</c>.</returns>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder(Learner.IsEmpty ? "NextStepResult (no learner: the default value): " : $"NextStepResult for {Learner}: ");
        text.Append(IsEmpty ? "no steps" : string.Join("; ", Steps));
        if (IsStuck)
        {
            text.Append("; stuck on ").Append(string.Join(", ", Stuck.Select(s => s.Competency)));
        }

        return text.ToString();
    }

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
public readonly record struct StuckCompetency(CompetencyId Competency, int Attempts, MasteryLevel Level, double? Estimate)
{
    /// <summary>Every public property by name, numbers and moments culture-invariant (round-trip numbers, ISO 8601 moments).</summary>
    /// <returns>For example <c>StuckCompetency { … }</c>.</returns>
    public override string ToString() => Printing.Describe(this);
}
