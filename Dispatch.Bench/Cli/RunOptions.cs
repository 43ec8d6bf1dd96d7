using Dispatch.Bench.Scenarios;
using Dispatch.Bench.Targets;

namespace Dispatch.Bench.Cli;

/// <summary>A parsed load command line.</summary>
public sealed record RunOptions
{
    public required TargetOptions Target { get; init; }

    public required ScenarioSettings Settings { get; init; }

    /// <summary>Run the baseline, then Dispatch, and print dispatch / baseline ratios.</summary>
    public bool Compare { get; init; }

    /// <summary>Runs per target (each with a freshly started server); the table shows medians.</summary>
    public int Runs { get; init; } = 1;

    public string? JsonPath { get; init; }

    public bool ShowProgress { get; init; } = true;

    /// <summary>Before each run, wait up to this long for the machine to be quiet (other programs under 0.3 cores).</summary>
    public TimeSpan WaitQuiet { get; init; }

    /// <summary>A run during which the hypervisor stole more than this many cores is run again (up to
    /// <see cref="BenchRunner.StealRetries"/> times); 0 keeps every run.</summary>
    public double MaxSteal { get; init; }
}
