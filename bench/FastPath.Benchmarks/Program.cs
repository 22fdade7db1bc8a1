using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(FastPath.Benchmarks.BenchmarkConfig).Assembly).Run(args, new FastPath.Benchmarks.BenchmarkConfig());
