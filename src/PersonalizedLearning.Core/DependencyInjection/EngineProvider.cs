using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PersonalizedLearning.Activities;
using PersonalizedLearning.Interop.Xapi;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.DependencyInjection;

// The one implementation of IPersonalizedLearningEngineProvider: generation 1 is the container's own engine, mapper and
// records (so that what is resolved directly and what the provider gives agree until a reload); later generations are
// built here over the start-up engine's strategies and the same store.
internal sealed class EngineProvider : IPersonalizedLearningEngineProvider, IDisposable
{
    private readonly IServiceProvider _services;
    private readonly string _name;
    private readonly Lock _reloading = new();
    private readonly OptionsChanges.Watch _changes;
    private readonly long _changesAtStart;
    private volatile EngineSnapshot? _current;
    private EngineSnapshot? _settling;
    private (long Generation, LearnerRecords Records)? _built;
    private long _changesTaken;
    private bool _disposed;

    public EngineProvider(IServiceProvider services, string? tenant)
    {
        _services = services;
        Tenant = tenant;
        _name = tenant ?? Options.DefaultName;

        // The changes of this name's options, on the sources IOptionsMonitor listens to. The monitor's own callback is not
        // used: it throws when the new options fail validation, and a refused reload must leave the current snapshot and
        // report. The watch may be older than this provider (the container read the options for its own services first).
        _changes = services.GetRequiredService<OptionsChanges>().For(_name);
        _changesAtStart = _changes.Count;
        _changes.Changed += OnOptionsChanged;
    }

    public string? Tenant { get; }

    public EngineSnapshot Current => _current ?? First();

    public event EventHandler<EngineReloadedEventArgs>? Reloaded;

    public event EventHandler<EngineReloadFailedEventArgs>? ReloadFailed;

