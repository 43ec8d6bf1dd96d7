using Dispatch.Commands.Hub;

namespace Dispatch.Service.Connections;

/// <summary>The per-connection knobs, resolved once from options.</summary>
internal sealed record ConnectionSettings(
    int SendQueueCapacity,
    TimeSpan CloseTimeout,
    int MaxMessageBytes,
    TimeSpan IdleTimeout,
    double RateLimitPerSecond,
    int RateLimitBurst,
    RateLimitAction RateLimitAction,
    OutboundMessage RateLimitedFrame,
    TimeProvider Time,
    Metrics.GatewayMetrics? Metrics = null);
