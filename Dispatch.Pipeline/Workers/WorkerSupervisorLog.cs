using Microsoft.Extensions.Logging;

namespace Dispatch.Pipeline.Workers;

internal static partial class WorkerSupervisorLog
{
    [LoggerMessage(4040, LogLevel.Debug, "Worker {Slot} (pid {WorkerPid}) is ready on {SocketPath}.", EventName = "WorkerReady")]
    public static partial void Ready(ILogger logger, int slot, int workerPid, string socketPath);

    [LoggerMessage(4041, LogLevel.Warning, "Worker {Slot} (pid {WorkerPid}) {Reason} (exit code {ExitCode}) after {UptimeMs} ms; restarting in {DelayMs} ms. Last stderr: {LastError}", EventName = "WorkerCrashed")]
    public static partial void Crashed(ILogger logger, int slot, int workerPid, string reason, int? exitCode, long uptimeMs, long delayMs, string lastError);

    [LoggerMessage(4042, LogLevel.Error, "Worker slot {Slot} is crash-looping: {Crashes} crashes within {WindowSeconds} s; restarting every {DelayMs} ms. Last error: {LastError}", EventName = "WorkerCrashLoop")]
    public static partial void CrashLoop(ILogger logger, int slot, int crashes, double windowSeconds, long delayMs, string lastError);

    [LoggerMessage(4043, LogLevel.Warning, "Restarting worker {Slot} failed; retrying in {DelayMs} ms. {Message}", EventName = "WorkerRestartFailed")]
    public static partial void RestartFailed(ILogger logger, int slot, long delayMs, string message);

    [LoggerMessage(4044, LogLevel.Information, "Worker {Slot} (pid {WorkerPid}) recycled after {Events} events.", EventName = "WorkerRecycled")]
    public static partial void Recycled(ILogger logger, int slot, int workerPid, long events);

    [LoggerMessage(4045, LogLevel.Warning, "Worker {Slot} (pid {WorkerPid}) did not exit within {TimeoutMs} ms of its connection closing; killed.", EventName = "WorkerKilledOnStop")]
    public static partial void KilledOnStop(ILogger logger, int slot, int workerPid, double timeoutMs);

    [LoggerMessage(4046, LogLevel.Warning, "Could not delete the worker socket directory {Directory}: {Message}", EventName = "SocketDirectoryCleanupFailed")]
    public static partial void CleanupFailed(ILogger logger, string directory, string message);

    [LoggerMessage(4047, LogLevel.Information, "Started {Count} PHP workers in {Directory}.", EventName = "WorkersStarted")]
    public static partial void Started(ILogger logger, int count, string directory);

    [LoggerMessage(4049, LogLevel.Information, "Restart of worker {Slot} (pid {WorkerPid}) requested; it is replaced once its events are done.", EventName = "WorkerRestartRequested")]
    public static partial void RestartRequested(ILogger logger, int slot, int workerPid);

    [LoggerMessage(4048, LogLevel.Error, "The restart loop of worker slot {Slot} failed unexpectedly.", EventName = "WorkerSlotFaulted")]
    public static partial void SlotFaulted(ILogger logger, int slot, Exception exception);
}
