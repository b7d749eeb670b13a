// samples/Cluster: PersonalizedLearning on an Orleans cluster of 2-3 silos on localhost, each its own process, over one
// PostgreSQL database; a load generator records N learners x M pieces of evidence through the learner grains, one silo
// is killed (SIGKILL) halfway, and at the end every learner's state is checked against a rebuild from its stored log.
//
//   dotnet run --project samples/Cluster                      short mode: 3 silos, 300 learners x 10 pieces, a silo killed
//   dotnet run -c Release --project samples/Cluster -- --silos 2 --learners 10000 --pieces 100 [--rate 5000]
//       [--concurrency 64] [--no-kill] [--report output/report.json]
//
// PostgreSQL: the server PL_POSTGRES_CONNECTION names, or a throwaway one started with eng/postgres.sh (Debian's
// postgresql is installed if missing). Each run uses a schema of its own and drops it at the end.
using System.Globalization;
using PersonalizedLearning.Samples;
using PersonalizedLearning.Samples.Cluster;

if (args.Length > 0 && args[0] == "silo")
{
    return await SiloHost.RunAsync(SiloArguments.Parse(args));
}

var options = LoadOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Cluster [--silos N] [--learners N] [--pieces N] [--concurrency N] [--rate EVENTS_PER_S] [--class-size N] [--no-kill] [--report FILE]");
    return 2;
}

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
return await Coordinator.RunAsync(options);
