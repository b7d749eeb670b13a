using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Insights;
using PersonalizedLearning.Learners;
using PersonalizedLearning.Observations;
using PersonalizedLearning.Orleans;
using PersonalizedLearning.Records;
using PersonalizedLearning.Storage.PostgreSql;

namespace PersonalizedLearning.Samples.Cluster;

/// <summary>Starts the silos, drives the load, kills a silo halfway, measures, and checks every learner.</summary>
internal static class Coordinator
{
    private static readonly TenantId Tenant = new("district-sample");
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // How long the load waits for a piece's acknowledgement before it sends the piece again. A call the client sent
    // through a silo that is then killed (its gateway) is not failed when membership declares the silo dead: it would
    // wait for the response timeout, which is long (60 s, see StartClientAsync) so that the calls that are not sent again
    // survive a loaded machine. Sending a piece again is harmless (the log does not count it twice), so the load waits 5 s.
    private static readonly TimeSpan SendAgainAfter = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(LoadOptions options)
    {
        await using var postgres = await Postgres.OpenAsync();
        var schema = $"cluster_{Guid.NewGuid():N}"[..24];
        await using var database = NpgsqlDataSource.Create(postgres.Connection);
        await PostgresGrainStorage.CreateAsync(database, schema);
        var store = new PostgreSqlEvidenceStore(new PostgreSqlEvidenceStoreOptions { ConnectionString = postgres.Connection, Schema = schema });
        await store.EnsureSchemaAsync();
        var silos = new List<SiloProcess>();
        try
        {
            Console.WriteLine($"PersonalizedLearning on Orleans: {options.Silos} silo(s) on localhost, PostgreSQL schema {schema}");
            var clusterId = $"sample-{Guid.NewGuid():N}"[..15];
            var ports = Enumerable.Range(0, options.Silos).Select(_ => (Silo: FreePort(), Gateway: FreePort())).ToArray();
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < options.Silos; i++)
            {
                // The first silo is the development clustering's primary: the others join through it, and it is never the
                // one killed.
                silos.Add(await SiloProcess.StartAsync(new SiloArguments(i, ports[i].Silo, ports[i].Gateway, ports[0].Silo, clusterId, postgres.Connection, schema)));
                Console.WriteLine($"  silo {i} ready on port {ports[i].Silo} (gateway {ports[i].Gateway}) after {stopwatch.Elapsed.TotalSeconds:F1} s");
            }

            using var client = await StartClientAsync(clusterId, ports.Select(p => p.Gateway));
            var engine = client.Services.GetRequiredService<PersonalizedLearningEngine>();
            var grains = client.Services.GetRequiredService<IClusterClient>();
            var learners = Enumerable.Range(0, options.Learners).Select(i => new LearnerId($"learner-{i:000000}")).ToArray();
            var classes = await EnrollAsync(grains, learners, options.ClassSize);
            Console.WriteLine($"  {learners.Length:N0} learners enrolled in {classes.Length:N0} classes of up to {options.ClassSize}");

            var walBefore = await ScalarAsync<long>(database, "SELECT pg_current_wal_lsn() - '0/0'::pg_lsn");
            var before = await CpuAsync(silos);
            var run = await LoadAsync(options, grains, learners, silos);
            var cpu = (await CpuAsync(silos)).Since(before, run.VictimCpuSeconds);
            var walBytes = await ScalarAsync<long>(database, "SELECT pg_current_wal_lsn() - '0/0'::pg_lsn") - walBefore;
            var storedBytes = await ScalarAsync<long>(database, $"SELECT pg_total_relation_size('{schema}.log') + pg_total_relation_size('{schema}.snapshots') + pg_total_relation_size('{schema}.learners')");
            var memory = await MemoryPerLearnerAsync(grains, silos);
            var check = await VerifyAsync(options, grains, store, engine, learners, classes, run.Acknowledged);

            var sorted = run.Latencies.Order().ToArray();
            var report = new ClusterReport(options.Silos, options.Learners, options.Pieces, options.Events, options.Concurrency, options.Rate,
                run.Seconds, options.Events / run.Seconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99), Percentile(sorted, 0.999),
                run.Retries, run.KilledAt is not null, run.RecoverySeconds, run.FullRateSeconds, memory.BytesPerLearner, memory.Activations,
                1000 * cpu.Silos / options.Events, 1000 * cpu.Client / options.Events, 1000 * cpu.Other / options.Events, Environment.ProcessorCount,
                (double)walBytes / options.Events, (double)storedBytes / options.Events,
                check.LearnersChecked, check.Mismatches, check.ClassesChecked, check.ClassMismatches);
            Print(report);
            if (options.Report is { } path)
            {
                var file = SampleOutput.NamedFile(path);
                await File.WriteAllTextAsync(file, JsonSerializer.Serialize(report, Indented));
                Console.WriteLine($"  report written to {file}");
            }

