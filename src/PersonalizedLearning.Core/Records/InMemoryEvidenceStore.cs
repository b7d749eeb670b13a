using System.Runtime.CompilerServices;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;

namespace PersonalizedLearning.Records;

/// <summary>
/// An <see cref="IEvidenceStore"/> in memory: for tests, samples and a host that keeps its learners elsewhere. Nothing
/// survives the process; for that use <c>PersonalizedLearning.Storage.Sqlite</c> or <c>PersonalizedLearning.Storage.PostgreSql</c>.
/// </summary>
/// <remarks>Thread-safe: one lock per learner, so writers for different learners never wait on each other. Passes the
/// same contract tests as the durable stores.</remarks>
public sealed class InMemoryEvidenceStore : IEvidenceStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(TenantId Tenant, LearnerId Learner), Log> _logs = new();

    /// <inheritdoc />
    public ValueTask<EvidenceLogAppend> AppendAsync(TenantId tenant, LearnerId learner, long? expectedVersion, IReadOnlyList<EvidenceLogEntry> entries, CancellationToken cancellationToken = default)
    {
        var batch = EvidenceStoreRules.PrepareAppend(tenant, learner, expectedVersion, entries);
        cancellationToken.ThrowIfCancellationRequested();
        var log = Open(tenant, learner);
        try
        {
            if (expectedVersion is { } expected && log.Entries.Count != expected)
            {
                throw new EvidenceLogConcurrencyException(tenant, learner, expected, log.Entries.Count);
            }

            var written = new List<EvidenceLogEntry>(batch.Count);
            foreach (var entry in batch)
            {
                if (entry.Evidence is { } evidence)
                {
                    if (log.Recorded.TryGetValue(entry.Id, out var stored))
                    {
                        EvidenceStoreRules.RequireSame(stored, evidence);
                        continue;
                    }
                }
                else if (log.Retracted.Contains(entry.Id))
                {
                    continue;
                }

                written.Add(entry);
            }

            if (written.Count > 0 && log.Entries.Count == 0)
            {
                log.Incarnation = EvidenceLogRead.NewIncarnation();
            }

            foreach (var entry in written)
            {
                log.Entries.Add(entry);
                if (entry.Evidence is { } evidence)
                {
                    log.Recorded.Add(entry.Id, evidence);
                }
                else
                {
                    log.Retracted.Add(entry.Id);
                }
            }

            return ValueTask.FromResult(new EvidenceLogAppend(log.Entries.Count, log.Incarnation, written.Count));
        }
        finally
        {
            Monitor.Exit(log);
        }
    }

    /// <inheritdoc />
    public ValueTask<EvidenceLogRead> ReadAsync(TenantId tenant, LearnerId learner, long after = 0, CancellationToken cancellationToken = default)
    {
        EvidenceStoreRules.RequireIds(tenant, learner);
        EvidenceStoreRules.RequirePosition(after, nameof(after));
        cancellationToken.ThrowIfCancellationRequested();
        if (!_logs.TryGetValue((tenant, learner), out var log))
        {
            return ValueTask.FromResult(new EvidenceLogRead(after, [], 0, 0));
        }

        lock (log)
        {
            var count = log.Entries.Count;
            var from = (int)Math.Min(after, count);
            return ValueTask.FromResult(new EvidenceLogRead(after, [.. log.Entries.Skip(from)], count, log.Incarnation));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> SaveSnapshotAsync(TenantId tenant, LearnerId learner, StateSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        EvidenceStoreRules.RequireIds(tenant, learner);
        ArgumentNullException.ThrowIfNull(snapshot);
        EvidenceStoreRules.RequirePosition(snapshot.Version, nameof(snapshot));
        cancellationToken.ThrowIfCancellationRequested();
        var log = Open(tenant, learner);
        try
        {
            if (log.Entries.Count == 0 || snapshot.Incarnation != log.Incarnation)
            {
                return ValueTask.FromResult(false);
            }

            if (snapshot.Version > log.Entries.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(snapshot), snapshot.Version, $"The snapshot of learner '{learner}' is of version {snapshot.Version}, past the log's {log.Entries.Count}.");
            }

            if (log.Snapshot is { } stored && stored.Version > snapshot.Version)
            {
                return ValueTask.FromResult(false);
            }

            log.Snapshot = snapshot;
            return ValueTask.FromResult(true);
        }
        finally
        {
            Monitor.Exit(log);
        }
    }

    /// <inheritdoc />
    public ValueTask<StateSnapshot?> LoadSnapshotAsync(TenantId tenant, LearnerId learner, CancellationToken cancellationToken = default)
    {
        EvidenceStoreRules.RequireIds(tenant, learner);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_logs.TryGetValue((tenant, learner), out var log))
        {
            return ValueTask.FromResult<StateSnapshot?>(null);
        }

        lock (log)
        {
            return ValueTask.FromResult(log.Snapshot);
        }
    }

    /// <inheritdoc />
    public ValueTask<ErasureReport> EraseAsync(TenantId tenant, LearnerId learner, CancellationToken cancellationToken = default)
    {
        EvidenceStoreRules.RequireIds(tenant, learner);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_logs.TryRemove((tenant, learner), out var log))
        {
            return ValueTask.FromResult(new ErasureReport(0, 0, 0));
        }

        lock (log)
        {
            var report = new ErasureReport(log.Entries.Count, log.Snapshot is null ? 0 : 1, log.Entries.Count > 0 ? 1 : 0);
            log.Entries.Clear();
            log.Recorded.Clear();
            log.Retracted.Clear();
            log.Snapshot = null;
            log.Erased = true;
            return ValueTask.FromResult(report);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredLearner> ListLearnersAsync(TenantId tenant, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        EvidenceStoreRules.RequireTenant(tenant);
        await Task.CompletedTask.ConfigureAwait(false);
        var listed = new List<(byte[] Order, StoredLearner Learner)>();
        foreach (var (key, log) in _logs)
        {
            if (key.Tenant != tenant)
            {
                continue;
            }

            lock (log)
            {
                if (log.Entries.Count > 0 && !log.Erased)
                {
                    listed.Add((System.Text.Encoding.UTF8.GetBytes(key.Learner.Value), new StoredLearner(key.Learner, log.Entries.Count, log.Snapshot?.Version, log.Snapshot?.Fingerprint)));
                }
            }
        }

        // Code-point order, as the SQL stores list them (the order of the UTF-8 bytes).
        listed.Sort((x, y) => x.Order.AsSpan().SequenceCompareTo(y.Order));
        foreach (var (_, learner) in listed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return learner;
        }
    }

    // The learner's log, locked; never one an erasure has removed, so that nothing is written to a log that is gone.
    private Log Open(TenantId tenant, LearnerId learner)
    {
        while (true)
        {
            var log = _logs.GetOrAdd((tenant, learner), _ => new Log());
            Monitor.Enter(log);
            if (!log.Erased)
            {
                return log;
            }

            Monitor.Exit(log);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"InMemoryEvidenceStore {{ Logs = {_logs.Count} }}";

    private sealed class Log
    {
        public List<EvidenceLogEntry> Entries { get; } = [];

        public Dictionary<EvidenceId, Evidence> Recorded { get; } = [];

        public HashSet<EvidenceId> Retracted { get; } = [];

        public StateSnapshot? Snapshot { get; set; }

        public bool Erased { get; set; }

        public long Incarnation { get; set; }
    }
}
