using Microsoft.Extensions.Logging;

namespace Dispatch.Commands.Hub;

/// <summary>Log events of <see cref="LocalMessageRouter"/>. EventIds 1200-1299; never renumber or reuse one.</summary>
internal static partial class LocalMessageRouterLog
{
    [LoggerMessage(1200, LogLevel.Error, "TrySend of connection {ConnectionId} threw; frame dropped for it only",
        EventName = "SendFailed")]
    public static partial void SendFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(1201, LogLevel.Error, "Close of connection {ConnectionId} threw", EventName = "CloseFailed")]
    public static partial void CloseFailed(ILogger logger, string connectionId, Exception exception);
}
