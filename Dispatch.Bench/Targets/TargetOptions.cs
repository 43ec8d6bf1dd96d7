namespace Dispatch.Bench.Targets;

/// <summary>How to start (or find) the server under load.</summary>
public sealed record TargetOptions
{
    public TargetKind Kind { get; init; } = TargetKind.Dispatch;

    /// <summary>For <see cref="TargetKind.Url"/>: the websocket URL (ws://127.0.0.1:PORT/ws).</summary>
    public Uri? Url { get; init; }

    /// <summary>For <see cref="TargetKind.Url"/>: a process to sample for CPU and memory (optional).</summary>
    public int? ServerPid { get; init; }

    /// <summary>Path of Dispatch.Service.dll; null finds the Release build of this checkout.</summary>
    public string? ServiceDll { get; init; }

    /// <summary>Directory of the bench PHP apps; null finds <c>deploy/bench-apps</c>.</summary>
    public string? AppsDirectory { get; init; }

    public int Workers { get; init; } = 2;

    /// <summary>Extra environment for the server process (KEY=VALUE), e.g. <c>Dispatch__Workers__PipelineDepth=4</c>.</summary>
    public IReadOnlyList<string> ServerEnvironment { get; init; } = [];

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
