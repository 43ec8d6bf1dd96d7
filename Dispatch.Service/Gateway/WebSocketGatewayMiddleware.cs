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
        _logger = loggerFactory.CreateLogger<WebSocketGatewayMiddleware>();
        _connectionLogger = loggerFactory.CreateLogger<WebSocketConnection>();
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!_paths.IsWebSocketPath(context.Request.Path))
        {
            await _next(context).ConfigureAwait(false);
            return;
        }

        switch (UpgradeRequestValidator.Check(context.Request))
        {
            case UpgradeCheck.NotAnUpgrade:
                context.Response.Headers.Upgrade = "websocket";
                context.Response.Headers[HeaderNames.SecWebSocketVersion] = "13";
                await RejectAsync(context, StatusCodes.Status426UpgradeRequired, "This is a websocket endpoint: connect with a websocket client.", RefusalReasons.NotWebSocket).ConfigureAwait(false);
                return;
            case UpgradeCheck.Malformed:
                await RejectAsync(context, StatusCodes.Status400BadRequest, UpgradeRequestValidator.Describe(context.Request), RefusalReasons.Malformed).ConfigureAwait(false);
                return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, "Bad websocket upgrade request.", RefusalReasons.Malformed).ConfigureAwait(false);
            return;
        }

        if (_tracker.IsStopping)
        {
            await RejectAsync(context, StatusCodes.Status503ServiceUnavailable, "Server is shutting down.", RefusalReasons.ShuttingDown).ConfigureAwait(false);
            return;
        }

        if (!_origins.IsAllowed(context.Request.Headers.Origin))
        {
            await RejectAsync(context, StatusCodes.Status403Forbidden, "Origin not allowed.", RefusalReasons.Origin).ConfigureAwait(false);
            return;
        }

        var remoteAddr = context.Connection.RemoteIpAddress?.ToString() ?? "";
        if (!_tracker.TryAdmit(remoteAddr))
        {
            await RejectAsync(context, StatusCodes.Status503ServiceUnavailable, "Too many connections.", RefusalReasons.Limit).ConfigureAwait(false);
            return;
        }

        try
        {
            await RunConnectionAsync(context, remoteAddr).ConfigureAwait(false);
        }
        finally
        {
            _tracker.Release(remoteAddr);
        }
    }

    private async Task RunConnectionAsync(HttpContext context, string remoteAddr)
    {
        var connectionId = ConnectionIdGenerator.NewId();
        var descriptor = _descriptors.Create(context, connectionId);
        var open = await _opener.OpenAsync(descriptor, context.RequestAborted).ConfigureAwait(false);
        if (open.Status != OpenStatus.Accepted || open.Session is not { } session)
        {
            GatewayLog.OpenNotAccepted(_logger, connectionId, descriptor.Path, open.HttpStatus, open.Status.ToString());
            _metrics.UpgradeRefused(open.Status switch
            {
                OpenStatus.Rejected => RefusalReasons.Rejected,
                OpenStatus.Unavailable => RefusalReasons.Unavailable,
                _ => RefusalReasons.OpenFailed,
            });
            await WriteStatusAsync(context, open.HttpStatus, open.Reason ?? DefaultReason(open.Status)).ConfigureAwait(false);
            return;
        }

        System.Net.WebSockets.WebSocket socket;
        try
        {
            socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
            {
                KeepAliveInterval = _options.KeepAliveInterval,
                KeepAliveTimeout = _options.KeepAliveInterval > TimeSpan.Zero ? _options.KeepAliveTimeout : Timeout.InfiniteTimeSpan,
            }).ConfigureAwait(false);
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

        _tracker.Add(connection);
        var openedAt = _time.GetTimestamp();
        var close = CloseInfo.Abnormal;
        _metrics.ConnectionOpened();
        GatewayLog.Connected(_logger, connectionId, remoteAddr, descriptor.Path);
        if (_tracker.IsStopping)
        {
            // Shutdown began while this one was opening: it gets the same 1001 as everyone else.
            connection.Close(1001, "server shutting down");
        }

        try
        {
            session.Activate();
            close = await connection.RunAsync(session).ConfigureAwait(false);
            await session.CloseAsync(close.Code, close.Reason).ConfigureAwait(false);
        }
        finally
        {
            _tracker.Remove(connection);

            // Counted and logged once per accepted connection, whoever closed it, after the worker saw the close.
            _metrics.ConnectionClosed(close.Code);
            GatewayLog.Disconnected(
                _logger,
                connectionId,
                remoteAddr,
                descriptor.Path,
                (long)_time.GetElapsedTime(openedAt).TotalMilliseconds,
                close.Code,
                close.Reason,
                connection.MessagesIn,
                connection.MessagesOut);
        }
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