            return check.Mismatches == 0 && check.ClassMismatches == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }

            await using var drop = database.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task<IHost> StartClientAsync(string clusterId, IEnumerable<int> gateways)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Logging.AddFilter("Orleans", LogLevel.Critical);
        // The client reads mastery snapshots against the same catalog as the silos.
        builder.Services.AddPersonalizedLearning(o => o.Catalog = Course.Catalog);
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering([.. gateways.Select(g => new IPEndPoint(IPAddress.Loopback, g))]);
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, SiloHost.ServiceId));
            // As the silos' (SiloHost.cs): 60 s, not 5, so that healthy calls queued on a loaded 2-core machine (the
            // enrolment, the class views, the final check, which are not sent again) do not time out. The load sends a
            // piece again after SendAgainAfter, so a killed silo still costs it seconds, not a minute.
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(60));
            client.AddPersonalizedLearningClient();
            client.Services.Configure<global::Orleans.Serialization.ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<IClassGrain[]> EnrollAsync(IClusterClient grains, LearnerId[] learners, int classSize)
    {
        var classes = learners.Chunk(classSize).Select((members, c) => (Grain: grains.GetClass(Tenant, $"class-{c:0000}"), Members: members)).ToArray();
        await Parallel.ForEachAsync(classes, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, _) => await c.Grain.EnrollAsync([.. c.Members]));
        return [.. classes.Select(c => c.Grain)];
    }

    private sealed record LoadRun(double Seconds, double[] Latencies, bool[] Acknowledged, long Retries, DateTimeOffset? KilledAt, double? RecoverySeconds, double? FullRateSeconds, double VictimCpuSeconds);

    /// <summary>Processor seconds used so far: by each silo (by index), by this process (the client and load generator), and
    /// by the whole machine (from /proc/stat; PostgreSQL and the kernel are the rest).</summary>
    private sealed record CpuReading(double[] Silos, double Client, double Machine)
    {
        public (double Silos, double Client, double Other) Since(CpuReading before, double victimAtKill)
        {
            // A killed silo was read just before the kill.
            var silos = Silos.Select((now, i) => (double.IsNaN(now) ? victimAtKill : now) - before.Silos[i]).Sum();
            var client = Client - before.Client;
            return (silos, client, Math.Max(0, Machine - before.Machine - silos - client));
        }
    }

    private static async Task<CpuReading> CpuAsync(List<SiloProcess> silos)
    {
        var each = new double[silos.Count];
        for (var i = 0; i < silos.Count; i++)
        {
            each[i] = silos[i].Alive ? await silos[i].CpuSecondsAsync() : double.NaN;
        }

        using var self = Process.GetCurrentProcess();
        return new CpuReading(each, self.TotalProcessorTime.TotalSeconds, MachineBusySeconds());
    }

    // user + nice + system + irq + softirq + steal of every core, in seconds (USER_HZ = 100); NaN where there is no /proc.
    private static double MachineBusySeconds()
    {
        if (!File.Exists("/proc/stat"))
        {
            return double.NaN;
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        return (fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + (fields.Length > 7 ? fields[7] : 0)) / 100.0;
    }

    private static async Task<LoadRun> LoadAsync(LoadOptions options, IClusterClient grains, LearnerId[] learners, List<SiloProcess> silos)
    {
        var start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-30);
        var latencies = new double[options.Events];
        var acknowledged = new bool[options.Events];
        long next = -1, done = 0, retries = 0;
        long lastRetryAck = 0;
        var acknowledgedAt = new double[options.Events];
        var clockStart = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        long killedAtTicks = -1;
        var victimCpu = double.NaN;

        async Task WorkAsync()
        {
            while (Interlocked.Increment(ref next) is var i && i < options.Events)
            {
                // Round robin: every learner's k-th piece before anyone's (k+1)-th, as a school day's evidence arrives.
                var learner = (int)(i % learners.Length);
                var k = (int)(i / learners.Length);
                if (options.Rate > 0 && TimeSpan.FromSeconds(i / options.Rate) - clock.Elapsed is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait);
                }

                var piece = Course.Piece(learners[learner].Value, learner, k, start);
                var grain = grains.GetLearner(Tenant, learners[learner]);
                // Latency runs from when the piece was due (with --rate) or sent, so that time spent behind schedule counts
                // (no coordinated omission).
                var sent = options.Rate > 0 ? clockStart + (long)(i / options.Rate * Stopwatch.Frequency) : Stopwatch.GetTimestamp();
                var again = false;
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        await grain.RecordAsync(piece).WaitAsync(SendAgainAfter);
                        break;
                    }
                    catch (Exception e) when (attempt < 150 && e is not ArgumentException)
                    {
                        // No acknowledgement: send it again. Evidence the log already holds is not counted twice.
                        again = true;
                        Interlocked.Increment(ref retries);
                        await Task.Delay(200);
                    }
                }

                latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                acknowledgedAt[i] = clock.Elapsed.TotalSeconds;
                acknowledged[i] = true;
                Interlocked.Increment(ref done);
                if (again)
                {
                    InterlockedMax(ref lastRetryAck, clock.Elapsed.Ticks);
                }
            }
        }

        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(WorkAsync)).ToArray();
        var all = Task.WhenAll(workers);
        long lastDone = 0;
        var lastTick = TimeSpan.Zero;
        var victim = options.Kill && silos.Count > 1 ? silos[^1] : null;
        while (!all.IsCompleted)
        {
            await Task.WhenAny(all, Task.Delay(victim is not null && killedAtTicks < 0 ? 10 : 1000));
            var now = clock.Elapsed;
            var count = Interlocked.Read(ref done);
            if (victim is not null && killedAtTicks < 0 && count >= options.Events / 2)
            {
                victimCpu = await victim.CpuSecondsAsync();
                victim.Kill();
                killedAtTicks = clock.Elapsed.Ticks;
                Console.WriteLine($"  [{now.TotalSeconds,6:F1} s] silo {victim.Arguments.Index} killed (SIGKILL) at {count:N0} acknowledged");
            }

            if (now - lastTick >= TimeSpan.FromSeconds(1) || all.IsCompleted)
            {
                var rate = (count - lastDone) / (now - lastTick).TotalSeconds;
                Console.WriteLine($"  [{now.TotalSeconds,6:F1} s] {count,10:N0} / {options.Events:N0} acknowledged  {rate,8:N0}/s  sent again {Interlocked.Read(ref retries):N0}  silos alive {silos.Count(s => s.Alive)}");
                (lastDone, lastTick) = (count, now);
            }
        }

        await all;
        var seconds = clock.Elapsed.TotalSeconds;
        if (victim is null && options.Kill)
        {
            Console.WriteLine("  (one silo: nothing to kill)");
        }

        double? recovery = killedAtTicks < 0 || Interlocked.Read(ref lastRetryAck) == 0 ? null : TimeSpan.FromTicks(Interlocked.Read(ref lastRetryAck) - killedAtTicks).TotalSeconds;
        var fullRate = killedAtTicks < 0 ? null : FullRateAgain(acknowledgedAt, TimeSpan.FromTicks(killedAtTicks).TotalSeconds, seconds);
        return new LoadRun(seconds, latencies, acknowledged, retries, killedAtTicks < 0 ? null : DateTimeOffset.UtcNow, recovery, fullRate, victimCpu);
    }

    // Seconds from the kill until the acknowledgements of the last 5 seconds ran at 90 % or more of the rate of the 30
    // seconds before the kill; null when that rate was not reached again before the run ended.
    private static double? FullRateAgain(double[] acknowledgedAt, double killedAt, double end)
    {
        var times = acknowledgedAt.Where(t => t > 0).Order().ToArray();
        var before = Math.Min(30, killedAt);
        if (before <= 0)
        {
            return null;
        }

        var rate = times.Count(t => t > killedAt - before && t <= killedAt) / before;
        for (var t = killedAt + 5; t <= end; t += 0.1)
        {
            var from = Array.BinarySearch(times, t - 5) is var a && a < 0 ? ~a : a;
            var to = Array.BinarySearch(times, t) is var b && b < 0 ? ~b : b;
            if ((to - from) / 5.0 >= 0.9 * rate)
            {
                return t - killedAt;
            }
        }

        return null;
    }

    private static async Task<(double BytesPerLearner, int Activations)> MemoryPerLearnerAsync(IClusterClient grains, List<SiloProcess> silos)
    {
        long grown = 0;
        foreach (var silo in silos.Where(s => s.Alive))
        {
            var (now, baseline) = await silo.MemoryAsync();
            grown += now - baseline;
        }

        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        var activations = statistics.Where(s => s.GrainType.Contains("LearnerGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        return (activations == 0 ? 0 : (double)grown / activations, activations);
    }

    private sealed record Check(int LearnersChecked, int Mismatches, int ClassesChecked, int ClassMismatches);

    private static async Task<Check> VerifyAsync(LoadOptions options, IClusterClient grains, PostgreSqlEvidenceStore store, PersonalizedLearningEngine engine,
        LearnerId[] learners, IClassGrain[] classes, bool[] acknowledged)
    {
        Console.WriteLine("  checking every learner against a rebuild from its stored log ...");
        var rebuilt = new LearnerState[learners.Length];
        var mismatches = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, learners.Length), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (l, token) =>
        {
            var log = await store.ReadAsync(Tenant, learners[l], cancellationToken: token);
            var ids = log.Entries.Select(e => e.Id).ToHashSet();
            var missing = Enumerable.Range(0, options.Pieces).Count(k => acknowledged[(k * learners.Length) + l] && !ids.Contains(new EvidenceId($"{learners[l]}-{k:000}")));
            rebuilt[l] = engine.Rebuild(learners[l], log.Entries.Where(e => e.Evidence is not null).Select(e => e.Evidence!), log.Entries.Where(e => e.Evidence is null).Select(e => e.Id));
            var state = await grains.GetLearner(Tenant, learners[l]).GetStateAsync();
            var problems = new List<string>();
            if (missing > 0)
            {
                problems.Add($"{missing} acknowledged pieces missing from the log");
            }

            if (log.Entries.Length != ids.Count || ids.Count != options.Pieces)
            {
                problems.Add($"the log holds {log.Entries.Length} entries ({ids.Count} distinct ids) for {options.Pieces} pieces sent");
            }

            if (!state.Equals(rebuilt[l]))
            {
                problems.Add("the grain's state differs from the rebuild of its log");
            }

            if (problems.Count > 0)
            {
                Interlocked.Increment(ref mismatches);
                Console.WriteLine($"  MISMATCH {learners[l]}: {string.Join("; ", problems)}");
            }
        });

        // Class views are kept from one-way reports: give the last ones a moment to land.
        var classMismatches = 0;
        for (var c = 0; c < classes.Length; c++)
        {
            var members = Enumerable.Range(c * options.ClassSize, Math.Min(options.ClassSize, learners.Length - (c * options.ClassSize)));
            var expected = ClassOverview.Create([.. members.Select(l => engine.Assess(rebuilt[l]))]);
            var matched = false;
            for (var attempt = 0; attempt < 100 && !matched; attempt++)
            {
                matched = (await classes[c].GetOverviewAsync()).Equals(expected);
                if (!matched)
                {
                    await Task.Delay(100);
                }
            }

            if (!matched)
            {
                classMismatches++;
                Console.WriteLine($"  MISMATCH class {c}: its overview differs from the overview of its learners' rebuilt states");
            }
        }

        var first = await classes[0].GetOverviewAsync();
        var groups = await classes[0].FormSmallGroupsAsync(5);
        Console.WriteLine($"  class-0000: {first.Learners} learners, {first.Rows.Sum(r => r.Mastered)} competencies mastered in all, {first.Stuck.Length} stuck flags, {groups.Groups.Length} small groups of up to 5");
        return new Check(learners.Length, mismatches, classes.Length, classMismatches);
    }

    private static void Print(ClusterReport r)
    {
        Console.WriteLine();
        Console.WriteLine($"  silos                       {r.Silos}");
        Console.WriteLine($"  evidence                    {r.Learners:N0} learners x {r.Pieces} = {r.Events:N0} pieces, {r.Concurrency} in flight{(r.TargetRate > 0 ? $", target {r.TargetRate:N0}/s" : "")}");
        Console.WriteLine($"  throughput                  {r.EventsPerSecond:N0} pieces/s over {r.Seconds:F1} s");
        Console.WriteLine($"  record latency              p50 {r.P50Milliseconds:F2} ms   p99 {r.P99Milliseconds:F2} ms   p99.9 {r.P999Milliseconds:F2} ms (caller's view, retries included)");
        Console.WriteLine($"  sent again                  {r.Retries:N0} calls");
        Console.WriteLine($"  silo killed                 {(!r.SiloKilled ? "no" : r.RecoverySeconds is null ? "yes; no call had to be sent again" : $"yes; the last call it interrupted was acknowledged {r.RecoverySeconds:F1} s later")}");
        if (r.SiloKilled)
        {
            Console.WriteLine($"  back to the full rate       {(r.FullRateSeconds is { } full ? $"{full:F1} s after the kill (5 s at 90 % or more of the 30 s before it)" : "not before the run ended")}");
        }
        Console.WriteLine($"  memory per learner grain    {r.BytesPerLearnerGrain / 1024:N1} KiB managed heap ({r.LearnerActivations:N0} learner activations alive)");
        Console.WriteLine($"  CPU per 1,000 pieces        silos {r.SiloCpuSecondsPer1000:F2} s, client {r.ClientCpuSecondsPer1000:F2} s, PostgreSQL and kernel {r.OtherCpuSecondsPer1000:F2} s ({r.Cores} cores)");
        Console.WriteLine($"  PostgreSQL per piece        {r.WalBytesPerPiece:N0} bytes of WAL, {r.StoredBytesPerPiece:N0} bytes stored (log, snapshots and learners, indexes included)");
        Console.WriteLine($"  learners checked            {r.LearnersChecked:N0}, {r.Mismatches} differ from a rebuild of their log");
        Console.WriteLine($"  classes checked             {r.ClassesChecked:N0}, {r.ClassMismatches} differ");
        Console.WriteLine(r.Mismatches == 0 && r.ClassMismatches == 0
            ? "  OK: nothing acknowledged was lost or counted twice, and every state and class view equals a rebuild from the log."
            : "  FAILED: see the mismatches above.");
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    // The p-quantile of latencies sorted once (nearest rank).
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static void InterlockedMax(ref long target, long value)
    {
        var seen = Interlocked.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var previous && previous != seen)
        {
            seen = previous;
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

internal sealed record ClusterReport(int Silos, int Learners, int Pieces, int Events, int Concurrency, double TargetRate, double Seconds, double EventsPerSecond,
    double P50Milliseconds, double P99Milliseconds, double P999Milliseconds, long Retries, bool SiloKilled, double? RecoverySeconds, double? FullRateSeconds, double BytesPerLearnerGrain,
    int LearnerActivations, double SiloCpuSecondsPer1000, double ClientCpuSecondsPer1000, double OtherCpuSecondsPer1000, int Cores,
    double WalBytesPerPiece, double StoredBytesPerPiece,
    int LearnersChecked, int Mismatches, int ClassesChecked, int ClassMismatches);
