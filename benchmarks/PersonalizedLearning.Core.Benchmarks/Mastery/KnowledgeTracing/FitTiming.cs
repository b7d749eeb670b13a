using System.Runtime;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PersonalizedLearning.Evaluation;
using PersonalizedLearning.Mastery.KnowledgeTracing;
using PersonalizedLearning.Samples;

namespace PersonalizedLearning.Benchmarks.Mastery.KnowledgeTracing;

/// <summary>
/// Times the whole <see cref="BktFitter.Fit"/> the way <c>../shared/tools/pybkt/time.py</c> times pyBKT, so that both
/// sides of a speed ratio are measured in one run on one machine (<c>eng/pybkt/side-by-side.sh</c> interleaves them):
/// the log read and collected into the oldest generation, one warm-up fit, then <c>--repeat</c> timed fits; the
/// training log-likelihood and AUC of the fitted model; the bytes the fits allocated and the process's peak working set.
/// Prints JSON.
/// </summary>
/// <remarks>
/// <c>fit-timing DATA.csv [--forgets] [--repeat 3] [--threads 2] [--tolerance T]</c>. CSV with pyBKT's columns
/// (order_id, user_id, skill_name, correct). Options are BktFitter's defaults but for those given; competencies whose
/// answers are all of one class are fitted, as pyBKT fits them.
/// </remarks>
internal static class FitTiming
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: fit-timing DATA.csv [--forgets] [--repeat 3] [--threads 2] [--tolerance T]");
            return 2;
        }

        var path = args[1];
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var forgets = args.Contains("--forgets");
        var repeat = int.Parse(Value("--repeat") ?? "3", CultureInfo.InvariantCulture);
        var threads = int.Parse(Value("--threads") ?? "2", CultureInfo.InvariantCulture);
        var options = BktFitOptions.Default with { Forgetting = forgets, FitSingleClassCompetencies = true, MaxDegreeOfParallelism = threads };
        if (Value("--tolerance") is { } tolerance)
        {
            options = options with { Tolerance = double.Parse(tolerance, CultureInfo.InvariantCulture) };
        }

        var log = ResponseLogCsv.Read(path);

        // Data preparation ends with a full collection, so that the log just read (18 MB of objects for STATICS) is
        // moved to the oldest generation here rather than by a collection inside a timed fit (one took 59 ms);
        // pyBKT's preparation is outside its timing too.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        BktFitter.Fit(log, options);
        var seconds = new List<double>();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        BktFitResult fit = null!;
        var cpu = new List<double>();
        var jit = new List<(double Milliseconds, long Methods)>();
        var process = Process.GetCurrentProcess();
        for (var r = 0; r < repeat; r++)
        {
            process.Refresh();
            var (cpu0, jit0, methods0) = (process.TotalProcessorTime, JitInfo.GetCompilationTime(), JitInfo.GetCompiledMethodCount());
            var clock = Stopwatch.StartNew();
            fit = BktFitter.Fit(log, options);
            seconds.Add(clock.Elapsed.TotalSeconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpu0).TotalSeconds);
            jit.Add(((JitInfo.GetCompilationTime() - jit0).TotalMilliseconds, JitInfo.GetCompiledMethodCount() - methods0));
        }

        allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / repeat;
        var metrics = Replay.Evaluate(log, fit.ToModel(allowDegenerate: true)).Overall;
        var sorted = seconds.Order().ToList();
        var result = new Dictionary<string, object>
        {
            ["csv"] = Path.GetFullPath(path),
            ["model"] = forgets ? "BKT+forgets" : "BKT",
            ["threads"] = threads,
            ["tolerance"] = options.Tolerance,
            ["accelerate"] = options.Accelerate,
            ["rows"] = log.Count,
            ["competencies"] = log.Competencies.Length,
            ["fit_wall_s"] = seconds.Select(s => Math.Round(s, 5)).ToArray(),
            ["fit_median_s"] = Math.Round(sorted[sorted.Count / 2], 5),
            ["fit_cpu_s"] = cpu.Select(s => Math.Round(s, 5)).ToArray(),
            ["fit_jit_ms"] = jit.Select(j => Math.Round(j.Milliseconds, 1)).ToArray(),
            ["fit_jit_methods"] = jit.Select(j => j.Methods).ToArray(),
            ["allocated_bytes_per_fit"] = allocated,
            ["peak_working_set_bytes"] = Process.GetCurrentProcess().PeakWorkingSet64,
            ["train_loglik"] = metrics.LogLikelihood,
            ["fit_loglik"] = fit.LogLikelihood,
            ["train_auc"] = metrics.Auc,
            ["e_steps_of_best_starts"] = fit.Competencies.Sum(c => c.Iterations),
            ["loadavg_1min"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "",
            ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        };
        Console.WriteLine(JsonSerializer.Serialize(result, Indented));
        return 0;
    }
}
