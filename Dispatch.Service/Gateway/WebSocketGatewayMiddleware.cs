using Dispatch.Commands.Contract;
using Dispatch.Commands.Hub;
using Dispatch.Commands.Validation;
using Dispatch.Pipeline.Sessions;
using Dispatch.Service.Connections;
using Dispatch.Service.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Dispatch.Service.Gateway;

/// <summary>
/// The websocket endpoint of both modes: upgrade checks (CONTRACT 3), origin and connection limits, the <c>open</c>
/// round trip to a worker before the handshake completes (through the mode's <see cref="IConnectionOpener"/>), then the
/// connection's life.
/// </summary>
internal sealed class WebSocketGatewayMiddleware
{
    private readonly RequestDelegate _next;
    private readonly PathMatcher _paths;
    private readonly OriginPolicy _origins;
    private readonly ConnectionTracker _tracker;
    private readonly DescriptorFactory _descriptors;
    private readonly IConnectionOpener _opener;
    private readonly IConnectionHub _hub;
    private readonly GatewayOptions _options;
    private readonly ConnectionSettings _settings;
    private readonly ILogger _logger;
    private readonly ILogger _connectionLogger;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly WebSocketAcceptContext _acceptContext;

    public WebSocketGatewayMiddleware(
        RequestDelegate next,
        PathMatcher paths,
        OriginPolicy origins,
        ConnectionTracker tracker,
        DescriptorFactory descriptors,
        IConnectionOpener opener,
        IConnectionHub hub,
        IOptions<GatewayOptions> options,
        IOptions<LimitsOptions> limits,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        GatewayMetrics metrics)
    {
        _metrics = metrics;
        _time = time;
        _next = next;
        _paths = paths;
        _origins = origins;
        _tracker = tracker;
        _descriptors = descriptors;
        _opener = opener;
        _hub = hub;
        _options = options.Value;
        _settings = new ConnectionSettings(
            _options.SendQueueCapacity,
            _options.CloseTimeout,
            limits.Value.MaxMessageBytes,
            _options.IdleTimeout,
            _options.RateLimitPerSecond,
            _options.RateLimitBurst,
            _options.RateLimitAction == "close" ? RateLimitAction.Close : RateLimitAction.ErrorFrame,
            new OutboundMessage(ContractJson.SerializeErrorFrame(new ClientErrorFrame { ErrorClass = "rate_limited", Event = WireNames.Message }), isBinary: false),
            time,
            metrics);
        _acceptContext = new WebSocketAcceptContext
        {
            KeepAliveInterval = _options.KeepAliveInterval,
            KeepAliveTimeout = _options.KeepAliveInterval > TimeSpan.Zero ? _options.KeepAliveTimeout : Timeout.InfiniteTimeSpan,
        };
        _logger = loggerFactory.CreateLogger<WebSocketGatewayMiddleware>();
        _connectionLogger = loggerFactory.CreateLogger<WebSocketConnection>();
    }

    /// <summary>
    /// Not async itself: every path ends in one task (a refusal, or the connection's life), so a held connection
    /// keeps one state machine, not two.
    /// </summary>
    public Task InvokeAsync(HttpContext context)
    {
        if (!_paths.IsWebSocketPath(context.Request.Path))
        {
            return _next(context);
        }

        switch (UpgradeRequestValidator.Check(context.Request))
        {
            case UpgradeCheck.NotAnUpgrade:
                context.Response.Headers.Upgrade = "websocket";
                context.Response.Headers[HeaderNames.SecWebSocketVersion] = "13";
                return RejectAsync(context, StatusCodes.Status426UpgradeRequired, "This is a websocket endpoint: connect with a websocket client.", RefusalReasons.NotWebSocket);
            case UpgradeCheck.Malformed:
                return RejectAsync(context, StatusCodes.Status400BadRequest, UpgradeRequestValidator.Describe(context.Request), RefusalReasons.Malformed);
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            return RejectAsync(context, StatusCodes.Status400BadRequest, "Bad websocket upgrade request.", RefusalReasons.Malformed);
        }

        if (_tracker.IsStopping)
        {
            return RejectAsync(context, StatusCodes.Status503ServiceUnavailable, "Server is shutting down.", RefusalReasons.ShuttingDown);
        }

        if (!_origins.IsAllowed(context.Request.Headers.Origin))
        {
            return RejectAsync(context, StatusCodes.Status403Forbidden, "Origin not allowed.", RefusalReasons.Origin);
        }

        var remoteAddr = context.Connection.RemoteIpAddress?.ToString() ?? "";
        if (!_tracker.TryAdmit(remoteAddr))
        {
            return RejectAsync(context, StatusCodes.Status503ServiceUnavailable, "Too many connections.", RefusalReasons.Limit);
        }

        return RunConnectionAsync(context, remoteAddr);
    }

