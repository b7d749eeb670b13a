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
        : base(FormatMessage(existing, incoming, inBatch), paramName)
    {
        Existing = existing;
        Incoming = incoming;
    }

    /// <summary>The version already folded (or met first in the same batch).</summary>
    public Evidence Existing { get; }

    /// <summary>The version that arrived.</summary>
    public Evidence Incoming { get; }

    private static string FormatMessage(Evidence existing, Evidence incoming, bool inBatch)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(incoming);
        return $"Evidence '{existing.Id}' arrived twice with different content; an id names one piece of evidence. "
            + $"{(inBatch ? "Earlier in the batch" : "Already folded")}: {existing}. Arrived: {incoming}. "
            + "For a regrade give the new result its own id and supersede the old one.";
    }
}
