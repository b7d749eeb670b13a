using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PersonalizedLearning.Diagnostics;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Serialization;

namespace PersonalizedLearning.Records;

/// <summary>
/// Durable learner records over an <see cref="IEvidenceStore"/>: what a host calls to record evidence and to ask about a
/// learner, so that every piece of evidence acknowledged is in the store's log and every answer is folded from that log.
/// </summary>
/// <remarks>
/// <para><b>Writes.</b> <see cref="RecordAsync"/>, <see cref="RecordBatchAsync"/>,
/// <see cref="RetractAsync"/> and <see cref="SupersedeAsync"/> take the learner's state (kept in memory, or loaded from its
/// snapshot and the log after it, or rebuilt from the whole log), fold the change with the engine (so bad input fails
/// before anything is written), and append the entries that change the state with the version the state was folded to.
/// When another writer appended first, the entries are appended at the end anyway (the store still checks their ids
/// against the log) and the log's tail, theirs and ours, is folded: a write never loops, however busy the learner.
/// A returned state is in the store. Recording evidence already in the log changes nothing and writes nothing, so a host
/// may retry any call whose outcome it did not see.</para>
/// <para><b>Reads.</b> <see cref="GetStateAsync"/>, <see cref="AssessAsync"/> and <see cref="RecommendNextAsync"/> read
/// the log's tail after the kept state first, so a write by another process is seen (unless
/// <see cref="LearnerRecordsOptions.AssumeSingleWriter"/> says this instance is the learners' only writer).</para>
/// <para><b>Snapshots.</b> After a write that leaves <see cref="LearnerRecordsOptions.SnapshotInterval"/> entries or more
/// after the learner's snapshot, the state is saved as a new one, tagged with <see cref="Fingerprint"/>. A snapshot that
/// does not parse, does not fit its evidence, is ahead of the log, or was folded by another model or catalog is never
/// used: the learner is rebuilt from the log and the snapshot replaced.</para>
/// <para><b>After a model or catalog change.</b> <see cref="RebuildAsync"/> rebuilds every learner of a tenant whose
/// snapshot another model or catalog folded, a few at a time, with progress and cancellation; run it in the background
/// (a learner not yet rebuilt is rebuilt when first asked for, since its snapshot does not fit).</para>
/// <para><b>Privacy.</b> Exception messages from the records and their stores name tenants, learners, evidence ids and
/// versions, never evidence content; <see cref="EraseAsync"/> removes a learner everywhere, the kept state included.</para>
/// <para><b>Telemetry.</b> Each call below is a span (<see cref="PersonalizedLearningTelemetry.Spans.RecordsPrefix"/> and the
/// operation) with the tenant's id, and the learner's only when
/// <see cref="PersonalizedLearningEngine.IncludeLearnerIdsInTelemetry"/> is set; calls are timed, appends and conflicts
/// counted, when someone listens (<see cref="PersonalizedLearningTelemetry.CoreName"/>). Conflicts, refused evidence,
/// damaged snapshots and rebuilds are logged through the logger given (from dependency injection when the records are
/// registered with <c>AddLearnerRecords</c>).</para>
/// <para>Thread-safe: one instance serves every tenant and learner; calls for the same learner from several threads or
/// processes are serialized by the log's versions, not by locks.</para>
/// </remarks>
public sealed class LearnerRecords : IDisposable
{
    private const int Stripes = 256;
    private readonly MemoryCache? _cache;
    private readonly LearnerRecordsOptions _options;
    private readonly ILogger _logger;

