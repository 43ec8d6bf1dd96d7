using BenchmarkDotNet.Running;

namespace Dispatch.Bench.Micro;

/// <summary>Entry point of <c>micro</c>: BenchmarkDotNet's switcher over this assembly's benchmarks.</summary>
public static class MicroBenchmarks
{
    public static int Run(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(MicroBenchmarks).Assembly).Run(args);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }
}
