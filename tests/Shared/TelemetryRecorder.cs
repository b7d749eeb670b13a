using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace PersonalizedLearning.Tests;

/// <summary>
/// Listens to the PersonalizedLearning sources and meters (by name, as a host's OpenTelemetry does) while it lives,
/// keeping every stopped span and every measurement. Listeners are process-wide, so tests that use it belong to the
/// <see cref="TelemetryTestGroup"/>, which runs alone: nothing else emits meanwhile.
/// </summary>
internal sealed class TelemetryRecorder : IDisposable
{
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;

    public TelemetryRecorder()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("PersonalizedLearning.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_activities);
        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name.StartsWith("PersonalizedLearning.", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>((i, value, tags, _) => Measurements.Enqueue(new(i.Meter.Name, i.Name, value, tags.ToArray())));
        _meters.SetMeasurementEventCallback<int>((i, value, tags, _) => Measurements.Enqueue(new(i.Meter.Name, i.Name, value, tags.ToArray())));
        _meters.SetMeasurementEventCallback<double>((i, value, tags, _) => Measurements.Enqueue(new(i.Meter.Name, i.Name, value, tags.ToArray())));
        _meters.Start();
    }

    public ConcurrentQueue<Activity> Spans { get; } = new();

    public ConcurrentQueue<Measurement> Measurements { get; } = new();

    /// <summary>The spans of a name, in the order they stopped.</summary>
    public List<Activity> Named(string name) => [.. Spans.Where(s => s.OperationName == name)];

    /// <summary>The sum of an instrument's measurements whose tags include every tag given.</summary>
    public double Sum(string instrument, params (string Key, object? Value)[] tags) =>
        Of(instrument, tags).Sum(m => m.Value);

    /// <summary>How many measurements an instrument took (for histograms: how many things were timed).</summary>
    public int Count(string instrument, params (string Key, object? Value)[] tags) => Of(instrument, tags).Count();

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private IEnumerable<Measurement> Of(string instrument, (string Key, object? Value)[] tags) =>
        Measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.Any(k => k.Key == t.Key && Equals(k.Value, t.Value))));

    internal sealed record Measurement(string Meter, string Instrument, double Value, KeyValuePair<string, object?>[] Tags);
}

/// <summary>Tests that listen to the process-wide sources and meters; run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryTestGroup
{
    public const string Name = "Telemetry";
}

/// <summary>A logger that keeps what it is told, for the hosted components' log events.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(EventId Id, LogLevel Level, string Message)> Entries { get; } = new();

    /// <summary>For each entry, the span current when it was logged (its operation name; null outside any span): what an
    /// OpenTelemetry log exporter correlates the record with.</summary>
    public ConcurrentQueue<(EventId Id, string? Span)> Spans { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        Spans.Enqueue((eventId, System.Diagnostics.Activity.Current?.OperationName));
        Entries.Enqueue((eventId, logLevel, formatter(state, exception)));
    }
}
