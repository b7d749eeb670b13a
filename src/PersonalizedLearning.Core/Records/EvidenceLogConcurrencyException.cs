using PersonalizedLearning.Learners;

namespace PersonalizedLearning.Records;

/// <summary>
/// An append to a learner's evidence log expected a version the log no longer has: another writer appended first.
/// Nothing was written. Read the entries after the expected version, fold them, and append again
/// (<see cref="LearnerRecords"/> does this for you).
/// </summary>
/// <remarks>The message names only the tenant, the learner and the versions.</remarks>
public sealed class EvidenceLogConcurrencyException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="expectedVersion">The version the writer expected.</param>
    /// <param name="actualVersion">The version the log has.</param>
    public EvidenceLogConcurrencyException(TenantId tenant, LearnerId learner, long expectedVersion, long actualVersion)
        : base($"Learner '{learner}' of tenant '{tenant}': the evidence log is at version {actualVersion}, not the {expectedVersion} this append expected; another writer appended first. Nothing was written: read the entries after version {expectedVersion}, fold them, and append again.")
    {
        Tenant = tenant;
        Learner = learner;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>The tenant.</summary>
    public TenantId Tenant { get; }

    /// <summary>The learner.</summary>
    public LearnerId Learner { get; }

    /// <summary>The version the writer expected.</summary>
    public long ExpectedVersion { get; }

    /// <summary>The version the log has.</summary>
    public long ActualVersion { get; }
}
