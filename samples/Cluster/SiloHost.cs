using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using PersonalizedLearning.DependencyInjection;
using PersonalizedLearning.Orleans;
using PersonalizedLearning.Records;
using PersonalizedLearning.Storage.PostgreSql;

namespace PersonalizedLearning.Samples.Cluster;

/// <summary>One silo, run as a process of its own by the coordinator: the engine, the PostgreSQL evidence store and the
/// grains, on localhost. It prints READY when it serves, answers MEMORY with its managed heap after a full collection,
/// answers CPU with the processor time it has used, and stops on STOP (or when killed, which is the point).</summary>
internal static class SiloHost
{
    public const string ServiceId = "personalized-learning-sample";

    public static async Task<int> RunAsync(SiloArguments arguments)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.Logging.AddFilter("Polly", LogLevel.Error);
        // Each silo keeps to 40 connections (30 for evidence, 10 for grain state), so that three silos, the coordinator and
        // the server's default of 100 to 200 connections fit together.
        builder.Services.AddPersonalizedLearning(o => o.Catalog = Course.Catalog)
            .AddPersonalizedLearningPostgreSql(new NpgsqlConnectionStringBuilder(arguments.Connection) { MaxPoolSize = 30 }.ConnectionString, o => o.Schema = arguments.Schema);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(arguments.Connection) { MaxPoolSize = 10 }.ConnectionString));
        builder.UseOrleans(silo =>
        {
            silo.UseDevelopmentClustering(new IPEndPoint(IPAddress.Loopback, arguments.PrimaryPort));
            silo.ConfigureEndpoints(IPAddress.Loopback, arguments.Port, arguments.GatewayPort);
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (arguments.ClusterId, ServiceId));
            // Evidence goes to the evidence store; rosters and class lists to grain storage in the same database.
            silo.AddPersonalizedLearningGrains(records: new LearnerRecordsOptions { CachedLearners = 1_000_000 });
            silo.Services.AddGrainStorage(PersonalizedLearningGrains.StorageName, (sp, _) =>
                new PostgresGrainStorage(sp.GetRequiredService<NpgsqlDataSource>(), arguments.Schema, sp.GetRequiredService<IGrainStorageSerializer>()));
            // A lost silo is declared dead after about two seconds of missed probes, so that the demonstration recovers in
            // seconds (the defaults suit a data centre: tens of seconds). The calls the silos have in flight to it are
            // failed then; the client's calls through it as a gateway are not, and the load sends those again after 5 s
            // (Coordinator.SendAgainAfter), not after the response timeout.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            });
            // The response timeout bounds a call that gets no answer at all. It was 5 s, which a healthy call can exceed
            // on a loaded 2-core machine (three silos, PostgreSQL and the client on the same cores), failing the run;
            // 60 s is far above the queueing measured there (p99.9 about 0.3 s, samples/Cluster/README.md).
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(60));
            // The store's own exceptions (a database down, out of connections) reach the caller with their type and message.
            silo.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
        });

        using var host = builder.Build();
        await host.StartAsync();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine("READY");
        while (Console.ReadLine() is { } line)
        {
            if (line == "MEMORY")
            {
                var now = GC.GetTotalMemory(forceFullCollection: true);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MEMORY {now} {baseline}"));
            }
            else if (line == "CPU")
            {
                using var self = System.Diagnostics.Process.GetCurrentProcess();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU {self.TotalProcessorTime.TotalSeconds:R}"));
            }
            else if (line == "STOP")
            {
                break;
            }
        }

        await host.StopAsync();
        return 0;
    }
}

/// <summary>What the coordinator tells a silo process: on its command line, except the connection string, which goes in
/// the environment (<see cref="ConnectionVariable"/>) so that it is not shown in process lists.</summary>
internal sealed record SiloArguments(int Index, int Port, int GatewayPort, int PrimaryPort, string ClusterId, string Connection, string Schema)
{
    public const string ConnectionVariable = "PL_CLUSTER_SILO_CONNECTION";

    public string[] ToArgs() =>
        ["silo", Index.ToString(CultureInfo.InvariantCulture), Port.ToString(CultureInfo.InvariantCulture), GatewayPort.ToString(CultureInfo.InvariantCulture),
         PrimaryPort.ToString(CultureInfo.InvariantCulture), ClusterId, Schema];

    public static SiloArguments Parse(string[] args) =>
        new(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture),
            int.Parse(args[4], CultureInfo.InvariantCulture), args[5],
            Environment.GetEnvironmentVariable(ConnectionVariable) ?? throw new InvalidOperationException($"{ConnectionVariable} is not set."), args[6]);
}
