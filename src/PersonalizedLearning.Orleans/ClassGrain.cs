using System.Collections.Immutable;
using global::Orleans;
using global::Orleans.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Orleans;

/// <summary>What a class's grain keeps in grain storage: its roster.</summary>
[GenerateSerializer]
[Alias("PersonalizedLearning.ClassGrainState")]
internal sealed class ClassGrainState
{
    /// <summary>The learners' ids.</summary>
    [Id(0)]
    public List<string> Learners { get; set; } = [];
}

/// <summary>The class grain (<see cref="IClassGrain"/>).</summary>
internal sealed class ClassGrain(
    PersonalizedLearningEngine engine,
    IOptions<PersonalizedLearningGrainOptions> options,
    ILogger<ClassGrain> logger,
    [PersistentState("class", PersonalizedLearningGrains.StorageName)] IPersistentState<ClassGrainState> roster) : Grain, IClassGrain
{
    private readonly Dictionary<LearnerId, (MasterySnapshot Mastery, Guid Activation, long Sequence)> _mastery = [];
    private readonly SortedSet<LearnerId> _learners = new(Comparer<LearnerId>.Create((a, b) => string.CompareOrdinal(a.Value, b.Value)));
    private TenantId _tenant;
    private string _key = "";
    private ClassOverview? _overview;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = this.GetPrimaryKeyString();
        _tenant = GrainKeys.Parse(_key).Tenant;
        foreach (var id in roster.State.Learners)
        {
            _learners.Add(new LearnerId(id));
        }

        // The learners' mastery is not stored with the class: ask each once, a few at a time. A learner that cannot answer
        // is shown as empty until it reports; the class still serves.
        // Asking by JoinClassAsync (idempotent) also repairs a learner that did not store the class when it was enrolled.
        await AskAsync([.. _learners], l => l.JoinClassAsync(_key), cancellationToken).ConfigureAwait(true);
    }

    public async Task<int> EnrollAsync(ImmutableArray<LearnerId> learners)
    {
        var requested = Distinct(learners).ToList();
        var added = requested.Where(l => !_learners.Contains(l)).ToList();
        if (added.Count > 0)
        {
            // The roster is stored before any learner is told: a learner that remembers a class is always on its roster.
            await SaveAsync([.. _learners, .. added]).ConfigureAwait(true);
            _learners.UnionWith(added);
            _overview = null;
        }

        // Every learner asked for is told, those already enrolled too: telling is idempotent, and enrolling again repairs
        // a learner that did not hear the first time (its grain failed to store the class).
        // Those that answered are kept; the others are named (enrolling them again, or the class's next activation, repairs
        // them: they are on the roster).
        var failures = await AskAsync(requested, l => l.JoinClassAsync(_key), default).ConfigureAwait(true);
        if (failures.Count > 0)
        {
            throw new InvalidOperationException(
                $"{failures.Count} of {requested.Count} learners could not store class '{_key}' and will not report to it until enrolled again: {string.Join(", ", failures.Select(f => $"'{f.Learner}'"))}. The first error: {failures[0].Error.Message}",
                failures[0].Error);
        }

        return added.Count;
    }

    public async Task<int> WithdrawAsync(ImmutableArray<LearnerId> learners)
    {
        var removed = Distinct(learners).Where(_learners.Contains).ToList();
        if (removed.Count == 0)
        {
            return 0;
        }

        // Learners forget the class first (idempotent, so a withdrawal that fails part-way can be asked again), then the
        // roster is stored without them.
        foreach (var batch in removed.Chunk(options.Value.ClassActivationFanOut))
        {
            await Task.WhenAll(batch.Select(l => Learner(l).LeaveClassAsync(_key))).ConfigureAwait(true);
        }

        await SaveAsync([.. _learners.Except(removed)]).ConfigureAwait(true);
        _learners.ExceptWith(removed);
        foreach (var learner in removed)
        {
            _mastery.Remove(learner);
        }

        _overview = null;
        return removed.Count;
    }

    public Task<ImmutableArray<LearnerId>> GetRosterAsync() => Task.FromResult(_learners.ToImmutableArray());

    public Task<ClassOverview> GetOverviewAsync()
    {
        _overview ??= _learners.Count == 0
            ? ClassOverview.Empty(engine.Framework)
            : ClassOverview.Create(Snapshots(), options.Value.AttemptsFor(engine));
        return Task.FromResult(_overview);
    }

    public Task<SmallGroupPlan> FormSmallGroupsAsync(int maximumSize, int minimumSize = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumSize, maximumSize);
        return Task.FromResult(SmallGroups.FormByFrontier(Snapshots(), maximumSize, minimumSize));
    }

    public Task ReportAsync(MasterySnapshot mastery, Guid activation, long sequence)
    {
        ArgumentNullException.ThrowIfNull(mastery);
        if (_learners.Contains(mastery.Learner)
            && (!_mastery.TryGetValue(mastery.Learner, out var kept) || kept.Activation != activation || sequence > kept.Sequence))
        {
            _mastery[mastery.Learner] = (mastery, activation, sequence);
            _overview = null;
        }

        return Task.CompletedTask;
    }

    // Asks learners for their mastery, a few at a time, keeping each answer; returns the failures, each logged.
    private async Task<List<(LearnerId Learner, Exception Error)>> AskAsync(IReadOnlyList<LearnerId> learners, Func<ILearnerGrain, Task<MasterySnapshot>> ask, CancellationToken cancellationToken)
    {
        var failures = new List<(LearnerId, Exception)>();
        foreach (var batch in learners.Chunk(options.Value.ClassActivationFanOut))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var calls = batch.Select(l => ask(Learner(l))).ToArray();
            try
            {
                await Task.WhenAll(calls).ConfigureAwait(true);
            }
            catch (Exception) when (calls.Any(c => c.IsFaulted))
            {
                // Each call's outcome is read below.
            }

            for (var i = 0; i < batch.Length; i++)
            {
                if (calls[i].IsCompletedSuccessfully)
                {
                    // An answer asked for is as fresh as any report: it replaces what was kept, and the activation is not
                    // known, so the learner's next report is kept whatever its sequence.
                    _mastery[batch[i]] = (calls[i].Result, Guid.Empty, 0);
                    _overview = null;
                }
                else
                {
                    var error = calls[i].Exception?.InnerException ?? new OperationCanceledException();
                    Log.LearnerDidNotAnswer(logger, _key, engine.IncludeLearnerIdsInTelemetry ? batch[i].Value : "(hidden)", error.GetType().FullName);
                    failures.Add((batch[i], error));
                }
            }
        }

        return failures;
    }

    // Every learner on the roster, in roster order; one not heard from yet (its grain could not answer) as empty.
    private List<MasterySnapshot> Snapshots() =>
        [.. _learners.Select(l => _mastery.TryGetValue(l, out var kept) ? kept.Mastery : engine.Assess(engine.CreateLearner(l)))];

    private ILearnerGrain Learner(LearnerId learner) => GrainFactory.GetGrain<ILearnerGrain>(GrainKeys.Learner(_tenant, learner));

    // Stores a roster; the kept one is left as it was if the write fails.
    private async Task SaveAsync(IEnumerable<LearnerId> learners)
    {
        var before = roster.State.Learners;
        roster.State.Learners = [.. learners.Select(l => l.Value).Order(StringComparer.Ordinal)];
        try
        {
            await roster.WriteStateAsync().ConfigureAwait(true);
        }
        catch
        {
            roster.State.Learners = before;
            throw;
        }
    }

    private static IEnumerable<LearnerId> Distinct(ImmutableArray<LearnerId> learners)
    {
        if (learners.IsDefault)
        {
            throw new ArgumentNullException(nameof(learners));
        }

        foreach (var learner in learners)
        {
            if (learner.IsEmpty)
            {
                throw new ArgumentException("A learner id is empty.", nameof(learners));
            }
        }

        return learners.Distinct();
    }
}
