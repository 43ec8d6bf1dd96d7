namespace Dispatch.Bench.Results;

/// <summary>One target's metrics in <see cref="BenchReport"/>: medians when <see cref="Runs"/> &gt; 1, plus every run.</summary>
public sealed class TargetReport
{
    public required string Target { get; init; }

    public required int Runs { get; init; }

    public required Dictionary<string, double> Metrics { get; init; }

    public required Dictionary<string, string> Units { get; init; }

    public required List<Dictionary<string, double>> EachRun { get; init; }

    public required List<string> Notes { get; init; }
}
