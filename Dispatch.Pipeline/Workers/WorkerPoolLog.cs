using Microsoft.Extensions.Logging;

namespace Dispatch.Pipeline.Workers;

internal static partial class WorkerPoolLog
{
    [LoggerMessage(4020, LogLevel.Warning, "An event was cancelled while on worker {Slot} (pid {WorkerPid}); killing that worker.", EventName = "WorkerKilledOnCancel")]
    public static partial void KilledOnCancel(ILogger logger, int slot, int workerPid);

    [LoggerMessage(4021, LogLevel.Debug, "Worker {Slot} (pid {WorkerPid}) died before starting an event; dispatching it again.", EventName = "EventRedispatched")]
    public static partial void Redispatched(ILogger logger, int slot, int workerPid);

    [LoggerMessage(4022, LogLevel.Warning, "Worker {Slot} (pid {WorkerPid}) failed an event: {Failure}.", EventName = "WorkerEventFailed")]
    public static partial void EventFailed(ILogger logger, int slot, int workerPid, WorkerFailure failure);

    [LoggerMessage(4023, LogLevel.Information, "Worker {Slot} (pid {WorkerPid}) reached {MaxJobs} events; recycling it once idle.", EventName = "WorkerRetiring")]
    public static partial void Retiring(ILogger logger, int slot, int workerPid, long maxJobs);

    [LoggerMessage(4024, LogLevel.Warning, "No worker became available within {TimeoutMs} ms; answering Unavailable.", EventName = "WorkerUnavailable")]
    public static partial void Unavailable(ILogger logger, double timeoutMs);

    [LoggerMessage(4026, LogLevel.Warning, "Worker {Slot} (pid {WorkerPid}) spent more than {TimeoutMs} ms on one event; killing it.", EventName = "WorkerEventTimedOut")]
    public static partial void EventTimedOut(ILogger logger, int slot, int workerPid, double timeoutMs);

    [LoggerMessage(4025, LogLevel.Warning, "Worker {Slot} (pid {WorkerPid}) uses {ResidentMb} MB, above Dispatch:Workers:MaxMemoryMb={LimitMb}; recycling it once idle.", EventName = "WorkerRetiringForMemory")]
    public static partial void RetiringForMemory(ILogger logger, int slot, int workerPid, long residentMb, long limitMb);
}
