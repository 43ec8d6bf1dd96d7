namespace Dispatch.Service.Gateway;

/// <summary>The websocket endpoint (section <c>Dispatch:WebSocket</c>).</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "WebSocket";
    public const string MessageDispatchMode = "message_dispatch";
    public const string ConnectionHostedMode = "connection_hosted";

    /// <summary><c>message_dispatch</c> (default) or <c>connection_hosted</c>.</summary>
    public string Mode { get; set; } = MessageDispatchMode;

    /// <summary>Comma-separated websocket paths; each matches itself and everything under it (<c>/ws</c> matches
    /// <c>/ws/chat</c>).</summary>
    public string Paths { get; set; } = "/ws";

    /// <summary>Outbound frames a connection may have queued; a client that does not drain them is closed with 1008.</summary>
    public int SendQueueCapacity { get; set; } = 256;

    /// <summary>Interval of server pings (0 disables).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A client that does not answer a ping within this time is dropped (close reaches the worker as 1006).</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a closing handshake (and the final flush of queued frames) may take before the socket is aborted.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Live websockets allowed on this node (0 = unlimited); beyond it upgrades get 503.</summary>
    public int MaxConnections { get; set; }

    /// <summary>Live websockets allowed per remote address (0 = unlimited); beyond it upgrades get 503.</summary>
    public int MaxConnectionsPerIp { get; set; }

    /// <summary>Comma-separated allowed <c>Origin</c> values (scheme://host[:port]); empty allows any origin.</summary>
    public string AllowedOrigins { get; set; } = "";

    /// <summary>Reject upgrades that carry no <c>Origin</c> header (non-browser clients).</summary>
    public bool RequireOrigin { get; set; }

    /// <summary>Close a connection that sent no message for this long (0 disables). Pings do not count as messages.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>Messages per second a connection may send on average (0 disables the limit).</summary>
    public double RateLimitPerSecond { get; set; }

    /// <summary>Messages a connection may send in a burst above the average rate.</summary>
    public int RateLimitBurst { get; set; } = 20;

    /// <summary>What happens to a message over the limit: <c>error_frame</c> (not dispatched; the client gets an error
    /// frame with <c>error_class</c> <c>rate_limited</c>) or <c>close</c> (close 1008).</summary>
    public string RateLimitAction { get; set; } = "error_frame";

    /// <summary>Connection-hosted mode: how long an upgrade waits for a free worker (each hosts one websocket) before
    /// it gets 503.</summary>
    public TimeSpan HostedQueueTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Connection-hosted mode: upgrades that may wait for a free worker at once (0 = none wait); beyond it an
    /// upgrade gets 503 at once.</summary>
    public int HostedQueueLimit { get; set; } = 1000;

    /// <summary>
    /// Kestrel's socket I/O queues on the websocket listener: the loops that run the websockets' sends. Unset: half the
    /// processor count, at least 1 and at most 16 (Kestrel's own default is one per processor, at most 16); 0 runs each
    /// send straight on the thread pool. See <see cref="ResolveIoQueues"/>.
    /// </summary>
    public int? IoQueues { get; set; }

    /// <summary>The highest <see cref="IoQueues"/> start-up accepts.</summary>
    public const int MaxIoQueues = 1024;

    /// <summary>
    /// The I/O queue count to use: the configured one when it is valid, else the default (start-up validation reports a
    /// bad one). Fewer queues than cores leave cores to the PHP workers and the event pipeline while a large fan-out's
    /// sends run: on 2 cores, one queue instead of two cut a broadcast publisher's event from about 3 ms to 2 ms, and
    /// with it raised the publish rate a single publisher sustains.
    /// </summary>
    public static int ResolveIoQueues(int? configured) =>
        configured is >= 0 and <= MaxIoQueues ? configured.Value : Math.Clamp(Environment.ProcessorCount / 2, 1, 16);

    public IReadOnlyList<string> GetPaths() => Split(Paths);

    public IReadOnlyList<string> GetAllowedOrigins() => Split(AllowedOrigins);

    private static string[] Split(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
