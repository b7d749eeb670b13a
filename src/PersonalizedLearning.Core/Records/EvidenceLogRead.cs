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
/// <param name="Incarnation">Which log this is: a number the store draws when the learner's log begins, another one when
/// it begins again after an erasure; 0 for a learner with no log. A state folded from one incarnation says nothing about
/// another, whatever their versions.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record EvidenceLogRead(long After, ImmutableArray<EvidenceLogEntry> Entries, long Version, long Incarnation)
{
    /// <inheritdoc />
    public override string ToString() => $"EvidenceLogRead {{ After = {After}, Entries = {Entries.Length}, Version = {Version}, Incarnation = {Incarnation} }}";

    /// <summary>A nonzero incarnation for a log that begins: random, so that a log begun again after an erasure is told
    /// apart from the one erased.</summary>
    /// <returns>A positive number.</returns>
    public static long NewIncarnation() => (System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)) & long.MaxValue) | 1;
}
