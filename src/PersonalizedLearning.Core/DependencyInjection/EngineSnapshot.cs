using PersonalizedLearning.Activities;
using PersonalizedLearning.Competencies;
using PersonalizedLearning.Interop.Xapi;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.DependencyInjection;

/// <summary>
/// One generation of a tenant's definitions and the services built on them: the catalog (and framework), the engine, the
/// xAPI mapper and the learner records, as <see cref="IPersonalizedLearningEngineProvider.Current"/> gave them. A request
/// takes one snapshot at its start and uses it to the end, so that a reload meanwhile does not change the catalog under it.
/// </summary>
/// <remarks>
/// <para>The engine's model, policy, recommender, clock and <see cref="PersonalizedLearningEngine.MaximumFutureSkew"/> are
/// those of the start-up engine in every generation; a reload changes the catalog and the xAPI mapping.</para>
/// <para>Each generation has its own <see cref="Records"/> (another catalog folds learners otherwise, and its
/// <see cref="LearnerRecords.Fingerprint"/> differs, so stored snapshots folded under the old catalog are rebuilt from the
/// log when first loaded). A snapshot that is no longer current keeps working for as long as a request holds it; its
/// records are left to the collector, not disposed, since a request may still be using them.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class EngineSnapshot
{
    private readonly Lazy<LearnerRecords> _records;

    internal EngineSnapshot(string? tenant, long generation, PersonalizedLearningEngine engine, XapiStatementMapper xapiMapper, Func<LearnerRecords> records)
    {
        Tenant = tenant;
        Generation = generation;
        Engine = engine;
        XapiMapper = xapiMapper;
        _records = new(records, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The tenant (the service key) the snapshot belongs to.</summary>
    /// <value>The key given to <c>AddPersonalizedLearning(tenant, …)</c>; null for the unkeyed registration.</value>
    public string? Tenant { get; }

    /// <summary>Which generation this is.</summary>
    /// <value>1 for the catalog the host started with, one more for each successful reload.</value>
    public long Generation { get; }

    /// <summary>The engine of this generation.</summary>
    public PersonalizedLearningEngine Engine { get; }

    /// <summary>The engine's catalog.</summary>
    public ActivityCatalog Catalog => Engine.Catalog;

    /// <summary>The catalog's framework.</summary>
    public CompetencyFramework Framework => Engine.Framework;

    /// <summary>The xAPI mapper over this generation's catalog.</summary>
    public XapiStatementMapper XapiMapper { get; }

    /// <summary>The learner records over this generation's engine and the tenant's store; built when first asked for.</summary>
    /// <exception cref="InvalidOperationException">No evidence store is registered (call <c>AddPersonalizedLearningSqlite</c>,
    /// <c>AddPersonalizedLearningPostgreSql</c> or register an <see cref="IEvidenceStore"/>), or, for the unkeyed
    /// registration, no <see cref="LearnerRecords"/> is (call <c>AddLearnerRecords</c>).</exception>
    public LearnerRecords Records => _records.Value;

    /// <summary>The tenant, the generation and the engine.</summary>
    /// <returns>For example <c>EngineSnapshot { Tenant = district-a, Generation = 2, Engine = PersonalizedLearningEngine { … } }</c>.</returns>
    public override string ToString() => $"EngineSnapshot {{ Tenant = {Tenant ?? "(default)"}, Generation = {Generation.ToString(System.Globalization.CultureInfo.InvariantCulture)}, Engine = {Engine} }}";
}