    /// <summary>
    /// An admitted upgrade: the <c>open</c>, the handshake, the connection's life; then its admission ends. One async
    /// method for all of it, so that a held connection keeps one state machine here.
    /// </summary>
    private async Task RunConnectionAsync(HttpContext context, string remoteAddr)
    {
        try
        {
            var connectionId = ConnectionIdGenerator.NewId();
            var descriptor = _descriptors.Create(context, connectionId, remoteAddr);
            var open = await _opener.OpenAsync(descriptor, context.RequestAborted).ConfigureAwait(false);
            if (open.Status != OpenStatus.Accepted || open.Session is not { } session)
            {
                await RefuseOpenAsync(context, descriptor, open).ConfigureAwait(false);
                return;
            }

            System.Net.WebSockets.WebSocket socket;
            try
            {
                socket = await context.WebSockets.AcceptWebSocketAsync(_acceptContext).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
            {
                // The open was accepted, so its close must still reach the worker (CONTRACT 4.5).
                GatewayLog.HandshakeFailed(_logger, connectionId, ex.Message);
                _metrics.UpgradeRefused(RefusalReasons.HandshakeFailed);
                await session.CloseAsync(1006, "handshake failed").ConfigureAwait(false);
                return;
            }

            using var connection = new WebSocketConnection(connectionId, remoteAddr, socket, _settings, _connectionLogger);
            if (!_hub.TryRegister(connection, new Dispatch.Commands.Hub.ConnectionInfo(connectionId, descriptor.Path, remoteAddr, descriptor.ConnectedAtUnixMs)))
            {
                GatewayLog.IdCollision(_logger, connectionId);
                socket.Abort();
                await session.CloseAsync(1011, "internal error").ConfigureAwait(false);
                return;
            }

            var openedAt = Opened(connection, descriptor);
            var close = CloseInfo.Abnormal;
            try
            {
                session.Activate();
                close = await connection.RunAsync(session).ConfigureAwait(false);
                await session.CloseAsync(close.Code, close.Reason).ConfigureAwait(false);
            }
            finally
            {
                Closed(connection, descriptor, openedAt, close);
            }
        }
        finally
        {
            _tracker.Release(remoteAddr);
        }
    }

    private Task RefuseOpenAsync(HttpContext context, ConnectionDescriptor descriptor, OpenResult open)
    {
        GatewayLog.OpenNotAccepted(_logger, descriptor.Id, descriptor.Path, open.HttpStatus, open.Status.ToString());
        _metrics.UpgradeRefused(open.Status switch
        {
            OpenStatus.Rejected => RefusalReasons.Rejected,
            OpenStatus.Unavailable => RefusalReasons.Unavailable,
            _ => RefusalReasons.OpenFailed,
        });
        return WriteStatusAsync(context, open.HttpStatus, open.Reason ?? DefaultReason(open.Status));
    }

    /// <returns>The timestamp the connection's duration is measured from.</returns>
    private long Opened(WebSocketConnection connection, ConnectionDescriptor descriptor)
    {
        _tracker.Add(connection);
        _metrics.ConnectionOpened();
        GatewayLog.Connected(_logger, connection.Id, connection.RemoteAddr, descriptor.Path);
        if (_tracker.IsStopping)
        {
            // Shutdown began while this one was opening: it gets the same 1001 as everyone else.
            connection.Close(1001, "server shutting down");
        }

        return _time.GetTimestamp();
    }

    // Counted and logged once per accepted connection, whoever closed it, after the worker saw the close.
    private void Closed(WebSocketConnection connection, ConnectionDescriptor descriptor, long openedAt, CloseInfo close)
    {
        _tracker.Remove(connection);
        _metrics.ConnectionClosed(close.Code);
        GatewayLog.Disconnected(
            _logger,
            connection.Id,
            connection.RemoteAddr,
            descriptor.Path,
            (long)_time.GetElapsedTime(openedAt).TotalMilliseconds,
            close.Code,
            close.Reason,
            connection.MessagesIn,
            connection.MessagesOut);
    }

    private static string DefaultReason(OpenStatus status) => status switch
    {
        OpenStatus.Rejected => "Forbidden",
        OpenStatus.Unavailable => "No worker available.",
        _ => "WebSocket open failed.",
    };

    private Task RejectAsync(HttpContext context, int status, string reason, string metricReason)
    {
        _metrics.UpgradeRefused(metricReason);
        GatewayLog.UpgradeRejected(_logger, context.Request.Path.Value ?? "", status, reason);
        return WriteStatusAsync(context, status, reason);
    }

    private static Task WriteStatusAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(body + "\n", context.RequestAborted);
    }
}
