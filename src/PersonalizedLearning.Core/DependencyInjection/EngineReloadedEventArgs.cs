using Microsoft.Extensions.Options;

namespace PersonalizedLearning.DependencyInjection;

/// <summary>What <see cref="IPersonalizedLearningEngineProvider.Reloaded"/> tells: the snapshot replaced and the one now
/// current.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class EngineReloadedEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    /// <param name="previous">The snapshot that was current.</param>
    /// <param name="current">The snapshot now current.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public EngineReloadedEventArgs(EngineSnapshot previous, EngineSnapshot current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        Previous = previous;
        Current = current;
    }

    /// <summary>The snapshot that was current; requests that hold it go on with it.</summary>
    public EngineSnapshot Previous { get; }

    /// <summary>The snapshot now current.</summary>
    public EngineSnapshot Current { get; }

    /// <summary>The tenant and the generations.</summary>
    /// <returns>For example <c>EngineReloadedEventArgs { Tenant = district-a, Generation = 1 → 2, Activities = 15 → 16 }</c>.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"EngineReloadedEventArgs {{ Tenant = {Current.Tenant ?? "(default)"}, Generation = {Previous.Generation} → {Current.Generation}, Activities = {Previous.Catalog.Count} → {Current.Catalog.Count} }}");
}
