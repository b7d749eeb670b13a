using System.Diagnostics;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Records;

namespace PersonalizedLearning.Storage.Contract;

/// <summary>
/// A child process records batches through <see cref="LearnerRecords"/> and is killed (SIGKILL) at a random moment, 20
/// times; after each kill every acknowledged batch is in the store, no batch is half-written, and every learner's state
/// (loaded from its snapshot and tail) equals the rebuild of its stored log.
/// </summary>
public abstract class CrashContract
{
    /// <summary>"sqlite" or "postgresql", as the crash writer takes it.</summary>
    protected abstract string Kind { get; }

    /// <summary>The connection string both the writer and the test open.</summary>
    protected abstract string ConnectionString { get; }

    protected abstract IEvidenceStore Open();

    [SkippableFact]
    public async Task A_writer_killed_at_random_twenty_times_loses_no_acknowledged_batch_and_writes_no_half_batch()
    {
        var connection = ConnectionString;
        var tenant = new TenantId($"crash-{Guid.NewGuid():N}");
        var writer = Path.Combine(AppContext.BaseDirectory, "PersonalizedLearning.Storage.CrashWriter.dll");
        var random = new Random(20261201);
        var engine = CrashScenario.Engine();
        var store = Open();
        var acknowledged = 0;
        for (var run = 0; run < 20; run++)
        {
            var acks = new List<int>();
            using var process = Process.Start(new ProcessStartInfo("dotnet", [writer, Kind, connection, tenant.Value, run.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;

            // Wait for the first acknowledgement (the process is up and writing), then kill it a random moment later,
            // mostly in the middle of a batch.
            var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            first.Should().NotBeNull($"the writer starts and acknowledges a batch (stderr: {(process.HasExited ? await process.StandardError.ReadToEndAsync() : "running")})");
            acks.Add(int.Parse(first!["ack ".Length..], System.Globalization.CultureInfo.InvariantCulture));
            var reading = Task.Run(async () =>
            {
                while (await process.StandardOutput.ReadLineAsync() is { } line)
                {
                    lock (acks)
                    {
                        acks.Add(int.Parse(line["ack ".Length..], System.Globalization.CultureInfo.InvariantCulture));
                    }
                }
            });
            await Task.Delay(random.Next(0, 400));
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await reading;
            acknowledged += acks.Count;

            // Every batch the writer acknowledged is whole in the store; the one it was writing is whole or absent.
            var stored = new HashSet<string>();
            for (var l = 0; l < CrashScenario.Learners; l++)
            {
                var read = await store.ReadAsync(tenant, $"learner-{l}");
                stored.UnionWith(read.Entries.Select(e => e.Id.Value));
            }

            var last = acks.Max();
            for (var batch = 0; batch <= last + 1; batch++)
            {
                var present = CrashScenario.Batch(run, batch).Count(e => stored.Contains(e.Id.Value));
                if (batch <= last)
                {
                    present.Should().Be(CrashScenario.BatchSize, $"run {run} acknowledged batch {batch}");
                }
                else
                {
                    present.Should().BeOneOf([0, CrashScenario.BatchSize], $"run {run}'s batch {batch} is whole or absent");
                }
            }
        }

        // Every learner's state, loaded as a restarted host loads it (snapshot and tail), equals a rebuild of its log.
        using var records = new LearnerRecords(engine, Open());
        for (var l = 0; l < CrashScenario.Learners; l++)
        {
            LearnerId learner = $"learner-{l}";
            var read = await store.ReadAsync(tenant, learner);
            var rebuilt = engine.Rebuild(learner, read.Entries.Select(e => e.Evidence!));
            (await records.GetStateAsync(tenant, learner)).Should().Be(rebuilt);
            read.Version.Should().Be(rebuilt.EvidenceCount, "no piece is stored twice");
        }

        acknowledged.Should().BeGreaterThan(20);
    }
}
