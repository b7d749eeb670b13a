using System.Collections.Immutable;
using global::Orleans;
using global::Orleans.Runtime;
using Microsoft.Extensions.Options;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Records;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Orleans;

/// <summary>What a learner's grain keeps in grain storage: the classes it is enrolled in.</summary>
[GenerateSerializer]
[Alias("PersonalizedLearning.LearnerGrainState")]
internal sealed class LearnerGrainState
{
    /// <summary>The class keys (<see cref="GrainKeys.Class"/>).</summary>
    [Id(0)]
    public List<string> Classes { get; set; } = [];
}

/// <summary>The learner grain (<see cref="ILearnerGrain"/>). Its state lives in the silo's <see cref="LearnerRecords"/>,
/// which the silo runs with <see cref="LearnerRecordsOptions.AssumeSingleWriter"/>: the activation forgets any state kept
/// from an earlier activation on this silo, and drops it when it deactivates.</summary>
internal sealed class LearnerGrain(
    LearnerRecords records,
    LearningPlanner planner,
    IOptions<PersonalizedLearningGrainOptions> options,
    [PersistentState("learner", PersonalizedLearningGrains.StorageName)] IPersistentState<LearnerGrainState> membership) : Grain, ILearnerGrain
{
    // Reports of this activation: its own id, and a sequence that orders them (see IClassGrain.ReportAsync).
    private readonly Guid _activation = Guid.NewGuid();
    private TenantId _tenant;
    private LearnerId _learner;
    private ClassView? _reported;
    private long _sequence;

    private PersonalizedLearningEngine Engine => records.Engine;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (tenant, id) = GrainKeys.Parse(this.GetPrimaryKeyString());
        _tenant = tenant;
        _learner = new LearnerId(id);
        // A state this silo kept from an earlier activation may miss what another silo's activation wrote since.
        records.Forget(_tenant, _learner);
        // No report here: activating a learner must not wake its classes (which would ask their learners, and so on through
        // a school). A new activation has reported nothing, so its first write reports to every class whatever changed;
        // a write an earlier activation stored but could not report (its silo lost) shows when the learner next writes,
        // or when the class next activates and asks.
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        records.Forget(_tenant, _learner);
        return Task.CompletedTask;
    }

    public async Task RecordAsync(Evidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        RequireOwn(evidence, nameof(evidence));
        Report(await records.RecordAsync(_tenant, evidence).ConfigureAwait(true), force: false);
    }

    public async Task RecordBatchAsync(ImmutableArray<Evidence> evidence)
    {
        if (evidence.IsDefault)
        {
            throw new ArgumentNullException(nameof(evidence));
        }

        foreach (var item in evidence)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(evidence));
            RequireOwn(item, nameof(evidence));
        }

        Report(await records.RecordBatchAsync(_tenant, _learner, evidence).ConfigureAwait(true), force: false);
    }

    public async Task RetractAsync(ImmutableArray<EvidenceId> ids)
    {
        if (ids.IsDefault)
        {
            throw new ArgumentNullException(nameof(ids));
        }

        Report(await records.RetractAsync(_tenant, _learner, ids).ConfigureAwait(true), force: false);
    }

    public async Task SupersedeAsync(EvidenceId replaced, Evidence replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        RequireOwn(replacement, nameof(replacement));
        Report(await records.SupersedeAsync(_tenant, replaced, replacement).ConfigureAwait(true), force: false);
    }

    public async Task<LearnerState> GetStateAsync() => await records.GetStateAsync(_tenant, _learner).ConfigureAwait(true);

    public async Task<MasterySnapshot> AssessAsync(DateTimeOffset? asOf = null) => await records.AssessAsync(_tenant, _learner, asOf).ConfigureAwait(true);

    public async Task<NextStepResult> RecommendNextAsync(int count = 3, LearnerProfile? profile = null, DateTimeOffset? asOf = null)
        => await records.RecommendNextAsync(_tenant, _learner, count, profile, asOf).ConfigureAwait(true);

    public async Task<Playlist> BuildPlaylistAsync(ImmutableArray<LearningGoal> goals, PlaylistOptions? options = null, LearnerAccommodations? accommodations = null, DateTimeOffset? asOf = null)
    {
        var state = await records.GetStateAsync(_tenant, _learner).ConfigureAwait(true);
        return planner.Builder.Build(Engine.CreatePlaylistRequest(state, goals, options, accommodations, asOf));
    }

    public async Task<LearningPlan> DraftPlanAsync(ImmutableArray<LearningGoal> goals, PlaylistOptions? options = null, LearnerAccommodations? accommodations = null)
    {
        var state = await records.GetStateAsync(_tenant, _learner).ConfigureAwait(true);
        return planner.Draft(Engine.CreatePlaylistRequest(state, goals, options, accommodations, planner.Clock.GetUtcNow()));
    }

    public async Task<LearningPlan> UpdatePlanAsync(LearningPlan plan, PlaylistOptions? options = null, LearnerAccommodations? accommodations = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var state = await records.GetStateAsync(_tenant, _learner).ConfigureAwait(true);
        return planner.Update(plan, Engine.CreatePlaylistRequest(state, plan.Goals, options, accommodations, planner.Clock.GetUtcNow()));
    }

    public async Task<ErasureReport> EraseAsync()
    {
        var report = await records.EraseAsync(_tenant, _learner).ConfigureAwait(true);
        Report(Engine.CreateLearner(_learner), force: true);
        return report;
    }

    public Task<ImmutableArray<string>> GetClassesAsync() => Task.FromResult(membership.State.Classes.Order(StringComparer.Ordinal).ToImmutableArray());

    public async Task<MasterySnapshot> JoinClassAsync(string classKey)
    {
        ArgumentNullException.ThrowIfNull(classKey);
        if (GrainKeys.Parse(classKey).Tenant != _tenant)
        {
            throw new ArgumentException($"Class '{classKey}' is of another tenant than learner '{_learner}'.", nameof(classKey));
        }

        if (!membership.State.Classes.Contains(classKey))
        {
            membership.State.Classes.Add(classKey);
            try
            {
                await membership.WriteStateAsync().ConfigureAwait(true);
            }
            catch
            {
                membership.State.Classes.Remove(classKey);
                throw;
            }
        }

        return await GetClassViewAsync().ConfigureAwait(true);
    }

    public async Task LeaveClassAsync(string classKey)
    {
        ArgumentNullException.ThrowIfNull(classKey);
        if (membership.State.Classes.Remove(classKey))
        {
            try
            {
                await membership.WriteStateAsync().ConfigureAwait(true);
            }
            catch
            {
                membership.State.Classes.Add(classKey);
                throw;
            }
        }
    }

    private async Task<MasterySnapshot> GetClassViewAsync()
    {
        var mastery = await records.AssessAsync(_tenant, _learner).ConfigureAwait(true);
        _reported = ClassView.Of(mastery, options.Value.AttemptsFor(Engine));
        return mastery;
    }

    // Tells the learner's classes its mastery when what a class view shows has changed (or always, when forced).
    // The state is the one the write returned (as stored): assessing it needs no second lookup.
    private void Report(LearnerState state, bool force)
    {
        if (membership.State.Classes.Count == 0)
        {
            return;
        }

        var mastery = Engine.Assess(state);
        var view = ClassView.Of(mastery, options.Value.AttemptsFor(Engine));
        if (!force && view.Equals(_reported))
        {
            return;
        }

        _sequence++;
        foreach (var classKey in membership.State.Classes)
        {
            // One-way: the call returns at once, and a class that missed it asks again when it next activates.
            _ = GrainFactory.GetGrain<IClassGrain>(classKey).ReportAsync(mastery, _activation, _sequence);
        }

        _reported = view;
    }

    private void RequireOwn(Evidence evidence, string paramName)
    {
        if (evidence.Learner != _learner)
        {
            throw new ArgumentException($"Evidence '{evidence.Id}' is about learner '{evidence.Learner}', not this grain's learner '{_learner}'.", paramName);
        }
    }
}
