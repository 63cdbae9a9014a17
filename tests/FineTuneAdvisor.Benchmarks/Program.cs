using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/FineTuneAdvisor.Benchmarks -- --filter '*'   (see docs/scoring.md, "Speed")
BenchmarkSwitcher.FromAssembly(typeof(FineTuneAdvisor.Benchmarks.EvaluateBenchmarks).Assembly).Run(args);
return 0;
