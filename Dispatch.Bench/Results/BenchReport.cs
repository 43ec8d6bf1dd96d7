namespace Dispatch.Bench.Results;

/// <summary>The <c>--json</c> file: what ran, where, and the (median) metrics per target.</summary>
public sealed class BenchReport
{
    public required string Scenario { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required Dictionary<string, string> Machine { get; init; }

    public required Dictionary<string, string> Settings { get; init; }

    public required List<TargetReport> Results { get; init; }

    /// <summary>With <c>--compare</c>: dispatch / baseline for every metric both have.</summary>
    public Dictionary<string, double>? Ratios { get; init; }
}
