using System.Collections.Immutable;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Learners;

/// <summary>
/// What one learner has shown: a compact <see cref="CompetencyState"/> per competency touched by evidence,
/// and the ids of the evidence already folded.
/// </summary>
/// <remarks>
/// <para>A state changes only by folding evidence (see <c>PersonalizedLearningEngine.Record</c>), and each
/// fold returns a new state, so a state can always be rebuilt from the evidence log in the same order: the
/// same log gives an equal state. Folding an evidence id that was already folded returns the same state.</para>
/// <para>The state records the name of the mastery model that folded it, since the meaning of each
/// competency's <see cref="MasteryMemory"/> belongs to that model.</para>
/// <para>Immutable and thread-safe. Equality is by value.</para>
/// </remarks>
public sealed class LearnerState : IEquatable<LearnerState>
{
    private LearnerState(LearnerId learner, string model, ImmutableSortedDictionary<CompetencyId, CompetencyState> competencies, ImmutableHashSet<EvidenceId> applied)
    {
        Learner = learner;
        Model = model;
        Competencies = competencies;
        AppliedEvidence = applied;
    }

    /// <summary>The learner.</summary>
    public LearnerId Learner { get; }

    /// <summary>The name of the mastery model that folds evidence into this state.</summary>
    public string Model { get; }

    /// <summary>The state of every touched competency, ordered by id.</summary>
    public ImmutableSortedDictionary<CompetencyId, CompetencyState> Competencies { get; }

    /// <summary>The ids of every piece of evidence folded so far.</summary>
    public ImmutableHashSet<EvidenceId> AppliedEvidence { get; }

    /// <summary>A state with no evidence.</summary>
    /// <param name="learner">The learner.</param>
    /// <param name="model">The name of the mastery model that will fold evidence into it.</param>
    /// <returns>The empty state.</returns>
    /// <exception cref="ArgumentException"><paramref name="learner"/> is empty or <paramref name="model"/> is blank.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static LearnerState Create(LearnerId learner, string model)
    {
        if (learner.IsEmpty)
        {
            throw new ArgumentException("A learner state needs a non-empty learner id.", nameof(learner));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return new(learner, model, ImmutableSortedDictionary<CompetencyId, CompetencyState>.Empty, []);
    }

    /// <summary>The state of one competency.</summary>
    /// <param name="competency">The competency.</param>
    /// <returns>Its state; the default (untouched) state when no evidence has reached it.</returns>
    public CompetencyState Get(CompetencyId competency) => Competencies.GetValueOrDefault(competency);

    /// <summary>Whether the evidence with <paramref name="id"/> was already folded.</summary>
    /// <param name="id">The evidence id.</param>
    /// <returns>True when folded.</returns>
    public bool HasApplied(EvidenceId id) => AppliedEvidence.Contains(id);

    /// <inheritdoc />
    public bool Equals(LearnerState? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Learner == other.Learner
                && Model == other.Model
                && Competencies.Count == other.Competencies.Count
                && Competencies.SequenceEqual(other.Competencies)
                && AppliedEvidence.SetEquals(other.AppliedEvidence)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LearnerState);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Learner, Model, Competencies.Count, AppliedEvidence.Count);

    /// <inheritdoc />
    public override string ToString() => $"LearnerState {{ Learner = {Learner}, Model = {Model}, Competencies = {Competencies.Count}, Evidence = {AppliedEvidence.Count} }}";

    /// <summary>Folds one piece of evidence: records its id and replaces the states it changed.</summary>
    internal LearnerState With(EvidenceId id, ReadOnlySpan<KeyValuePair<CompetencyId, CompetencyState>> updates)
    {
        var competencies = Competencies.SetItems(updates.ToArray());
        return new(Learner, Model, competencies, AppliedEvidence.Add(id));
    }

    /// <summary>Restores a state from a document; the caller has checked every field.</summary>
    internal static LearnerState Restore(LearnerId learner, string model, IEnumerable<KeyValuePair<CompetencyId, CompetencyState>> competencies, IEnumerable<EvidenceId> applied)
        => new(learner, model, ImmutableSortedDictionary.CreateRange(competencies), [.. applied]);
}