    // Writes for one learner through this instance take turns (a learner hashes to one of the stripes), so that they do
    // not race each other's appends; writers in other instances or processes are kept apart by the log's versions.
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Creates the records service.</summary>
    /// <param name="engine">The engine that folds and decides; its model and catalog make the <see cref="Fingerprint"/>.</param>
    /// <param name="store">The store.</param>
    /// <param name="options">The options; <see cref="LearnerRecordsOptions.Default"/> when null.</param>
    /// <param name="logger">Where conflicts, refused evidence, damaged snapshots and rebuilds are logged (event ids in
    /// <see cref="PersonalizedLearningTelemetry.EventIds"/>); nowhere when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> or <paramref name="store"/> is null.</exception>
    public LearnerRecords(PersonalizedLearningEngine engine, IEvidenceStore store, LearnerRecordsOptions? options = null, ILogger<LearnerRecords>? logger = null)
    {
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(store);
        _options = options ?? LearnerRecordsOptions.Default;
        Engine = engine;
        Store = store;
        Fingerprint = FingerprintOf(engine);
        _cache = _options.CachedLearners == 0 ? null : new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.CachedLearners });
    }

    /// <summary>The engine.</summary>
    public PersonalizedLearningEngine Engine { get; }

    /// <summary>The store.</summary>
    public IEvidenceStore Store { get; }

    /// <summary>What folds this service's states: the mastery model's <see cref="IMasteryModel.Name"/> and a stable hash
    /// of the catalog's activities (ids, kinds, difficulties and alignments), such as
    /// <c>decaying-average(0.65) | catalog 1f3a…</c>. Snapshots carry it; one with another is rebuilt from the log.</summary>
    public string Fingerprint { get; }

    /// <summary>Records a piece of evidence for its learner.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="evidence">The evidence.</param>
    /// <param name="cancellationToken">Cancels the call; a write that committed stays written.</param>
    /// <returns>The learner's state with the evidence, as stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="evidence"/> is null.</exception>
    /// <exception cref="ArgumentException">The tenant id is empty, or the engine refuses the evidence (see
    /// <see cref="PersonalizedLearningEngine.Record(LearnerState, Evidence)"/>); nothing is written.</exception>
    /// <exception cref="EvidenceConflictException">Its id is stored with other content; nothing is written.</exception>
    /// <exception cref="ArgumentOutOfRangeException">It is dated too far in the future; nothing is written.</exception>
    public ValueTask<LearnerState> RecordAsync(TenantId tenant, Evidence evidence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return RecordBatchAsync(tenant, evidence.Learner, [evidence], cancellationToken);
    }

    /// <summary>Records several pieces of evidence for a learner, all or nothing.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="evidence">The evidence, in any order, all about <paramref name="learner"/>.</param>
    /// <param name="cancellationToken">Cancels the call; a write that committed stays written.</param>
    /// <returns>The learner's state with the evidence, as stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="evidence"/> or an item is null.</exception>
    /// <exception cref="ArgumentException">An id is empty, or the engine refuses an item (see
    /// <see cref="PersonalizedLearningEngine.Record(LearnerState, IEnumerable{Evidence})"/>); nothing is written.</exception>
    /// <exception cref="EvidenceConflictException">An id is stored (or in the batch) with other content; nothing is written.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An item is dated too far in the future; nothing is written.</exception>
    public ValueTask<LearnerState> RecordBatchAsync(TenantId tenant, LearnerId learner, IEnumerable<Evidence> evidence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var items = evidence.ToList();
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(evidence));
        }

        return ChangeAsync(RecordOperation, items.Count, tenant, learner, state =>
        {
            var next = Redacting(() => Engine.RecordCore(state, items, counted: false), items);
            var seen = new HashSet<EvidenceId>();
            var entries = items.Where(e => seen.Add(e.Id) && !state.HasApplied(e.Id) && !state.IsRetracted(e.Id)).Select(EvidenceLogEntry.Recorded).ToList();
            return (next, entries);
        }, cancellationToken);
    }

    /// <summary>Retracts evidence of a learner (xAPI voiding, a deleted result), whether or not it has arrived.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="ids">The evidence ids.</param>
    /// <param name="cancellationToken">Cancels the call; a write that committed stays written.</param>
    /// <returns>The learner's state without the evidence, as stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ids"/> is null.</exception>
    /// <exception cref="ArgumentException">An id is empty; nothing is written.</exception>
    public ValueTask<LearnerState> RetractAsync(TenantId tenant, LearnerId learner, IEnumerable<EvidenceId> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var items = ids.ToList();
        return ChangeAsync(RetractOperation, items.Count, tenant, learner, state =>
        {
            var next = Redacting(() => Engine.Retract(state, items), []);
            var entries = items.Distinct().Where(id => !state.IsRetracted(id)).Select(EvidenceLogEntry.Retracted).ToList();
            return (next, entries);
        }, cancellationToken);
    }

    /// <summary>Replaces a learner's evidence with a corrected piece (a regrade), as if the correction had been there from
    /// the start: the retraction and the replacement are appended together.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="replaced">The id of the evidence replaced.</param>
    /// <param name="replacement">The corrected evidence, with its own id.</param>
    /// <param name="cancellationToken">Cancels the call; a write that committed stays written.</param>
    /// <returns>The learner's state after the regrade, as stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="replacement"/> is null.</exception>
    /// <exception cref="ArgumentException">See <see cref="PersonalizedLearningEngine.Supersede"/>; nothing is written.</exception>
    /// <exception cref="EvidenceConflictException">The replacement's id is stored with other content; nothing is written.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The replacement is dated too far in the future; nothing is written.</exception>
    public ValueTask<LearnerState> SupersedeAsync(TenantId tenant, EvidenceId replaced, Evidence replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        return ChangeAsync(SupersedeOperation, 1, tenant, replacement.Learner, state =>
        {
            var next = Redacting(() => Engine.SupersedeCore(state, replaced, replacement, counted: false), [replacement]);
            var entries = new List<EvidenceLogEntry>(2);
            if (!state.IsRetracted(replaced))
            {
                entries.Add(EvidenceLogEntry.Retracted(replaced));
            }

            if (!state.HasApplied(replacement.Id))
            {
                entries.Add(EvidenceLogEntry.Recorded(replacement));
            }

            return (next, entries);
        }, cancellationToken);
    }

    /// <summary>A learner's state as stored: the kept state with the log's tail folded in, or loaded.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state; an empty state for a learner with no log.</returns>
    /// <exception cref="ArgumentException">The tenant or learner id is empty.</exception>
    public async ValueTask<LearnerState> GetStateAsync(TenantId tenant, LearnerId learner, CancellationToken cancellationToken = default)
    {
        EvidenceStoreRules.RequireIds(tenant, learner);
        var current = await CurrentAsync(tenant, learner, cancellationToken).ConfigureAwait(false);
        return current.State;
    }

    /// <summary>A learner's mastery, from the stored state (<see cref="PersonalizedLearningEngine.Assess"/>).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="asOf">The moment; the engine's clock when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentException">The tenant or learner id is empty.</exception>
    public async ValueTask<MasterySnapshot> AssessAsync(TenantId tenant, LearnerId learner, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        var state = await GetStateAsync(tenant, learner, cancellationToken).ConfigureAwait(false);
        return Redacting(() => Engine.Assess(state, asOf), []);
    }

    /// <summary>A learner's next steps, from the stored state (<see cref="PersonalizedLearningEngine.RecommendNext"/>).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="count">How many recommendations; in [1, 100].</param>
    /// <param name="profile">The learner's profile, if known.</param>
    /// <param name="asOf">The moment; the engine's clock when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The recommendations.</returns>
    /// <exception cref="ArgumentException">The tenant or learner id is empty, or the profile is another learner's.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is out of range.</exception>
    public async ValueTask<NextStepResult> RecommendNextAsync(TenantId tenant, LearnerId learner, int count = 3, LearnerProfile? profile = null, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        EvidenceStoreRules.RequireIds(tenant, learner);
        var observation = Observe(RecommendOperation, tenant, learner, null);
        try
        {
            var state = await GetStateAsync(tenant, learner, cancellationToken).ConfigureAwait(false);
            var result = Redacting(() => Engine.RecommendNext(state, count, profile, asOf), []);
            observation.End(null);
            return result;
        }
        catch (Exception e)
        {
            observation.End(e);
            throw;
        }
    }

    /// <summary>Erases a learner from the store and from this instance's memory (FERPA, GDPR), after any write of this
    /// instance for the learner under way.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="learner">The learner.</param>
    /// <param name="cancellationToken">Cancels the erasure before it commits.</param>
    /// <returns>How many rows went, by kind.</returns>
    /// <exception cref="ArgumentException">The tenant or learner id is empty.</exception>
    /// <remarks>Another <see cref="LearnerRecords"/> over the same store (another process) that keeps the learner's state in
    /// memory keeps it until it is evicted: call <see cref="Forget"/> on each (or erase through each), or run those
    /// instances with <see cref="LearnerRecordsOptions.CachedLearners"/> = 0, where an erasure must reach memory at once.</remarks>
    public async ValueTask<ErasureReport> EraseAsync(TenantId tenant, LearnerId learner, CancellationToken cancellationToken = default)
    {
        EvidenceStoreRules.RequireIds(tenant, learner);
        var observation = Observe(EraseOperation, tenant, learner, null);
        try
        {
            var stripe = Stripe(tenant, learner);
            await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                Forget(tenant, learner);
                var report = await Store.EraseAsync(tenant, learner, cancellationToken).ConfigureAwait(false);
                observation.End(null);
                return report;
            }
            finally
            {
                Forget(tenant, learner);
                stripe.Release();
            }
        }
        catch (Exception e)
        {
            observation.End(e);
            throw;
        }
    }

    /// <summary>Drops a learner's state from this instance's memory, if kept; nothing stored changes. For a host that
    /// erased the learner through another instance.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="learner">The learner.</param>
    public void Forget(TenantId tenant, LearnerId learner) => _cache?.Remove((tenant, learner));

    /// <summary>Rebuilds from their logs the learners of a tenant whose snapshot is missing or was folded by another model
    /// or catalog (after a refit, or a catalog whose alignments changed), saving a new snapshot for each; up to
    /// <see cref="LearnerRecordsOptions.RebuildParallelism"/> learners at a time. Learners whose snapshot this engine
    /// folded are not read (the store lists each learner's snapshot fingerprint): such a snapshot is taken as done, and one
    /// that turns out unusable (damaged in the database) is rebuilt when its learner is next loaded.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="progress">Told after each learner, if given, with counts that only grow (calls are serialized, from the
    /// rebuild's threads).</param>
    /// <param name="cancellationToken">Stops between learners (then <see cref="OperationCanceledException"/>); those
    /// rebuilt stay rebuilt, and running it again goes on where it stopped.</param>
    /// <returns>What was done.</returns>
    /// <exception cref="ArgumentException">The tenant id is empty.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public async Task<RecordsRebuildReport> RebuildAsync(TenantId tenant, IProgress<RecordsRebuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        EvidenceStoreRules.RequireTenant(tenant);
        var observation = Observe(RebuildOperation, tenant, null, null);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var report = await RebuildObservedAsync(tenant, progress, cancellationToken).ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            RecordsLog.RebuildFinished(_logger, tenant, report.Learners, report.Rebuilt, report.UpToDate, report.Failures.Length, report.Entries, seconds);
            observation.End(null);
            return report;
        }
        catch (Exception e)
        {
            observation.End(e);
            throw;
        }
    }

    private async Task<RecordsRebuildReport> RebuildObservedAsync(TenantId tenant, IProgress<RecordsRebuildProgress>? progress, CancellationToken cancellationToken)
    {
        int learners = 0, rebuilt = 0, upToDate = 0;
        long entries = 0;
        var failures = new List<RecordsRebuildFailure>();
        var gate = new object();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.RebuildParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Store.ListLearnersAsync(tenant, cancellationToken), parallel, async (stored, token) =>
        {
            var (read, failure) = (0L, (RecordsRebuildFailure?)null);
            var wasRebuilt = false;
            if (stored.SnapshotFingerprint != Fingerprint)
            {
                var log = await Store.ReadAsync(tenant, stored.Learner, 0, token).ConfigureAwait(false);
                read = log.Entries.Length;
                Current? rebuiltState = null;
                try
                {
                    rebuiltState = log.Version == 0 ? null : new Current(log.Version, Fold(stored.Learner, log.Entries), log.Version, log.Incarnation);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A model or catalog that cannot fold this log (an activity gone, a model without parameters for a
                    // competency): listed, and the others go on.
                    failure = new(stored.Learner, e.Message);
                    RecordsLog.RebuildLearnerFailed(_logger, new(stored.Learner, Engine.IncludeLearnerIdsInTelemetry), tenant, e.GetType().FullName);
                }

                // A log erased meanwhile has nothing to rebuild, and a snapshot is saved only onto the log it was folded from.
                if (rebuiltState is not null && await SaveSnapshotAsync(tenant, stored.Learner, rebuiltState, token).ConfigureAwait(false))
                {
                    Keep(tenant, stored.Learner, rebuiltState);
                    wasRebuilt = true;
                }
            }

            lock (gate)
            {
                learners++;
                entries += read;
                if (failure is not null)
                {
                    failures.Add(failure);
                }
                else if (wasRebuilt)
                {
                    rebuilt++;
                }
                else
                {
                    upToDate++;
                }

                progress?.Report(new(learners, rebuilt, failures.Count, entries));
            }
        }).ConfigureAwait(false);

        return new(learners, rebuilt, upToDate, entries, [.. failures.OrderBy(f => f.Learner)]);
    }

    /// <summary>Drops the learners' states kept in memory; nothing stored changes.</summary>
    public void Dispose()
    {
        // The writers' stripes are left to the collector: disposing one would leave calls waiting at it hanging.
        _cache?.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"LearnerRecords {{ Store = {Store.GetType().Name}, Fingerprint = {Fingerprint}, SnapshotInterval = {_options.SnapshotInterval}, CachedLearners = {_options.CachedLearners}, AssumeSingleWriter = {_options.AssumeSingleWriter} }}";

    private async ValueTask<LearnerState> ChangeAsync(Operation operation, int pieces, TenantId tenant, LearnerId learner, Func<LearnerState, (LearnerState Next, List<EvidenceLogEntry> Entries)> change, CancellationToken cancellationToken)
    {
        EvidenceStoreRules.RequireIds(tenant, learner);
        var observation = Observe(operation, tenant, learner, pieces);
        try
        {
            var stripe = Stripe(tenant, learner);
            await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var state = await ChangeInTurnAsync(tenant, learner, change, observation.Activity, cancellationToken).ConfigureAwait(false);
                if (operation != RetractOperation && CoreTelemetry.EvidenceRecorded.Enabled && pieces > 0)
                {
                    // Counted here, once per call, rather than by the engine, which may fold a call twice.
                    CoreTelemetry.EvidenceRecorded.Add(pieces);
                }

                observation.End(null);
                return state;
            }
            finally
            {
                stripe.Release();
            }
        }
        catch (ArgumentException e) when (operation != RetractOperation)
        {
            // The engine refused the evidence (or the store found its id with other content): nothing was written. The
            // records' own message for a future date has no ActualValue (it would show the moment), hence the type test.
            var reason = e is ArgumentOutOfRangeException ? PersonalizedLearningTelemetry.RejectionReasons.FutureTimestamp : CoreTelemetry.ReasonOf(e);
            if (CoreTelemetry.EvidenceRejected.Enabled && pieces > 0)
            {
                CoreTelemetry.EvidenceRejected.Add(pieces, new KeyValuePair<string, object?>(PersonalizedLearningTelemetry.Attributes.RejectionReason, reason));
            }

            observation.Activity?.SetTag(PersonalizedLearningTelemetry.Attributes.RejectionReason, reason);
            // Logged before the span ends, so the log record carries the span's trace and span ids (as 1001 does).
            RecordsLog.EvidenceRejected(_logger, pieces, new(learner, Engine.IncludeLearnerIdsInTelemetry), tenant, reason, e.GetType().FullName);
            observation.End(e);
            throw;
        }
        catch (Exception e)
        {
            observation.End(e);
            throw;
        }
    }

    private SemaphoreSlim Stripe(TenantId tenant, LearnerId learner) => _stripes[unchecked((uint)HashCode.Combine(tenant, learner)) % Stripes];

    private async ValueTask<LearnerState> ChangeInTurnAsync(TenantId tenant, LearnerId learner, Func<LearnerState, (LearnerState Next, List<EvidenceLogEntry> Entries)> change, Activity? activity, CancellationToken cancellationToken)
    {
        var current = Kept(tenant, learner) ?? await LoadAsync(tenant, learner, cancellationToken).ConfigureAwait(false);
        var (next, entries) = change(current.State);
        if (entries.Count == 0)
        {
            // Nothing new for the kept state; the log may have moved on (or been erased and begun again), so the answer is
            // made from the log as it is, and what is new for it is written.
            current = await CatchUpAsync(tenant, learner, current, cancellationToken).ConfigureAwait(false);
            (next, entries) = change(current.State);
            if (entries.Count == 0)
            {
                return next;
            }
        }

        Current after;
        try
        {
            // The common case: nobody appended since the state was folded, so the folded state is the log's. An append to
            // another incarnation (the learner was erased and begun again meanwhile) wrote valid entries to the new log,
            // which is then loaded whole: the kept state belonged to the erased one.
            var appended = await Store.AppendAsync(tenant, learner, current.Version, entries, cancellationToken).ConfigureAwait(false);
            Appended(activity, appended.Written);
            // A log that was empty (version 0) begins with this append, under the incarnation the store drew for it.
            var sameLog = appended.Incarnation == current.Incarnation || current.Version == 0;
            after = sameLog && appended.Version == current.Version + entries.Count
                ? current with { Version = appended.Version, State = next, Incarnation = appended.Incarnation }
                : await CatchUpAsync(tenant, learner, current, cancellationToken).ConfigureAwait(false);
        }
        catch (EvidenceLogConcurrencyException conflict)
        {
            // Another writer appended first. The entries are valid whatever it wrote (the store checks their ids against
            // the log, and the engine folds any set of entries), so append them at the end and fold the tail, which holds
            // theirs and ours: no retry loop for writers that keep losing the race.
            if (CoreTelemetry.RecordsConflicts.Enabled)
            {
                CoreTelemetry.RecordsConflicts.Add(1);
            }

            activity?.SetTag(PersonalizedLearningTelemetry.Attributes.Conflict, true);
            RecordsLog.WriteConflict(_logger, new(learner, Engine.IncludeLearnerIdsInTelemetry), tenant, conflict.ActualVersion, conflict.ExpectedVersion, entries.Count);

            var appended = await Store.AppendAsync(tenant, learner, null, entries, cancellationToken).ConfigureAwait(false);
            Appended(activity, appended.Written);
            after = await CatchUpAsync(tenant, learner, current, cancellationToken).ConfigureAwait(false);
        }

        if (_options.SnapshotInterval > 0 && after.Version - after.SnapshotVersion >= _options.SnapshotInterval
            && await SaveSnapshotAsync(tenant, learner, after, cancellationToken).ConfigureAwait(false))
        {
            after = after with { SnapshotVersion = after.Version };
        }

        Keep(tenant, learner, after);
        return after.State;
    }

    // The kept state with the log's tail folded in, or the learner loaded.
    // With AssumeSingleWriter, the kept state as it is: its owner's writes are all in it.
    private async ValueTask<Current> CurrentAsync(TenantId tenant, LearnerId learner, CancellationToken cancellationToken)
        => Kept(tenant, learner) is { } kept
            ? _options.AssumeSingleWriter ? kept : await CatchUpAsync(tenant, learner, kept, cancellationToken).ConfigureAwait(false)
            : await LoadAsync(tenant, learner, cancellationToken).ConfigureAwait(false);

    private async ValueTask<Current> CatchUpAsync(TenantId tenant, LearnerId learner, Current current, CancellationToken cancellationToken)
    {
        var tail = await Store.ReadAsync(tenant, learner, current.Version, cancellationToken).ConfigureAwait(false);
        if (tail.Incarnation != current.Incarnation || tail.Version < current.Version)
        {
            // Another log than the one the state was folded from: the learner was erased (and perhaps begun again).
            Forget(tenant, learner);
            return await LoadAsync(tenant, learner, cancellationToken).ConfigureAwait(false);
        }

        if (tail.Entries.IsEmpty)
        {
            return current;
        }

        var caught = current with { Version = tail.Version, State = Apply(current.State, tail.Entries) };
        Keep(tenant, learner, caught);
        return caught;
    }

    private async ValueTask<Current> LoadAsync(TenantId tenant, LearnerId learner, CancellationToken cancellationToken)
    {
        var snapshot = await Store.LoadSnapshotAsync(tenant, learner, cancellationToken).ConfigureAwait(false);
        var restored = snapshot is not null && snapshot.Fingerprint == Fingerprint ? Restore(learner, snapshot.State, snapshot.Version, snapshot.Incarnation) : null;
        if (snapshot is not null && snapshot.Fingerprint == Fingerprint && restored is null)
        {
            RecordsLog.SnapshotUnusable(_logger, new(learner, Engine.IncludeLearnerIdsInTelemetry), tenant, snapshot.Version);
        }

        if (snapshot is not null && restored is not null)
        {
            var tail = await Store.ReadAsync(tenant, learner, snapshot.Version, cancellationToken).ConfigureAwait(false);
            if (tail.Incarnation == snapshot.Incarnation && tail.Version >= snapshot.Version)
            {
                var loaded = new Current(tail.Version, Apply(restored, tail.Entries), snapshot.Version, tail.Incarnation);
                Keep(tenant, learner, loaded);
                return loaded;
            }
        }

        var log = await Store.ReadAsync(tenant, learner, 0, cancellationToken).ConfigureAwait(false);
        var current = new Current(log.Version, Fold(learner, log.Entries), 0, log.Incarnation);
        if (_options.SnapshotInterval > 0 && log.Version > 0 && (snapshot is not null || log.Version >= _options.SnapshotInterval)
            && await SaveSnapshotAsync(tenant, learner, current, cancellationToken).ConfigureAwait(false))
        {
            // Replaced a snapshot that could not be used, or saved the first of a long log.
            current = current with { SnapshotVersion = log.Version };
        }

        Keep(tenant, learner, current);
        return current;
    }

    // A snapshot's state, or null when its checksum does not match (a torn or edited write), it does not parse, is another
    // learner's or model's, or does not fit its evidence.
    private LearnerState? Restore(LearnerId learner, string stored, long version, long incarnation)
    {
        var newline = stored.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0 || !string.Equals(stored[..newline], Checksum(version, incarnation, stored.AsSpan(newline + 1)), StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var state = PersonalizedLearningJson.Deserialize<LearnerState>(stored[(newline + 1)..]);
            if (state.Learner != learner || state.Model != Engine.Model.Name)
            {
                return null;
            }

            EvidenceFolding.EnsureTracks(state, Engine.Catalog, Engine.Model);
            return state;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NotSupportedException or FormatException or OverflowException)
        {
            return null;
        }
    }

    // A snapshot is a checksum line and the state's document; saved only while its log incarnation is the learner's.
    private ValueTask<bool> SaveSnapshotAsync(TenantId tenant, LearnerId learner, Current current, CancellationToken cancellationToken)
    {
        var json = PersonalizedLearningJson.Serialize(current.State);
        return Store.SaveSnapshotAsync(tenant, learner, new StateSnapshot(current.Version, Fingerprint, $"{Checksum(current.Version, current.Incarnation, json)}\n{json}", current.Incarnation), cancellationToken);
    }

    // SHA-256 over the version, the incarnation and the document (UTF-16), so that a snapshot whose version was changed
    // apart from its state is not trusted either.
    private static string Checksum(long version, long incarnation, ReadOnlySpan<char> text)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        Span<byte> numbers = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(numbers, version);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(numbers[8..], incarnation);
        hash.AppendData(numbers);
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(text));
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // Stored entries were checked when they were recorded: they are folded as they are, without the engine's check that
    // evidence is not dated after its clock (which a reader with another clock or margin could fail).
    private LearnerState Fold(LearnerId learner, ImmutableArray<EvidenceLogEntry> entries)
    {
        var evidence = new List<Evidence>(entries.Length);
        var retracted = new List<EvidenceId>();
        foreach (var entry in entries)
        {
            if (entry.Evidence is { } piece)
            {
                evidence.Add(piece);
            }
            else
            {
                retracted.Add(entry.Id);
            }
        }

        return EvidenceBulkFolding.Build(Engine.CreateLearner(learner), evidence, retracted, Engine.Catalog, Engine.Model, "log", "log");
    }

    private LearnerState Apply(LearnerState state, ImmutableArray<EvidenceLogEntry> entries)
    {
        var retracted = entries.Where(e => e.Kind == EvidenceLogEntryKind.Retracted).Select(e => e.Id).ToList();
        var evidence = entries.Where(e => e.Kind == EvidenceLogEntryKind.Recorded).Select(e => e.Evidence!).ToList();
        return EvidenceFolding.Change(state, evidence, retracted, Engine.Catalog, Engine.Model, "log", "log");
    }

    private Current? Kept(TenantId tenant, LearnerId learner) => _cache?.Get<Current>((tenant, learner));

    private void Keep(TenantId tenant, LearnerId learner, Current current)
    {
        if (_cache is null)
        {
            return;
        }

        using var entry = _cache.CreateEntry((tenant, learner));
        entry.Size = 1;
        entry.Value = current;
    }

    // The engine's messages for a conflict and for evidence dated after its clock show content (outcomes, moments); what
    // leaves the records names ids, fields and the rule, not values.
    private T Redacting<T>(Func<T> fold, IReadOnlyList<Evidence> items)
    {
        try
        {
            return fold();
        }
        catch (EvidenceConflictException e)
        {
            throw EvidenceConflictException.WithoutContent(e.Existing, e.Incoming, e.ParamName);
        }
        catch (ArgumentOutOfRangeException e) when (e.ActualValue is DateTimeOffset)
        {
            var now = Engine.TimeProvider.GetUtcNow();
            var ahead = items.FirstOrDefault(i => i.Timestamp - now > Engine.MaximumFutureSkew);
            throw new ArgumentOutOfRangeException(e.ParamName, ahead is null
                ? "The learner's stored evidence is dated after the engine's clock by more than its MaximumFutureSkew (another host accepted it with another clock or a wider margin). Nothing was written."
                : $"Evidence '{ahead.Id}' is dated after the engine's clock by more than its MaximumFutureSkew ({Engine.MaximumFutureSkew:c}): a clock, unit or time-zone mistake. Nothing was written.");
        }
    }

    private static string FingerprintOf(PersonalizedLearningEngine engine)
    {
        var hash = new StableHash();
        foreach (var activity in engine.Catalog.Activities)
        {
            hash.Add(activity.Id.Value);
            hash.Add((ulong)activity.Kind);
            hash.Add(activity.Difficulty ?? double.NaN);
            foreach (var alignment in activity.Alignments)
            {
                hash.Add(alignment.Competency.Value);
                hash.Add(alignment.Weight);
            }

            hash.Add(ulong.MaxValue);
        }

        return string.Create(CultureInfo.InvariantCulture, $"{engine.Model.Name} | catalog {hash.Value:x16}");
    }

    private sealed record Current(long Version, LearnerState State, long SnapshotVersion, long Incarnation);

    // Operation names and their span names, built once.
    private static readonly Operation RecordOperation = new(PersonalizedLearningTelemetry.RecordsOperations.Record);
    private static readonly Operation RetractOperation = new(PersonalizedLearningTelemetry.RecordsOperations.Retract);
    private static readonly Operation SupersedeOperation = new(PersonalizedLearningTelemetry.RecordsOperations.Supersede);
    private static readonly Operation RecommendOperation = new(PersonalizedLearningTelemetry.RecordsOperations.Recommend);
    private static readonly Operation EraseOperation = new(PersonalizedLearningTelemetry.RecordsOperations.Erase);
    private static readonly Operation RebuildOperation = new(PersonalizedLearningTelemetry.RecordsOperations.Rebuild);


    private static void Appended(Activity? activity, int written)
    {
        if (CoreTelemetry.RecordsAppended.Enabled && written > 0)
        {
            CoreTelemetry.RecordsAppended.Add(written);
        }

        activity?.SetTag(PersonalizedLearningTelemetry.Attributes.EntriesWritten, written);
    }

    // A span and a clock for one call, or nothing at all when nobody listens.
    private Observation Observe(Operation operation, TenantId tenant, LearnerId? learner, int? pieces)
    {
        var timed = CoreTelemetry.RecordsOperationDuration.Enabled;
        if (!timed && !CoreTelemetry.Source.HasListeners())
        {
            return default;
        }

        var activity = CoreTelemetry.Source.StartActivity(operation.SpanName);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(PersonalizedLearningTelemetry.Attributes.TenantId, tenant.Value);
            if (learner is { } id && Engine.IncludeLearnerIdsInTelemetry)
            {
                activity.SetTag(PersonalizedLearningTelemetry.Attributes.LearnerId, id.Value);
            }

            if (pieces is { } count)
            {
                activity.SetTag(PersonalizedLearningTelemetry.Attributes.EvidenceCount, count);
            }
        }

        return new Observation(operation, activity, timed ? Stopwatch.GetTimestamp() : 0);
    }

    private sealed class Operation(string name)
    {
        public string Name { get; } = name;

        public string SpanName { get; } = PersonalizedLearningTelemetry.Spans.RecordsPrefix + name;

        public KeyValuePair<string, object?> Tag { get; } = new(PersonalizedLearningTelemetry.Attributes.RecordsOperation, name);
    }

    private readonly struct Observation(Operation operation, Activity? activity, long started)
    {
        public Activity? Activity => activity;

        public void End(Exception? failure)
        {
            if (activity is not null)
            {
                if (failure is not null)
                {
                    CoreTelemetry.Fail(activity, failure);
                }

                activity.Dispose();
            }

            if (started != 0)
            {
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                if (failure is null)
                {
                    CoreTelemetry.RecordsOperationDuration.Record(seconds, operation.Tag);
                }
                else
                {
                    CoreTelemetry.RecordsOperationDuration.Record(seconds, operation.Tag, new(PersonalizedLearningTelemetry.Attributes.ErrorType, failure.GetType().FullName));
                }
            }
        }
    }
}
