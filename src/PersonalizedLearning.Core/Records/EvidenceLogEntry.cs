using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Records;

/// <summary>What an entry of a learner's evidence log says.</summary>
public enum EvidenceLogEntryKind
{
    /// <summary>A piece of evidence was recorded (<see cref="EvidenceLogEntry.Evidence"/>).</summary>
    Recorded = 1,

    /// <summary>A piece of evidence was retracted (an xAPI statement voided, a result deleted), whether or not it had
    /// arrived; a regrade is a retraction and a recorded replacement appended together.</summary>
    Retracted = 2,
}

/// <summary>
/// One entry of a learner's append-only evidence log in an <see cref="IEvidenceStore"/>: a piece of evidence recorded,
/// or an evidence id retracted. A learner's state is a function of the set of its entries (the engine folds evidence in
/// <see cref="Evidence.FoldOrder"/>, whatever order the entries have), so a log can always be rebuilt into the state.
/// </summary>
/// <remarks>Immutable and thread-safe. Equality is by value: kind, id and evidence.</remarks>
public sealed class EvidenceLogEntry : IEquatable<EvidenceLogEntry>
{
    private EvidenceLogEntry(EvidenceLogEntryKind kind, EvidenceId id, Evidence? evidence)
    {
        Kind = kind;
        Id = id;
        Evidence = evidence;
    }

    /// <summary>What the entry says.</summary>
    public EvidenceLogEntryKind Kind { get; }

    /// <summary>The id of the evidence recorded or retracted; never empty.</summary>
    public EvidenceId Id { get; }

    /// <summary>The evidence recorded; null for a retraction.</summary>
    public Evidence? Evidence { get; }

    /// <summary>An entry that records a piece of evidence.</summary>
    /// <param name="evidence">The evidence.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="evidence"/> is null.</exception>
    public static EvidenceLogEntry Recorded(Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return new(EvidenceLogEntryKind.Recorded, evidence.Id, evidence);
    }

    /// <summary>An entry that retracts a piece of evidence by id.</summary>
    /// <param name="id">The id retracted.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is the default (empty) id.</exception>
    public static EvidenceLogEntry Retracted(EvidenceId id)
    {
        if (id.IsEmpty)
        {
            throw new ArgumentException("A retraction needs the id of the evidence retracted; got the default (empty) id.", nameof(id));
        }

        return new(EvidenceLogEntryKind.Retracted, id, null);
    }

    /// <inheritdoc />
    public bool Equals(EvidenceLogEntry? other) =>
        other is not null && Kind == other.Kind && Id == other.Id && Equals(Evidence, other.Evidence);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as EvidenceLogEntry);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Id);

    /// <inheritdoc />
    public override string ToString() => Kind == EvidenceLogEntryKind.Recorded ? $"Recorded {Evidence}" : $"Retracted {Id}";
}
