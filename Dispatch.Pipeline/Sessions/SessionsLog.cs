using Microsoft.Extensions.Logging;

namespace Dispatch.Pipeline.Sessions;

/// <summary>Log events of connection sessions and the pipeline entry point. EventIds 3101-3199; never reuse one.</summary>
internal static partial class SessionsLog
{
    [LoggerMessage(3101, LogLevel.Debug, "A message of connection {ConnectionId} arrived after its close began and was not queued.", EventName = "MessageNotQueued")]
    public static partial void MessageNotQueued(ILogger logger, string connectionId);

    [LoggerMessage(3102, LogLevel.Debug, "Connection {ConnectionId} closed before it was activated; the open's {Count} commands were not applied.", EventName = "HeldCommandsDropped")]
    public static partial void HeldCommandsDropped(ILogger logger, string connectionId, int count);

    [LoggerMessage(3103, LogLevel.Error, "The event lane of connection {ConnectionId} failed unexpectedly.", EventName = "LaneFaulted")]
    public static partial void LaneFaulted(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(3104, LogLevel.Debug, "The open of connection {ConnectionId} was abandoned by its caller after the worker accepted it; closing it.", EventName = "OpenAbandoned")]
    public static partial void OpenAbandoned(ILogger logger, string connectionId);

    [LoggerMessage(3105, LogLevel.Debug, "Connection {ConnectionId} closed ({Code}) and left the hub.", EventName = "SessionClosed")]
    public static partial void SessionClosed(ILogger logger, string connectionId, int code);
}
