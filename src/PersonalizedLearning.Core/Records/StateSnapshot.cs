namespace PersonalizedLearning.Records;

/// <summary>
/// A learner's state as stored beside the log, so that a learner is loaded from the snapshot and the log after it rather
/// than from the whole log.
/// </summary>
/// <param name="Version">The log version the state was folded to: it holds exactly the entries at positions 1 to this.</param>
/// <param name="Fingerprint">What folded it (<see cref="LearnerRecords.Fingerprint"/>: the mastery model's name and the
/// catalog's alignments). A snapshot whose fingerprint differs from the current one is never used; the learner is rebuilt
/// from the log.</param>
/// <param name="State">The state as text the store keeps opaque (<see cref="LearnerRecords"/> writes a checksum and a
/// <c>PersonalizedLearningJson</c> document).</param>
/// <param name="Incarnation">The incarnation of the log it was folded from (<see cref="EvidenceLogRead.Incarnation"/>): a
/// store saves it only while that log is the learner's, so no snapshot outlives an erasure.</param>
/// <remarks>Immutable and thread-safe. A snapshot is only a shortcut: deleting every snapshot loses nothing.</remarks>
public sealed record StateSnapshot(long Version, string Fingerprint, string State, long Incarnation)
{
    /// <inheritdoc />
    public override string ToString() => $"StateSnapshot {{ Version = {Version}, Fingerprint = {Fingerprint}, State = {State.Length} characters, Incarnation = {Incarnation} }}";
}
