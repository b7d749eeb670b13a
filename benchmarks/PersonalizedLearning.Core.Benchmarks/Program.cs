using BenchmarkDotNet.Running;

// Run all:      dotnet run -c Release --project benchmarks/PersonalizedLearning.Core.Benchmarks -- --filter '*'
// Smoke (CI):   dotnet run -c Release --project benchmarks/PersonalizedLearning.Core.Benchmarks -- --filter '*' --job dry
// Exits 1 when a benchmark fails to build or run, so CI can tell.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
return failed ? 1 : 0;
