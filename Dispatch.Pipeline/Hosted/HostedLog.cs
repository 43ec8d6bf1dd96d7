using Microsoft.Extensions.Logging;

namespace Dispatch.Pipeline.Hosted;

/// <summary>Log events of connection-hosted mode. EventIds 5000-5099; never renumber or reuse one.</summary>
internal static partial class HostedLog
{
    [LoggerMessage(5000, LogLevel.Warning, "{Waiting} upgrades are already waiting for a hosting worker; refusing another (503).", EventName = "HostedQueueFull")]
    public static partial void QueueFull(ILogger logger, int waiting);

    [LoggerMessage(5001, LogLevel.Information, "No worker became free to host a websocket within {TimeoutMs} ms; answering 503.", EventName = "HostedQueueTimedOut")]
    public static partial void QueueTimedOut(ILogger logger, double timeoutMs);

    [LoggerMessage(5002, LogLevel.Information, "Worker {Slot} (pid {WorkerPid}) reached {Events} events; recycling it after its websocket.", EventName = "HostedWorkerRetiring")]
    public static partial void Retiring(ILogger logger, int slot, int workerPid, long events);

    [LoggerMessage(5003, LogLevel.Warning, "The {Event} event of hosted connection {ConnectionId} timed out after {TimeoutMs} ms; its worker {WorkerPid} is killed and replaced.", EventName = "HostedEventTimedOut")]
    public static partial void EventTimedOut(ILogger logger, string connectionId, string @event, double timeoutMs, int workerPid);

    [LoggerMessage(5004, LogLevel.Warning, "Worker {WorkerPid} failed during the {Event} event of hosted connection {ConnectionId}: {Failure}.", EventName = "HostedWorkerFailed")]
    public static partial void WorkerFailed(ILogger logger, string connectionId, string @event, int workerPid, string failure);

    [LoggerMessage(5005, LogLevel.Warning, "Worker {WorkerPid} sent an invalid frame for hosted connection {ConnectionId} ({Problem}); it is killed and replaced.", EventName = "HostedInvalidFrame")]
    public static partial void InvalidFrame(ILogger logger, string connectionId, int workerPid, string problem);

    [LoggerMessage(5006, LogLevel.Warning, "The handler failed on the {Event} event of hosted connection {ConnectionId} ({ErrorClass}): {ErrorText}", EventName = "HostedHandlerError")]
    public static partial void HandlerError(ILogger logger, string connectionId, string @event, string errorClass, string? errorText);

    [LoggerMessage(5007, LogLevel.Warning, "Worker sent more than {Max} commands for one {Event} event of hosted connection {ConnectionId}; the rest are ignored.", EventName = "HostedTooManyCommands")]
    public static partial void TooManyCommands(ILogger logger, string connectionId, string @event, int max);

    [LoggerMessage(5008, LogLevel.Information, "Open of hosted connection {ConnectionId} rejected by the handler with {Status}.", EventName = "HostedOpenRejected")]
    public static partial void OpenRejected(ILogger logger, string connectionId, int status);

    [LoggerMessage(5009, LogLevel.Warning, "The worker hosting connection {ConnectionId} is gone; closing the websocket with 1011.", EventName = "HostedWorkerLost")]
    public static partial void WorkerLost(ILogger logger, string connectionId);

    [LoggerMessage(5010, LogLevel.Error, "Applying a frame of hosted connection {ConnectionId} failed unexpectedly.", EventName = "HostedApplyFaulted")]
    public static partial void ApplyFaulted(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(5011, LogLevel.Debug, "Hosted connection {ConnectionId} closed ({Code}); its worker {WorkerPid} is released.", EventName = "HostedSessionClosed")]
    public static partial void SessionClosed(ILogger logger, string connectionId, int code, int workerPid);

    [LoggerMessage(5012, LogLevel.Information, "Worker {Slot} (pid {WorkerPid}) uses {ResidentMb} MB, above MaxMemoryMb {MaxMemoryMb}; recycling it after its websocket.", EventName = "HostedWorkerRetiringForMemory")]
    public static partial void RetiringForMemory(ILogger logger, int slot, int workerPid, long residentMb, long maxMemoryMb);
}
