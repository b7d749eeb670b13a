using System.Collections.Immutable;

namespace PersonalizedLearning.Records;

/// <summary>
/// A part of a learner's evidence log read from an <see cref="IEvidenceStore"/>: the entries after a position, in the
/// order they were appended, and the log's version when they were read.
/// </summary>
/// <param name="After">The position the read started after: 0 for the whole log.</param>
/// <param name="Entries">The entries at positions <paramref name="After"/> + 1 to <paramref name="Version"/>, in that order.</param>
/// <param name="Version">The log's version when read: the position of its last entry, 0 for a learner with no log. Give it
/// as the expected version of the next <see cref="IEvidenceStore.AppendAsync"/>.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record EvidenceLogRead(long After, ImmutableArray<EvidenceLogEntry> Entries, long Version)
{
    /// <inheritdoc />
    public override string ToString() => $"EvidenceLogRead {{ After = {After}, Entries = {Entries.Length}, Version = {Version} }}";
}
