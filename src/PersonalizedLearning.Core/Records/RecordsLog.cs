using Microsoft.Extensions.Logging;
using PersonalizedLearning.Diagnostics;
using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Records;

/// <summary>The log messages of <see cref="LearnerRecords"/> (source-generated; ids in
/// <see cref="PersonalizedLearningTelemetry.EventIds"/>). They name tenants, and learners only when the host opts in
/// (<see cref="PersonalizedLearningEngine.IncludeLearnerIdsInTelemetry"/>; otherwise <c>(hidden)</c>), never evidence
/// content.</summary>
internal static partial class RecordsLog
{
    /// <summary>A learner as the logs show it: the id when the host opted in, <c>(hidden)</c> otherwise.</summary>
    internal readonly struct LoggedLearner(LearnerId learner, bool shown)
    {
        public override string ToString() => shown ? learner.Value : "(hidden)";
    }

    [LoggerMessage(EventId = PersonalizedLearningTelemetry.EventIds.RecordsWriteConflict, Level = LogLevel.Information,
        Message = "Learner {Learner} of tenant {Tenant}: another writer appended first (the log was at version {Actual}, not {Expected}); {Entries} entries were appended at the end and the log's tail folded.")]
    public static partial void WriteConflict(ILogger logger, LoggedLearner learner, TenantId tenant, long actual, long expected, int entries);

    [LoggerMessage(EventId = PersonalizedLearningTelemetry.EventIds.RecordsEvidenceRejected, Level = LogLevel.Warning,
        Message = "Refused {Pieces} pieces of evidence for learner {Learner} of tenant {Tenant} ({Reason}, {ErrorType}); nothing was written.")]
    public static partial void EvidenceRejected(ILogger logger, int pieces, LoggedLearner learner, TenantId tenant, string reason, string? errorType);

    [LoggerMessage(EventId = PersonalizedLearningTelemetry.EventIds.RecordsSnapshotUnusable, Level = LogLevel.Warning,
        Message = "The snapshot of learner {Learner} of tenant {Tenant} at version {Version} carries this engine's fingerprint but could not be used (damaged or edited); the learner was rebuilt from the log and the snapshot replaced.")]
    public static partial void SnapshotUnusable(ILogger logger, LoggedLearner learner, TenantId tenant, long version);

    [LoggerMessage(EventId = PersonalizedLearningTelemetry.EventIds.RecordsRebuildFinished, Level = LogLevel.Information,
        Message = "Rebuild of tenant {Tenant} finished: {Learners} learners, {Rebuilt} rebuilt, {UpToDate} up to date, {Failed} failed, {Entries} log entries read, in {ElapsedSeconds:0.###} s.")]
    public static partial void RebuildFinished(ILogger logger, TenantId tenant, int learners, int rebuilt, int upToDate, int failed, long entries, double elapsedSeconds);

    [LoggerMessage(EventId = PersonalizedLearningTelemetry.EventIds.RecordsRebuildLearnerFailed, Level = LogLevel.Error,
        Message = "Learner {Learner} of tenant {Tenant} could not be folded by the rebuild ({ErrorType}); the others went on. The rebuild's report holds the reason.")]
    public static partial void RebuildLearnerFailed(ILogger logger, LoggedLearner learner, TenantId tenant, string? errorType);
}
