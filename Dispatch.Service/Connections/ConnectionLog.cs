using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace Dispatch.Service.Connections;

internal static partial class ConnectionLog
{
    [LoggerMessage(100, LogLevel.Warning, "Connection {ConnectionId} is not draining its send queue ({Queued} frames queued); closing it with 1008.", EventName = "SlowConsumer")]
    public static partial void SlowConsumer(ILogger logger, string connectionId, int queued);

    [LoggerMessage(101, LogLevel.Debug, "Send to connection {ConnectionId} failed: {Error}.", EventName = "SendFailed")]
    public static partial void SendFailed(ILogger logger, string connectionId, WebSocketError error);

    [LoggerMessage(102, LogLevel.Debug, "Send to connection {ConnectionId} failed: {Message}.", EventName = "SendIoFailed")]
    public static partial void SendIoFailed(ILogger logger, string connectionId, string message);

    [LoggerMessage(103, LogLevel.Debug, "Receive on connection {ConnectionId} failed: {Error}.", EventName = "ReceiveFailed")]
    public static partial void ReceiveFailed(ILogger logger, string connectionId, WebSocketError error);

    [LoggerMessage(104, LogLevel.Debug, "Receive on connection {ConnectionId} failed: {Message}.", EventName = "ReceiveIoFailed")]
    public static partial void ReceiveIoFailed(ILogger logger, string connectionId, string message);

    [LoggerMessage(105, LogLevel.Information, "Connection {ConnectionId} sent a message above {MaxMessageBytes} bytes; closing it with 1009.", EventName = "MessageTooBig")]
    public static partial void MessageTooBig(ILogger logger, string connectionId, int maxMessageBytes);

    [LoggerMessage(106, LogLevel.Debug, "Connection {ConnectionId} is over its message rate limit.", EventName = "RateLimited")]
    public static partial void RateLimited(ILogger logger, string connectionId);
}
