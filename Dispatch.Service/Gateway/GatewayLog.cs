using Microsoft.Extensions.Logging;

namespace Dispatch.Service.Gateway;

internal static partial class GatewayLog
{
    [LoggerMessage(200, LogLevel.Debug, "Rejected upgrade on {Path} with {Status}: {Reason}", EventName = "UpgradeRejected")]
    public static partial void UpgradeRejected(ILogger logger, string path, int status, string reason);

    [LoggerMessage(201, LogLevel.Information, "Open of {ConnectionId} on {Path} answered {Status} ({Outcome}).", EventName = "OpenNotAccepted")]
    public static partial void OpenNotAccepted(ILogger logger, string connectionId, string path, int status, string outcome);

    [LoggerMessage(202, LogLevel.Debug, "Connection {ConnectionId} from {RemoteAddr} opened on {Path}.", EventName = "Connected")]
    public static partial void Connected(ILogger logger, string connectionId, string remoteAddr, string path);

    [LoggerMessage(203, LogLevel.Information, "Connection {ConnectionId} from {RemoteAddr} on {Path} closed with {CloseCode} ({CloseReason}) after {DurationMs} ms; {MessagesIn} messages in, {MessagesOut} out.", EventName = "Disconnected")]
    public static partial void Disconnected(ILogger logger, string connectionId, string remoteAddr, string path, long durationMs, int closeCode, string closeReason, long messagesIn, long messagesOut);

    [LoggerMessage(204, LogLevel.Warning, "The websocket handshake of {ConnectionId} failed after its open was accepted: {Message}", EventName = "HandshakeFailed")]
    public static partial void HandshakeFailed(ILogger logger, string connectionId, string message);

    [LoggerMessage(205, LogLevel.Error, "Connection id {ConnectionId} collided with a live connection; refusing it.", EventName = "IdCollision")]
    public static partial void IdCollision(ILogger logger, string connectionId);
}
