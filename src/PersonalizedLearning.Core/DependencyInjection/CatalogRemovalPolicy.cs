namespace PersonalizedLearning.DependencyInjection;

/// <summary>Whether a catalog reload (<see cref="IPersonalizedLearningEngineProvider.Reload"/>, or a change of the
/// options) may drop activities or competencies that the current catalog has.</summary>
/// <remarks>Stored evidence names activities and competencies. Evidence that names one the new catalog lacks can no longer
/// be folded with it: a learner with such evidence fails to load under the new catalog (<see cref="ArgumentException"/>
/// naming the evidence and the activity or competency) and <see cref="Records.LearnerRecords.RebuildAsync"/> lists the
/// learner among its failures, until the activity comes back. To retire an activity, keep it in the catalog and leave it
/// out of what learners are offered (a recommendation filter); drop it only when no stored evidence names it.</remarks>
public enum CatalogRemovalPolicy
{
    /// <summary>The default: a new catalog that lacks an activity or competency of the current one is refused, every
    /// missing one named, and the current catalog stays.</summary>
    Refuse = 0,

    /// <summary>Removals are accepted; learners with evidence on a removed activity or competency fail to load under the
    /// new catalog (see the remarks on <see cref="CatalogRemovalPolicy"/>).</summary>
    Allow = 1,
}