    public EngineSnapshot Reload(ActivityCatalog catalog, CatalogRemovalPolicy removals = CatalogRemovalPolicy.Refuse)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!Enum.IsDefined(removals))
        {
            throw new ArgumentOutOfRangeException(nameof(removals), removals, "CatalogRemovalPolicy must be Refuse or Allow.");
        }

        lock (_reloading)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var current = Current;
            if (ReferenceEquals(catalog, current.Catalog))
            {
                // The catalog already current: nothing to swap, and the learners' cached states stay.
                return current;
            }

            var problems = RemovalProblems(current.Catalog, catalog, removals);
            return Swap(current, catalog, current.XapiMapper.Options, problems) ?? throw Refused(current, problems);
        }
    }

    public void Dispose()
    {
        _changes.Changed -= OnOptionsChanged;
        lock (_reloading)
        {
            _disposed = true;

            // Generation 1's records belong to the container; a later generation's records to this provider while that
            // generation is current. Records of older generations are left to the collector: a request may still hold them.
            if (_built is { } built && built.Generation == _current?.Generation)
            {
                built.Records.Dispose();
            }
        }
    }

    public override string ToString() => $"EngineProvider {{ Tenant = {Tenant ?? "(default)"}, Current = {Current} }}";

    // Generation 1, built on the first ask and settled before anyone is given it: a change of the options since the
    // container first read them is taken first, so that no request is served the catalog from before it. Nothing is kept
    // when building it throws (options invalid then, a service that fails): the next ask tries again.
    private EngineSnapshot First()
    {
        lock (_reloading)
        {
            if (_current is { } current)
            {
                return current;
            }

            if (_settling is { } settling)
            {
                // Asked again from a Reloaded or ReloadFailed handler of the first ask's own reload, on this thread.
                return settling;
            }

            var first = new EngineSnapshot(Tenant, 1, Resolve<PersonalizedLearningEngine>(), Resolve<XapiStatementMapper>(), FirstRecords);

            // Generation 1 was built under the options of the container's first read of them (or, for services the host
            // registered itself, is as old as this provider). A change since, made before anything was asked of this
            // provider or before it was even built, is taken now, as it would have been then.
            var since = _changes.AtFirstRead ?? _changesAtStart;
            _changesTaken = _changes.Count;
            _settling = first;
            try
            {
                if (_changesTaken > since && !_disposed)
                {
                    TakeOptions(first);
                }
            }
            finally
            {
                // Even when a handler of that reload threw (to this caller): the next ask is served at once.
                _settling = null;
                _current ??= first;
            }

            return _current;
        }
    }

    // A change of the options: built again by the factory (every configure step and validator), checked, and swapped in;
    // any problem is reported by ReloadFailed, the only report there is.
    private void OnOptionsChanged()
    {
        lock (_reloading)
        {
            var count = _changes.Count;
            if (_current is null || _disposed || count == _changesTaken)
            {
                // Nothing asked of this provider yet (the change is taken when generation 1 is first asked for), a change
                // the first ask took already, or a provider disposed while the change was on its way.
                return;
            }

            _changesTaken = count;
            TakeOptions(_current);
        }
    }

    // Builds the options again and swaps in the catalog and xAPI mapping they name, or reports why not; under _reloading.
    private void TakeOptions(EngineSnapshot current)
    {
        PersonalizedLearningOptions options;
        try
        {
            options = _services.GetRequiredService<IOptionsFactory<PersonalizedLearningOptions>>().Create(_name);
        }
        catch (OptionsValidationException e)
        {
            Fail(current, e);
            return;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A configure step of the host's that throws (a catalog file that does not parse) is a refused reload too:
            // reported, not thrown into whatever fired the change token.
            Fail(current, new OptionsValidationException(_name, typeof(PersonalizedLearningOptions), [$"{(Tenant is null ? string.Empty : $"Tenant '{Tenant}': ")}building the options failed: {e.GetType().Name}: {e.Message}"]));
            return;
        }

        if (ReferenceEquals(options.Catalog, current.Catalog) && Equals(options.Xapi, current.XapiMapper.Options))
        {
            // A change of options a reload does not take (the model, the clock, …): nothing to swap.
            return;
        }

        var problems = RemovalProblems(current.Catalog, options.Catalog!, options.CatalogRemovals);
        if (Swap(current, options.Catalog!, options.Xapi!, problems) is null)
        {
            // Raises ReloadFailed; there is no caller to throw to.
            _ = Refused(current, problems);
        }
    }

    // The new snapshot made current, or null (nothing changed) when there are problems. Raises Reloaded after the swap.
    private EngineSnapshot? Swap(EngineSnapshot current, ActivityCatalog catalog, XapiMappingOptions xapi, List<string> problems)
    {
        // The current xAPI mapping must fit the new catalog too (Reload keeps it; an options change was validated
        // against its own catalog already, so this adds nothing there): the mapper's constructor would throw otherwise.
        foreach (var (iri, activity) in xapi.UnknownActivities(catalog))
        {
            problems.Add($"{(Tenant is null ? string.Empty : $"Tenant '{Tenant}': ")}the xAPI mapping does not fit the new catalog: {XapiMappingOptions.UnknownActivityProblem(iri, activity)}");
        }

        if (problems.Count > 0)
        {
            return null;
        }

        var next = current.Engine.WithCatalog(catalog);
        var records = new Lazy<LearnerRecords>(() => new LearnerRecords(next, FirstRecords().Store, RecordsOptions(), _services.GetService<ILogger<LearnerRecords>>()), LazyThreadSafetyMode.ExecutionAndPublication);
        var generation = current.Generation + 1;
        var snapshot = new EngineSnapshot(Tenant, generation, next, new XapiStatementMapper(catalog, xapi), () =>
        {
            var built = records.Value;
            lock (_reloading)
            {
                if (_current?.Generation == generation && !_disposed)
                {
                    // The provider disposes the current generation's records; older ones are left to the collector.
                    _built = (generation, built);
                }
            }

            return built;
        });
        _current = snapshot;
        Reloaded?.Invoke(this, new EngineReloadedEventArgs(current, snapshot));
        return snapshot;
    }

    private OptionsValidationException Refused(EngineSnapshot current, List<string> problems)
    {
        var error = new OptionsValidationException(_name, typeof(PersonalizedLearningOptions), problems);
        ReloadFailed?.Invoke(this, new EngineReloadFailedEventArgs(current, error));
        return error;
    }

    private void Fail(EngineSnapshot current, OptionsValidationException error) => ReloadFailed?.Invoke(this, new EngineReloadFailedEventArgs(current, error));

    // Every activity and competency of the current catalog that the new one lacks, in the current catalog's order: stored
    // evidence may name them, and the new catalog could not fold it.
    private List<string> RemovalProblems(ActivityCatalog current, ActivityCatalog next, CatalogRemovalPolicy removals)
    {
        var problems = new List<string>();
        if (removals == CatalogRemovalPolicy.Allow || ReferenceEquals(current, next))
        {
            return problems;
        }

        var prefix = Tenant is null ? string.Empty : $"Tenant '{Tenant}': ";
        foreach (var competency in current.Framework.Competencies)
        {
            if (!next.Framework.Contains(competency.Id))
            {
                problems.Add($"{prefix}the new catalog's framework has no competency '{competency.Id}', which the current one has; evidence stored for it could no longer be folded. Keep it, or reload with CatalogRemovalPolicy.Allow once no stored evidence names it.");
            }
        }

        foreach (var activity in current.Activities)
        {
            if (!next.Contains(activity.Id))
            {
                problems.Add($"{prefix}the new catalog has no activity '{activity.Id}', which the current one has; evidence stored for it could no longer be folded. Keep it (and filter it out of recommendations), or reload with CatalogRemovalPolicy.Allow once no stored evidence names it.");
            }
        }

        return problems;
    }

    private T Resolve<T>()
        where T : notnull
        => Tenant is null ? _services.GetRequiredService<T>() : _services.GetRequiredKeyedService<T>(Tenant);

    private LearnerRecords FirstRecords()
    {
        var records = Tenant is null ? _services.GetService<LearnerRecords>() : _services.GetKeyedService<LearnerRecords>(Tenant);
        return records ?? throw new InvalidOperationException("No LearnerRecords is registered: call AddPersonalizedLearningSqlite or AddPersonalizedLearningPostgreSql (or AddLearnerRecords over a registered IEvidenceStore).");
    }

    private LearnerRecordsOptions RecordsOptions() => PersonalizedLearningServiceCollectionExtensions.RecordsOptions(_services, Tenant);
}
