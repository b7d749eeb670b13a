using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Records;

/// <summary>A learner as <see cref="IEvidenceStore.ListLearnersAsync"/> lists it: the log's version and which snapshot
/// the store holds, without the snapshot's state (so that a rebuild finds the learners to refold without reading every
/// state).</summary>
/// <param name="Learner">The learner.</param>
/// <param name="Version">The log's version: the position of its last entry; at least 1 (learners with no log are not
/// listed).</param>
/// <param name="SnapshotVersion">The version of the stored snapshot; null when there is none.</param>
/// <param name="SnapshotFingerprint">The fingerprint of the stored snapshot; null when there is none.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record StoredLearner(LearnerId Learner, long Version, long? SnapshotVersion, string? SnapshotFingerprint);
