using Dispatch.Commands.Framing;
using Microsoft.Extensions.Logging;

namespace Dispatch.Pipeline.Workers;

internal static partial class WorkerConnectionLog
{
    [LoggerMessage(4000, LogLevel.Warning, "Worker {Slot} (pid {WorkerPid}) broke the framing ({FrameError}); closing its connection with {Pending} events in flight.", EventName = "WorkerProtocolError")]
    public static partial void ProtocolError(ILogger logger, int slot, int workerPid, FrameError frameError, int pending);

    [LoggerMessage(4001, LogLevel.Warning, "Worker {Slot} (pid {WorkerPid}) sent a frame nobody asked for; closing its connection.", EventName = "WorkerUnsolicitedFrame")]
    public static partial void UnsolicitedFrame(ILogger logger, int slot, int workerPid);

    [LoggerMessage(4002, LogLevel.Debug, "Connection to worker {Slot} (pid {WorkerPid}) ended ({Reason}) with {Pending} events in flight.", EventName = "WorkerConnectionEnded")]
    public static partial void Ended(ILogger logger, int slot, int workerPid, string reason, int pending);
}
