namespace Dispatch.Bench.Targets;

/// <summary>What the load runs against.</summary>
public enum TargetKind
{
    /// <summary>Dispatch.Service with PHP workers, started by the tool.</summary>
    Dispatch,

    /// <summary>A raw Kestrel websocket server speaking the same tiny protocol without PHP, started by the tool.</summary>
    Baseline,

    /// <summary>An already running server at <c>--url</c>.</summary>
    Url,
}
