using Microsoft.Extensions.Logging;

namespace Dispatch.Commands.Validation;

/// <summary>Log events of <see cref="CommandValidator"/>. EventIds 1000-1099; never renumber or reuse one.</summary>
internal static partial class CommandValidatorLog
{
    [LoggerMessage(1000, LogLevel.Warning,
        "Worker command {Index} ({Event}) for connection {ConnectionId} rejected: {Reason}",
        EventName = "CommandRejected")]
    public static partial void CommandRejected(ILogger logger, string connectionId, int index, string @event, string reason);

    [LoggerMessage(1001, LogLevel.Warning,
        "Worker response to {EventKind} of connection {ConnectionId} rejected whole: {Reason}",
        EventName = "ResponseRejected")]
    public static partial void ResponseRejected(ILogger logger, string connectionId, string eventKind, string reason);

    [LoggerMessage(1002, LogLevel.Debug,
        "Worker answered {EventKind} of connection {ConnectionId} with an error response ({ErrorClass})",
        EventName = "WorkerErrorResponse")]
    public static partial void WorkerErrorResponse(ILogger logger, string connectionId, string eventKind, string errorClass);
}
