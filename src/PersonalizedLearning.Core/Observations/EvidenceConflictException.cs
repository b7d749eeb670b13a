namespace PersonalizedLearning.Observations;

/// <summary>
/// Evidence arrived with an id a learner state already holds, but with different content: two versions of one
/// statement, which the state cannot both fold and must not silently choose between.
/// </summary>
/// <remarks>
/// A regrade is not a second version of the same id: give the new result its own id and call the engine's
/// <c>Supersede</c>, which retracts the old one. The state the call was made on is unchanged.
/// </remarks>
public sealed class EvidenceConflictException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="existing">The version already folded.</param>
    /// <param name="incoming">The version that arrived.</param>
    /// <param name="paramName">The parameter that carried <paramref name="incoming"/>.</param>
    /// <param name="inBatch">Whether <paramref name="existing"/> was met earlier in the same batch rather than folded.</param>
    /// <exception cref="ArgumentNullException"><paramref name="existing"/> or <paramref name="incoming"/> is null.</exception>
    public EvidenceConflictException(Evidence existing, Evidence incoming, string? paramName = null, bool inBatch = false)
        : this(existing, incoming, FormatMessage(existing, incoming, inBatch), paramName)
    {
    }

    private EvidenceConflictException(Evidence existing, Evidence incoming, string message, string? paramName)
        : base(message, paramName)
    {
        Existing = existing;
        Incoming = incoming;
    }

    /// <summary>The version already folded (or met first in the same batch).</summary>
    public Evidence Existing { get; }

    /// <summary>The version that arrived.</summary>
    public Evidence Incoming { get; }

    /// <summary>The exception with a message that names the evidence id and which fields differ, but no values: for stores
    /// and services whose messages reach logs, where a learner's results must not (FERPA, GDPR).
    /// <see cref="Existing"/> and <see cref="Incoming"/> still carry both versions for the host to inspect.</summary>
    /// <param name="existing">The version already stored or folded.</param>
    /// <param name="incoming">The version that arrived.</param>
    /// <param name="paramName">The parameter that carried <paramref name="incoming"/>.</param>
    /// <returns>The exception.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="existing"/> or <paramref name="incoming"/> is null.</exception>
    public static EvidenceConflictException WithoutContent(Evidence existing, Evidence incoming, string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(incoming);
        var differ = new List<string>();
        Differ(existing.Learner == incoming.Learner, "learner");
        Differ(existing.Competency == incoming.Competency && existing.Activity == incoming.Activity, "competency or activity");
        Differ(existing.Outcome == incoming.Outcome, "outcome");
        Differ(existing.Timestamp == incoming.Timestamp, "timestamp");
        Differ(existing.Kind == incoming.Kind, "kind");
        Differ(existing.Weight.Equals(incoming.Weight), "weight");
        Differ(existing.Duration == incoming.Duration, "duration");
        var fields = differ.Count == 0 ? "its content" : string.Join(", ", differ);
        return new(existing, incoming, $"Evidence '{existing.Id}' arrived twice with different content ({fields} differ); an id names one piece of evidence. For a regrade give the new result its own id and supersede the old one.", paramName);

        void Differ(bool same, string field)
        {
            if (!same)
            {
                differ.Add(field);
            }
        }
    }

    private static string FormatMessage(Evidence existing, Evidence incoming, bool inBatch)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(incoming);
        return $"Evidence '{existing.Id}' arrived twice with different content; an id names one piece of evidence. "
            + $"{(inBatch ? "Earlier in the batch" : "Already folded")}: {existing}. Arrived: {incoming}. "
            + "For a regrade give the new result its own id and supersede the old one.";
    }
}
