namespace Dispatch.Service.Connections;

/// <summary>What happens to a message over the per-connection rate limit.</summary>
internal enum RateLimitAction
{
    /// <summary>The message is not dispatched; the client gets <c>{"type":"error","error_class":"rate_limited"}</c>.</summary>
    ErrorFrame,

    /// <summary>The connection is closed with 1008.</summary>
    Close,
}
