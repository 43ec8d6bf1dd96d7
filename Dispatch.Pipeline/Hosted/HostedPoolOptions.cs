namespace Dispatch.Pipeline.Hosted;

/// <summary>
/// The wait for a free worker in connection-hosted mode. Filled from <c>Dispatch:WebSocket:HostedQueueTimeout</c> and
/// <c>Dispatch:WebSocket:HostedQueueLimit</c> by the service, which validates them.
/// </summary>
public sealed class HostedPoolOptions
{
    /// <summary>How long an upgrade waits for a worker to become free before it gets 503.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Upgrades that may wait at once; beyond it an upgrade gets 503 without waiting.</summary>
    public int QueueLimit { get; set; } = 1000;
}
