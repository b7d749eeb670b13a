namespace PersonalizedLearning.Storage;

/// <summary>
/// A store's schema migration, run once per instance and shared by every caller; one that failed or was cancelled is tried
/// again by the next call. A caller's token stops its own wait, not the migration others wait for. Compiled into each
/// storage package (src/Shared), since a companion package does not reach into the core's internals.
/// </summary>
internal sealed class SharedMigration(Func<Task> migrate)
{
    private Task? _migration;

    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _migration);
        if (current is null || current.IsFaulted || current.IsCanceled)
        {
            var created = migrate();
            current = Interlocked.CompareExchange(ref _migration, created, current) == current ? created : Volatile.Read(ref _migration)!;
        }

        return current.IsCompletedSuccessfully ? current : current.WaitAsync(cancellationToken);
    }
}
