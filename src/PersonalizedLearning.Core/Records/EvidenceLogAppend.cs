namespace PersonalizedLearning.Records;

/// <summary>What an <see cref="IEvidenceStore.AppendAsync"/> did.</summary>
/// <param name="Version">The log's version after the append.</param>
/// <param name="Incarnation">The incarnation of the log appended to (see <see cref="EvidenceLogRead.Incarnation"/>); 0
/// when nothing was written to a learner with no log.</param>
/// <param name="Written">How many entries were written (the others were already in the log).</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record EvidenceLogAppend(long Version, long Incarnation, int Written);
