using System.Collections.Immutable;
using global::Orleans;
using global::Orleans.Concurrency;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Planning;
using PersonalizedLearning.Recommendations;
using PersonalizedLearning.Records;
using PersonalizedLearning.Sequencing;

namespace PersonalizedLearning.Orleans;

/// <summary>
/// One learner of one tenant, as an Orleans grain: its activation is the learner's single writer, recording evidence
/// through <see cref="LearnerRecords"/> into the durable <see cref="IEvidenceStore"/> and answering from the state it
/// keeps in memory. Get one with <see cref="GrainFactoryExtensions.GetLearner"/>; its key is <see cref="GrainKeys.Learner"/>.
/// </summary>
/// <remarks>
/// <para><b>Durability.</b> A write's task completes after the store committed it: evidence acknowledged is never lost,
/// whichever silo fails afterwards. A write whose outcome the caller did not see (a silo lost mid-call, a timeout) may be
/// sent again: evidence already in the log changes nothing and is not counted twice.</para>
/// <para><b>One writer.</b> Orleans keeps one activation per learner, so reads need no I/O. While a cluster recovers from
/// a lost silo, two activations may live for a moment; the store's versions still keep their writes apart, and each folds
/// in the other's at its next write (see <see cref="LearnerRecordsOptions.AssumeSingleWriter"/>).</para>
/// <para><b>Classes.</b> A learner enrolled in a class (<see cref="IClassGrain.EnrollAsync"/>) reports its mastery to the
/// class's grain after each write that changes what a class view shows: a level, a stuck flag, or the first frontier
/// competency.</para>
/// <para>Errors are those of the <see cref="LearnerRecords"/> and <see cref="PersonalizedLearningEngine"/> members named,
/// thrown to the caller unchanged; a refused write writes nothing.</para>
/// </remarks>
[Alias("PersonalizedLearning.ILearnerGrain")]
public interface ILearnerGrain : IGrainWithStringKey
{
    /// <summary>Records a piece of evidence (<see cref="LearnerRecords.RecordAsync"/>).</summary>
    /// <param name="evidence">The evidence, about this grain's learner.</param>
    /// <returns>Completes when the evidence is stored.</returns>
    /// <exception cref="ArgumentException">The evidence is another learner's, or the engine refuses it.</exception>
    /// <exception cref="EvidenceConflictException">Its id is stored with other content.</exception>
    /// <exception cref="ArgumentOutOfRangeException">It is dated too far in the future.</exception>
    [Alias("Record")]
    Task RecordAsync(Evidence evidence);

    /// <summary>Records several pieces of evidence, all or nothing (<see cref="LearnerRecords.RecordBatchAsync"/>).</summary>
    /// <param name="evidence">The evidence, all about this grain's learner.</param>
    /// <returns>Completes when the evidence is stored.</returns>
    /// <exception cref="ArgumentException">An item is another learner's, or the engine refuses one.</exception>
    /// <exception cref="EvidenceConflictException">An id is stored (or in the batch) with other content.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An item is dated too far in the future.</exception>
    [Alias("RecordBatch")]
    Task RecordBatchAsync(ImmutableArray<Evidence> evidence);

    /// <summary>Retracts evidence (<see cref="LearnerRecords.RetractAsync"/>).</summary>
    /// <param name="ids">The evidence ids.</param>
    /// <returns>Completes when the retraction is stored.</returns>
    /// <exception cref="ArgumentException">An id is empty.</exception>
    [Alias("Retract")]
    Task RetractAsync(ImmutableArray<EvidenceId> ids);

    /// <summary>Replaces evidence with a corrected piece (<see cref="LearnerRecords.SupersedeAsync"/>).</summary>
    /// <param name="replaced">The id of the evidence replaced.</param>
    /// <param name="replacement">The corrected evidence, with its own id, about this grain's learner.</param>
    /// <returns>Completes when the regrade is stored.</returns>
    /// <exception cref="ArgumentException">The replacement is another learner's, or see <see cref="PersonalizedLearningEngine.Supersede"/>.</exception>
    /// <exception cref="EvidenceConflictException">The replacement's id is stored with other content.</exception>
    [Alias("Supersede")]
    Task SupersedeAsync(EvidenceId replaced, Evidence replacement);

    /// <summary>The learner's state, as stored.</summary>
    /// <returns>The state; empty for a learner with no evidence.</returns>
    [Alias("GetState")]
    Task<LearnerState> GetStateAsync();

