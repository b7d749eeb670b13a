using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Records;

/// <summary>
/// The argument rules every <see cref="IEvidenceStore"/> applies, in one place, for the stores of this repository and for
/// a host that writes its own: the same checks, in the same order, with the same exceptions.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class EvidenceStoreRules
{
    /// <summary>Checks a tenant and learner id.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="learner">The learner.</param>
    /// <exception cref="ArgumentException">Either is the default (empty) id.</exception>
    public static void RequireIds(TenantId tenant, LearnerId learner)
    {
        RequireTenant(tenant);
        if (learner.IsEmpty)
        {
            throw new ArgumentException("A learner id is required; got the default (empty) id.", nameof(learner));
        }
    }

    /// <summary>Checks a tenant id.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <exception cref="ArgumentException"><paramref name="tenant"/> is the default (empty) id.</exception>
    public static void RequireTenant(TenantId tenant)
    {
        if (tenant.IsEmpty)
        {
            throw new ArgumentException("A tenant id is required; got the default (empty) id.", nameof(tenant));
        }
    }

    /// <summary>Checks a log position or version.</summary>
    /// <param name="position">The position.</param>
    /// <param name="paramName">The parameter's name.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> is negative.</exception>
    public static void RequirePosition(long position, string paramName) => ArgumentOutOfRangeException.ThrowIfNegative(position, paramName);

    /// <summary>Checks an append's arguments and removes what the batch itself repeats: the entries a store then writes,
    /// each checked against the log.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="expectedVersion">The version the writer read, or null for any.</param>
    /// <param name="entries">The entries.</param>
    /// <returns>The entries in order, without a recorded entry whose id (with equal content) or a retraction whose id came
    /// earlier in the batch.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> or an entry is null.</exception>
    /// <exception cref="ArgumentException">An id is empty, or recorded evidence is about another learner.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is negative.</exception>
    /// <exception cref="EvidenceConflictException">The batch records an id twice with different content.</exception>
    public static List<EvidenceLogEntry> PrepareAppend(TenantId tenant, LearnerId learner, long? expectedVersion, IReadOnlyList<EvidenceLogEntry> entries)
    {
        RequireIds(tenant, learner);
        if (expectedVersion is { } expected)
        {
            RequirePosition(expected, nameof(expectedVersion));
        }
        ArgumentNullException.ThrowIfNull(entries);
        var recorded = new Dictionary<EvidenceId, Evidence>();
        var retracted = new HashSet<EvidenceId>();
        var kept = new List<EvidenceLogEntry>(entries.Count);
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            if (entry.Evidence is { } evidence)
            {
                if (evidence.Learner != learner)
                {
                    throw new ArgumentException($"Evidence '{evidence.Id}' is about another learner than '{learner}', whose log it was appended to.", nameof(entries));
                }

                if (recorded.TryGetValue(evidence.Id, out var earlier))
                {
                    RequireSame(earlier, evidence, nameof(entries));
                    continue;
                }

                recorded.Add(evidence.Id, evidence);
            }
            else if (!retracted.Add(entry.Id))
            {
                continue;
            }

            kept.Add(entry);
        }

        return kept;
    }

    /// <summary>Checks that evidence arriving with an id the log records is the same evidence.</summary>
    /// <param name="stored">The evidence the log records.</param>
    /// <param name="incoming">The evidence arriving.</param>
    /// <param name="paramName">The parameter that carried <paramref name="incoming"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="EvidenceConflictException">Their content differs (the message names fields, not values).</exception>
    public static void RequireSame(Evidence stored, Evidence incoming, string? paramName = "entries")
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(incoming);
        if (!stored.Equals(incoming))
        {
            throw EvidenceConflictException.WithoutContent(stored, incoming, paramName);
        }
    }
}
