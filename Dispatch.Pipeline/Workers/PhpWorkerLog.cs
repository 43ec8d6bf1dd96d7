using Microsoft.Extensions.Logging;

namespace Dispatch.Pipeline.Workers;

internal static partial class PhpWorkerLog
{
    [LoggerMessage(4080, LogLevel.Information, "PHP worker {Slot} (pid {WorkerPid}): {Line}", EventName = "WorkerStderr")]
    public static partial void Stderr(ILogger logger, int slot, int workerPid, string line);

    [LoggerMessage(4081, LogLevel.Warning, "PHP worker {Slot} (pid {WorkerPid}) wrote to stdout, which the protocol never uses: {Line}", EventName = "WorkerStdout")]
    public static partial void Stdout(ILogger logger, int slot, int workerPid, string line);

    [LoggerMessage(4082, LogLevel.Debug, "Started PHP worker {Slot} (pid {WorkerPid}): {Command}", EventName = "WorkerLaunched")]
    public static partial void Launched(ILogger logger, int slot, int workerPid, string command);

    [LoggerMessage(4083, LogLevel.Warning, "PHP worker {Slot} (pid {WorkerPid}) keeps the kernel's default scheduling slice: Dispatch:Workers:SchedulingSlice ({SliceMicroseconds} µs) could not be applied: {Problem}.", EventName = "WorkerSliceNotApplied")]
    public static partial void SliceNotApplied(ILogger logger, int slot, int workerPid, double sliceMicroseconds, string problem);

    [LoggerMessage(4084, LogLevel.Debug, "Large fan-outs are running: the PHP workers get a {SliceMicroseconds} µs scheduling slice.", EventName = "FanOutSliceOn")]
    public static partial void FanOutSliceOn(ILogger logger, double sliceMicroseconds);

    [LoggerMessage(4085, LogLevel.Debug, "Fan-outs are quiet: the PHP workers have the kernel's default scheduling slice again.", EventName = "FanOutSliceOff")]
    public static partial void FanOutSliceOff(ILogger logger);

    [LoggerMessage(4086, LogLevel.Information, "PHP workers keep the kernel's default scheduling slice during fan-outs: it could not be set on pid {WorkerPid}: {Problem}. Set Dispatch:Workers:SchedulingSlice to 0 to stop trying.", EventName = "FanOutSliceUnavailable")]
    public static partial void FanOutSliceUnavailable(ILogger logger, int workerPid, string problem);

    [LoggerMessage(4087, LogLevel.Warning, "Sampling fan-outs for the PHP workers' scheduling slice failed; it is no longer changed.", EventName = "FanOutSliceFaulted")]
    public static partial void FanOutSliceFaulted(ILogger logger, Exception exception);
}
