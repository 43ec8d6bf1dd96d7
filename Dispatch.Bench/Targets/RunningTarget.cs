namespace Dispatch.Bench.Targets;

/// <summary>
/// A server under load: its websocket URL and, when the tool can see it, the process whose CPU and memory are
/// measured. Disposing stops a server the tool started (and every process it started); a <c>--url</c> target is left
/// alone.
/// </summary>
public sealed class RunningTarget : IAsyncDisposable
{
    private readonly ServerProcess? _process;

    public RunningTarget(TargetKind kind, Uri webSocketUrl, ServerProcess? process, int? measuredPid)
    {
        Kind = kind;
        WebSocketUrl = webSocketUrl;
        _process = process;
        MeasuredPid = measuredPid ?? process?.ProcessId;
    }

    public TargetKind Kind { get; }

    public Uri WebSocketUrl { get; }

    /// <summary>The server process (with its descendants: PHP workers) to sample, if known.</summary>
    public int? MeasuredPid { get; }

    /// <summary>The server's last output lines, for error messages.</summary>
    public string RecentOutput => _process?.RecentOutput ?? "";

    public bool HasExited => _process?.HasExited ?? false;

    public ValueTask DisposeAsync() => _process?.DisposeAsync() ?? ValueTask.CompletedTask;
}
