using Microsoft.Extensions.Logging;

namespace Dispatch.Pipeline.Dispatching;

/// <summary>Log events of the dispatch and apply blocks. EventIds 3001-3099; never renumber or reuse one.</summary>
internal static partial class DispatchingLog
{
    [LoggerMessage(3001, LogLevel.Warning, "The {Event} event of connection {ConnectionId} timed out after {TimeoutMs} ms; its worker is replaced.", EventName = "EventTimedOut")]
    public static partial void EventTimedOut(ILogger logger, string connectionId, string @event, double timeoutMs);

    [LoggerMessage(3002, LogLevel.Warning, "The {Event} event of connection {ConnectionId} failed on worker {WorkerPid}: {Failure}.", EventName = "WorkerFailed")]
    public static partial void WorkerFailed(ILogger logger, string connectionId, string @event, Workers.WorkerFailure failure, int? workerPid);

    [LoggerMessage(3003, LogLevel.Error, "Dispatching the {Event} event of connection {ConnectionId} failed unexpectedly.", EventName = "DispatchFaulted")]
    public static partial void DispatchFaulted(ILogger logger, string connectionId, string @event, Exception exception);


    // 3004 and 3006 are reserved (the validator logs rejected responses and commands itself).

    [LoggerMessage(3005, LogLevel.Debug, "The worker's handler failed on the {Event} event of connection {ConnectionId} ({ErrorClass}): {ErrorText}", EventName = "WorkerErrorResponse")]
    public static partial void WorkerErrorResponse(ILogger logger, string connectionId, string @event, string errorClass, string? errorText);


    [LoggerMessage(3007, LogLevel.Error, "Applying the {Event} event of connection {ConnectionId} failed unexpectedly.", EventName = "ApplyFaulted")]
    public static partial void ApplyFaulted(ILogger logger, string connectionId, string @event, Exception exception);

    [LoggerMessage(3008, LogLevel.Warning, "Closing connection {ConnectionId} with 1011 after {Failures} consecutive failed events.", EventName = "ClosingAfterFailures")]
    public static partial void ClosingAfterFailures(ILogger logger, string connectionId, int failures);

    [LoggerMessage(3009, LogLevel.Warning, "The close event of connection {ConnectionId} failed ({ErrorClass}); the connection is unregistered anyway.", EventName = "CloseEventFailed")]
    public static partial void CloseEventFailed(ILogger logger, string connectionId, string errorClass);

    [LoggerMessage(3010, LogLevel.Debug, "The worker rejected the open of connection {ConnectionId} with HTTP {Status}.", EventName = "OpenRejected")]
    public static partial void OpenRejected(ILogger logger, string connectionId, int status);

    [LoggerMessage(3011, LogLevel.Warning, "The open of connection {ConnectionId} failed ({ErrorClass}).", EventName = "OpenFailed")]
    public static partial void OpenFailed(ILogger logger, string connectionId, string errorClass);

    [LoggerMessage(3012, LogLevel.Debug, "The {Event} event of connection {ConnectionId} failed ({ErrorClass}); error frame sent: {Sent}.", EventName = "EventFailed")]
    public static partial void EventFailed(ILogger logger, string connectionId, string @event, string errorClass, bool sent);

    [LoggerMessage(3013, LogLevel.Debug, "The {Event} event of connection {ConnectionId} was refused by the graph (shutting down).", EventName = "EventRefused")]
    public static partial void EventRefused(ILogger logger, string connectionId, string @event);
}