    /// <summary>The learner's mastery (<see cref="PersonalizedLearningEngine.Assess"/>).</summary>
    /// <param name="asOf">The moment; the silo engine's clock when null.</param>
    /// <returns>The snapshot. A caller outside the silo reads it against its own engine's framework, which must be the same.</returns>
    [Alias("Assess")]
    Task<MasterySnapshot> AssessAsync(DateTimeOffset? asOf = null);

    /// <summary>The learner's next steps (<see cref="PersonalizedLearningEngine.RecommendNext"/>).</summary>
    /// <param name="count">How many; in [1, 100].</param>
    /// <param name="profile">The learner's profile, if known.</param>
    /// <param name="asOf">The moment; the silo engine's clock when null.</param>
    /// <returns>The recommendations.</returns>
    /// <exception cref="ArgumentException">The profile is another learner's.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is out of range.</exception>
    [Alias("RecommendNext")]
    Task<NextStepResult> RecommendNextAsync(int count = 3, LearnerProfile? profile = null, DateTimeOffset? asOf = null);

    /// <summary>A playlist to goals (<see cref="PersonalizedLearningEngine.CreatePlaylistRequest"/> then the silo's
    /// <see cref="IPlaylistBuilder"/>).</summary>
    /// <param name="goals">The goals; at least one.</param>
    /// <param name="options">The options; the builder's defaults when null.</param>
    /// <param name="accommodations">The learner's accommodations, if any.</param>
    /// <param name="asOf">The moment; the silo engine's clock when null.</param>
    /// <returns>The playlist.</returns>
    /// <exception cref="ArgumentException">A goal is not in the framework or cannot be reached.</exception>
    [Alias("BuildPlaylist")]
    Task<Playlist> BuildPlaylistAsync(ImmutableArray<LearningGoal> goals, PlaylistOptions? options = null, LearnerAccommodations? accommodations = null, DateTimeOffset? asOf = null);

    /// <summary>Drafts a learning plan to goals with dates (<see cref="LearningPlanner.Draft"/>); the plan is the host's to keep.</summary>
    /// <param name="goals">The goals; at least one.</param>
    /// <param name="options">The options; the builder's defaults when null.</param>
    /// <param name="accommodations">The learner's accommodations, if any.</param>
    /// <returns>The draft plan.</returns>
    /// <exception cref="ArgumentException">A goal cannot be reached.</exception>
    [Alias("DraftPlan")]
    Task<LearningPlan> DraftPlanAsync(ImmutableArray<LearningGoal> goals, PlaylistOptions? options = null, LearnerAccommodations? accommodations = null);

    /// <summary>Re-plans a plan of this learner's after new evidence (<see cref="LearningPlanner.Update"/>).</summary>
    /// <param name="plan">The plan, as drafted or last updated.</param>
    /// <param name="options">The options; the builder's defaults when null.</param>
    /// <param name="accommodations">The learner's accommodations, if any.</param>
    /// <returns>The updated plan; equal to <paramref name="plan"/> when nothing changed.</returns>
    /// <exception cref="ArgumentException">The plan is another learner's or catalog's, or a goal can no longer be reached.</exception>
    /// <exception cref="InvalidOperationException">The plan is complete.</exception>
    [Alias("UpdatePlan")]
    Task<LearningPlan> UpdatePlanAsync(LearningPlan plan, PlaylistOptions? options = null, LearnerAccommodations? accommodations = null);

    /// <summary>Erases the learner from the store and from memory (<see cref="LearnerRecords.EraseAsync"/>); the classes
    /// it is enrolled in are told its mastery is now empty, and it stays enrolled.</summary>
    /// <returns>How many rows went, by kind.</returns>
    [Alias("Erase")]
    Task<ErasureReport> EraseAsync();

    /// <summary>The classes the learner is enrolled in, by key (<see cref="GrainKeys.Class"/>), in ordinal order.</summary>
    /// <returns>The class keys.</returns>
    [Alias("GetClasses")]
    Task<ImmutableArray<string>> GetClassesAsync();

    /// <summary>Called by a class's grain when it enrolls the learner and when it activates: the learner remembers the
    /// class (in grain storage, if not already) and answers with its mastery. Not for hosts, which enroll through
    /// <see cref="IClassGrain.EnrollAsync"/>.</summary>
    /// <param name="classKey">The class's key.</param>
    /// <returns>The learner's mastery now.</returns>
    [Alias("JoinClass")]
    Task<MasterySnapshot> JoinClassAsync(string classKey);

    /// <summary>Called by a class's grain when it withdraws the learner; the learner forgets the class.</summary>
    /// <param name="classKey">The class's key.</param>
    /// <returns>Completes when stored.</returns>
    [Alias("LeaveClass")]
    Task LeaveClassAsync(string classKey);
}
