using Microsoft.Extensions.Options;
using PersonalizedLearning.Activities;

namespace PersonalizedLearning.DependencyInjection;

/// <summary>
/// The current <see cref="EngineSnapshot"/> of one tenant (or of the unkeyed registration), swapped atomically when the
/// catalog is reloaded: by <see cref="Reload"/>, or when the tenant's <see cref="PersonalizedLearningOptions"/> change (a
/// configuration reload through an <see cref="IOptionsChangeTokenSource{TOptions}"/> of the options' name, the source
/// <see cref="IOptionsMonitor{TOptions}"/> listens to). Registered by <c>AddPersonalizedLearning</c>: unkeyed, and keyed by
/// the tenant for <c>AddPersonalizedLearning(tenant, …)</c>.
/// </summary>
/// <remarks>
/// <para>This is to the engine what <see cref="IOptionsMonitor{TOptions}"/> is to options: the
/// <see cref="PersonalizedLearningEngine"/>, <see cref="ActivityCatalog"/>, <see cref="Interop.Xapi.XapiStatementMapper"/>
/// and <see cref="Records.LearnerRecords"/> resolved directly from the container are built from the options as they are
/// when the first of them is resolved, all from that one read (generation 1), and stay so; a host that reloads takes
/// <see cref="Current"/> once per request and uses that snapshot to the request's end. Every change of the options after
/// the container first read them is taken, even one made before this provider was first asked or built: on its first
/// ask, as a reload, before any request is given a snapshot. A first ask that fails (the options invalid then, with no
/// read before) throws and keeps nothing: the next ask tries again.</para>
/// <para>A reload is checked whole before anything changes: the options (every failure of their validators) and, unless
/// <see cref="CatalogRemovalPolicy.Allow"/>, that the new catalog keeps every activity and competency of the current one;
/// and, whatever the policy, that every activity IRI of the xAPI mapping names an activity of the new catalog.
/// A reload that fails leaves the current snapshot in place. Model, policy, recommender, clock and future skew are the
/// start-up engine's in every generation; other option changes take effect at restart.</para>
/// <para>After a reload, learner states folded under the old catalog are not reused: the new generation's records keep
/// nothing in memory from the old one, and a stored snapshot whose fingerprint the new catalog changes is rebuilt from the
/// log when its learner is first loaded (or by <see cref="Records.LearnerRecords.RebuildAsync"/> in the background). A
/// host that caches <see cref="Learners.LearnerState"/> values itself drops them on <see cref="Reloaded"/>.</para>
/// <para>A request that still holds the old snapshot keeps its catalog, with one limit: evidence recorded under the new
/// catalog on an activity or competency the old one lacks is in the log, and the old generation cannot fold it, so reading
/// that learner through the old snapshot throws <see cref="ArgumentException"/> (naming the evidence and the activity)
/// rather than silently drop it. Learners without such evidence are unaffected. Requests are short; take
/// <see cref="Current"/> again for the next one.</para>
/// <para>Thread-safe: <see cref="Current"/> is a volatile read; reloads are serialized, and the events are raised on the
/// reloading thread, in the order of the reloads, after the swap (an exception from a handler reaches the caller of
/// <see cref="Reload"/>, whoever fired the change token, or the first <see cref="Current"/> that took a pending change;
/// the new snapshot stays current). Once the provider is disposed (by the container), it takes no change and
/// <see cref="Reload"/> throws <see cref="ObjectDisposedException"/>.</para>
/// </remarks>
public interface IPersonalizedLearningEngineProvider
{
    /// <summary>The tenant whose snapshots this provider gives.</summary>
    /// <value>The key given to <c>AddPersonalizedLearning(tenant, …)</c>; null for the unkeyed registration.</value>
    string? Tenant { get; }

    /// <summary>The current snapshot. Take it once per request.</summary>
    /// <exception cref="OptionsValidationException">The first time, when the start-up options are invalid (a host with
    /// <c>ValidateOnStart</c> fails at start instead).</exception>
    EngineSnapshot Current { get; }

    /// <summary>Makes a snapshot over <paramref name="catalog"/> current, atomically, and raises <see cref="Reloaded"/>.</summary>
    /// <param name="catalog">The new catalog, with its framework.</param>
    /// <param name="removals">Whether the new catalog may lack activities or competencies of the current one;
    /// <see cref="CatalogRemovalPolicy.Refuse"/> by default.</param>
    /// <returns>The new current snapshot, one generation on; the current snapshot itself, and no event, when
    /// <paramref name="catalog"/> is the current catalog (the same instance), so that learners' cached states stay.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is null; nothing changed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="removals"/> is not a defined value; nothing changed.</exception>
    /// <exception cref="OptionsValidationException">The reload is refused, every problem in
    /// <see cref="OptionsValidationException.Failures"/>; the current snapshot stays, and <see cref="ReloadFailed"/> is
    /// raised.</exception>
    EngineSnapshot Reload(ActivityCatalog catalog, CatalogRemovalPolicy removals = CatalogRemovalPolicy.Refuse);

    /// <summary>Raised after a reload made a new snapshot current, on the reloading thread.</summary>
    event EventHandler<EngineReloadedEventArgs>? Reloaded;

    /// <summary>Raised when a reload was refused, on the reloading thread; the only report of a refused reload that came
    /// from an options change, which has no caller to throw to (a configure step that throws while the options are built
    /// again is reported here too, as one failure naming the exception's type and message).</summary>
    event EventHandler<EngineReloadFailedEventArgs>? ReloadFailed;
}
