using Microsoft.Extensions.Options;

namespace PersonalizedLearning.DependencyInjection;

/// <summary>What <see cref="IPersonalizedLearningEngineProvider.ReloadFailed"/> tells: why a reload was refused. The
/// current snapshot did not change.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class EngineReloadFailedEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    /// <param name="current">The snapshot that stays current.</param>
    /// <param name="error">Every problem found, in <see cref="OptionsValidationException.Failures"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public EngineReloadFailedEventArgs(EngineSnapshot current, OptionsValidationException error)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(error);
        Current = current;
        Error = error;
    }

    /// <summary>The snapshot that stays current.</summary>
    public EngineSnapshot Current { get; }

    /// <summary>Every problem found, in <see cref="OptionsValidationException.Failures"/>.</summary>
    public OptionsValidationException Error { get; }

    /// <summary>The tenant, the generation kept and the failures.</summary>
    /// <returns>For example <c>EngineReloadFailedEventArgs { Tenant = district-a, Generation = 1, Failures = [Tenant 'district-a': …] }</c>.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"EngineReloadFailedEventArgs {{ Tenant = {Current.Tenant ?? "(default)"}, Generation = {Current.Generation}, Failures = [{string.Join(", ", Error.Failures)}] }}");
}
