using Microsoft.Extensions.Logging;

namespace Dispatch.Service.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(300, LogLevel.Information, "Dispatch is ready with {Workers} PHP workers.", EventName = "WorkersStarted")]
    public static partial void WorkersStarted(ILogger logger, int workers);

    [LoggerMessage(301, LogLevel.Information, "Every connection was closed and its close event handled.", EventName = "Drained")]
    public static partial void Drained(ILogger logger);

    [LoggerMessage(302, LogLevel.Warning, "Shutdown deadline reached with {Sessions} sessions still closing.", EventName = "DrainTimedOut")]
    public static partial void DrainTimedOut(ILogger logger, int sessions);

    [LoggerMessage(303, LogLevel.Information, "PHP workers stopped.", EventName = "WorkersStopped")]
    public static partial void WorkersStopped(ILogger logger);
}
