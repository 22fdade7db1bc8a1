using BenchmarkDotNet.Running;

// dotnet run -c Release --project samples/l3router/L3Router.Benchmarks -- --job short --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(L3Router.Benchmarks.ForwardBenchmarks).Assembly).Run(args);
