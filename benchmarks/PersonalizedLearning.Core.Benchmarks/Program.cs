using BenchmarkDotNet.Running;
using PersonalizedLearning.Benchmarks.Mastery.KnowledgeTracing;

// Run all:      dotnet run -c Release --project benchmarks/PersonalizedLearning.Core.Benchmarks -- --filter '*'
// Smoke (CI):   dotnet run -c Release --project benchmarks/PersonalizedLearning.Core.Benchmarks -- --filter '*' --job dry
// Exits 1 when a benchmark fails to build or run, so CI can tell.
// Side by side with pyBKT: dotnet run -c Release --project benchmarks/PersonalizedLearning.Core.Benchmarks -- fit-timing DATA.csv [--forgets]
//   (eng/pybkt/side-by-side.sh runs it interleaved with pyBKT's timing script).
// What a learner state keeps in memory: dotnet run -c Release --project benchmarks/PersonalizedLearning.Core.Benchmarks -- state-memory
if (args is ["fit-timing", ..])
{
    return FitTiming.Run(args);
}

if (args is ["state-memory"])
{
    return PersonalizedLearning.Benchmarks.Mastery.StateMemory.Run();
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
return failed ? 1 : 0;
