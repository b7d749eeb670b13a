using System.Collections.Immutable;
using global::Orleans;
using global::Orleans.Concurrency;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Mastery;

namespace PersonalizedLearning.Orleans;

/// <summary>
/// A class (or section) of one tenant, as an Orleans grain: its roster, and the class overview and small groups kept
/// current from its learners' mastery changes, which each learner's grain reports as it happens, so that a call reads no
/// learner. Get one with <see cref="GrainFactoryExtensions.GetClass"/>; its key is <see cref="GrainKeys.Class"/>.
/// </summary>
/// <remarks>
/// <para>The roster is kept in grain storage (the provider named <see cref="PersonalizedLearningGrains.StorageName"/>),
/// as is each learner's list of classes. The learners' mastery is kept in memory: when the class's grain activates it asks
/// each learner once (which also repairs a learner that did not store the class when enrolled), and from then on the
/// learners report. A learner shows a write that an activation lost with its silo before reporting it when it next
/// writes, or when the class next activates.</para>
/// <para>Each learner is seen as of their last mastery change (the moment of their last write that changed a level, a
/// stuck flag or their first frontier competency); time passing without evidence does not change the view.</para>
/// </remarks>
[Alias("PersonalizedLearning.IClassGrain")]
public interface IClassGrain : IGrainWithStringKey
{
    /// <summary>Adds learners to the roster; each learner's grain remembers the class and reports its mastery. Learners
    /// already enrolled are left as they are.</summary>
    /// <param name="learners">The learners, of the class's tenant.</param>
    /// <returns>How many were added.</returns>
    /// <exception cref="ArgumentException">A learner id is empty.</exception>
    [Alias("Enroll")]
    Task<int> EnrollAsync(ImmutableArray<LearnerId> learners);

    /// <summary>Removes learners from the roster; each learner's grain forgets the class. Learners not enrolled are ignored.</summary>
    /// <param name="learners">The learners.</param>
    /// <returns>How many were removed.</returns>
    [Alias("Withdraw")]
    Task<int> WithdrawAsync(ImmutableArray<LearnerId> learners);

    /// <summary>The roster, in ordinal order of learner id.</summary>
    /// <returns>The learners.</returns>
    [Alias("GetRoster")]
    [ReadOnly]
    Task<ImmutableArray<LearnerId>> GetRosterAsync();

    /// <summary>The class at a glance (<see cref="ClassOverview.Create"/> over the learners' kept mastery, with the
    /// silo's <see cref="PersonalizedLearningGrainOptions.WheelSpinningAttempts"/>, by default the engine's recommender's);
    /// an empty class has a zero row per
    /// competency.</summary>
    /// <returns>The overview.</returns>
    [Alias("GetOverview")]
    [ReadOnly]
    Task<ClassOverview> GetOverviewAsync();

    /// <summary>Small groups of learners who share their first frontier competency (<see cref="SmallGroups.FormByFrontier"/>).</summary>
    /// <param name="maximumSize">The most learners per group; at least 1.</param>
    /// <param name="minimumSize">The fewest learners worth a group; in [1, <paramref name="maximumSize"/>].</param>
    /// <returns>The groups and the ungrouped learners.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    [Alias("FormSmallGroups")]
    [ReadOnly]
    Task<SmallGroupPlan> FormSmallGroupsAsync(int maximumSize, int minimumSize = 2);

    /// <summary>Called by a learner's grain after a mastery change; not for hosts. A report from the activation last heard
    /// from with a sequence no later than the one kept, or about a learner not on the roster, is ignored; a report from
    /// another activation is kept. A learner normally has one activation, so that is the newer one; while a cluster
    /// recovers two may briefly exist, and the class then shows whichever reported last until the learner's next change.
    /// No clock is compared.</summary>
    /// <param name="mastery">The learner's mastery.</param>
    /// <param name="activation">The reporting activation's id.</param>
    /// <param name="sequence">The report's order among that activation's reports (later ones are larger).</param>
    /// <returns>Completes at once (one-way).</returns>
    [Alias("Report")]
    [OneWay]
    Task ReportAsync(MasterySnapshot mastery, Guid activation, long sequence);
}
