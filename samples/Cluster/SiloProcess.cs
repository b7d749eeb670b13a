using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace PersonalizedLearning.Samples.Cluster;

/// <summary>A silo running as a child process of the coordinator, this program started again with <c>silo …</c>.</summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<(long Now, long Baseline)>? _memory;
    private TaskCompletionSource<double>? _cpu;

    private SiloProcess(SiloArguments arguments)
    {
        Arguments = arguments;
        var self = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var argument in arguments.ToArgs())
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[SiloArguments.ConnectionVariable] = arguments.Connection;
        _process = Process.Start(start) ?? throw new InvalidOperationException("The silo process did not start.");
        _process.OutputDataReceived += (_, e) => Heard(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                Console.Error.WriteLine($"  [silo {Arguments.Index}] {e.Data}");
            }
        };
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"Silo {Arguments.Index} exited with code {_process.ExitCode} before it was ready."));
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public SiloArguments Arguments { get; }

    public bool Alive => !_process.HasExited;

    public static async Task<SiloProcess> StartAsync(SiloArguments arguments)
    {
        var silo = new SiloProcess(arguments);
        await silo._ready.Task.WaitAsync(TimeSpan.FromSeconds(90));
        return silo;
    }

    /// <summary>The silo's managed heap after a full collection, now and when it became ready.</summary>
    public async Task<(long Now, long Baseline)> MemoryAsync()
    {
        _memory = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await _process.StandardInput.WriteLineAsync("MEMORY");
        return await _memory.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>The processor time the silo has used, in seconds.</summary>
    public async Task<double> CpuSecondsAsync()
    {
        _cpu = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await _process.StandardInput.WriteLineAsync("CPU");
        return await _cpu.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to the cluster; what the process held in memory is gone.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await _process.StandardInput.WriteLineAsync("STOP");
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private void Heard(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line == "READY")
        {
            _ready.TrySetResult();
        }
        else if (line.StartsWith("MEMORY ", StringComparison.Ordinal))
        {
            var parts = line.Split(' ');
            _memory?.TrySetResult((long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture)));
        }
        else if (line.StartsWith("CPU ", StringComparison.Ordinal))
        {
            _cpu?.TrySetResult(double.Parse(line[4..], CultureInfo.InvariantCulture));
        }
        else if (!string.IsNullOrWhiteSpace(line))
        {
            Console.WriteLine($"  [silo {Arguments.Index}] {line}");
        }
    }
}
