using System.Diagnostics;
using PersonalizedLearning.Interop.Xapi;
using static PersonalizedLearning.Diagnostics.PersonalizedLearningTelemetry;

namespace PersonalizedLearning.Diagnostics;

/// <summary>The span and measurements of one import (a CASE package, a batch of xAPI statements).</summary>
internal readonly struct ImportTelemetry
{
    // The xAPI rejection reasons in snake_case, made once (attribute values are a closed set).
    private static readonly string[] XapiReasons = [.. Enum.GetNames<XapiRejectionReason>().Select(CoreTelemetry.SnakeCase)];

    private readonly Activity? _activity;
    private readonly string _format;
    private readonly long _started;

    private ImportTelemetry(Activity? activity, string format, long started)
    {
        _activity = activity;
        _format = format;
        _started = started;
    }

    /// <summary>Whether anyone listens to an import's span or measurements.</summary>
    public static bool Observed => CoreTelemetry.ImportDuration.Enabled || CoreTelemetry.ImportItems.Enabled || CoreTelemetry.ImportProblems.Enabled || CoreTelemetry.Source.HasListeners();

    /// <summary>Runs one whole import (its size check and stream read included) inside its span and measurements, so that
    /// an import refused for its size is traced and timed with its <c>error.type</c> like any other failure.</summary>
    public static T Run<T>(string format, Func<T> read, Func<T, (int Items, int Problems, IReadOnlyList<XapiRejection>? Rejections)> counts)
    {
        if (!Observed)
        {
            return read();
        }

        var import = Begin(format);
        try
        {
            var result = read();
            var (items, problems, rejections) = counts(result);
            import.End(items, problems, rejections);
            return result;
        }
        catch (Exception e)
        {
            import.Fail(e);
            throw;
        }
    }

    /// <summary>As <see cref="Run{T}"/>, for an import that reads a stream first.</summary>
    public static async Task<T> RunAsync<T>(string format, Func<Task<T>> read, Func<T, (int Items, int Problems, IReadOnlyList<XapiRejection>? Rejections)> counts)
    {
        if (!Observed)
        {
            return await read().ConfigureAwait(false);
        }

        var import = Begin(format);
        try
        {
            var result = await read().ConfigureAwait(false);
            var (items, problems, rejections) = counts(result);
            import.End(items, problems, rejections);
            return result;
        }
        catch (Exception e)
        {
            import.Fail(e);
            throw;
        }
    }

    public static ImportTelemetry Begin(string format)
    {
        var activity = CoreTelemetry.Source.StartActivity(Spans.Import);
        activity?.SetTag(Attributes.ImportFormat, format);
        return new ImportTelemetry(activity, format, Stopwatch.GetTimestamp());
    }

    public void End(int items, int problems, IReadOnlyList<XapiRejection>? rejections)
    {
        var format = new KeyValuePair<string, object?>(Attributes.ImportFormat, _format);
        CoreTelemetry.ImportDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, format);
        if (items > 0)
        {
            CoreTelemetry.ImportItems.Add(items, format);
        }

        if (rejections is not null)
        {
            foreach (var group in rejections.GroupBy(r => r.Reason))
            {
                CoreTelemetry.ImportProblems.Add(group.Count(), format, new(Attributes.ImportProblemReason, XapiReasons[(int)group.Key]));
            }
        }
        else if (problems > 0)
        {
            CoreTelemetry.ImportProblems.Add(problems, format);
        }

        if (_activity is not null)
        {
            _activity.SetTag(Attributes.ImportItemCount, items);
            _activity.SetTag(Attributes.ImportProblemCount, problems);
            _activity.Dispose();
        }
    }

    public void Fail(Exception exception)
    {
        CoreTelemetry.ImportDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, new(Attributes.ImportFormat, _format), new(Attributes.ErrorType, exception.GetType().FullName));
        CoreTelemetry.Fail(_activity, exception);
        _activity?.Dispose();
    }
}
