using Microsoft.Extensions.Logging;

namespace Dispatch.Service.Api;

/// <summary>Log events of the server API. EventIds 7100-7199; never renumber or reuse one.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(7100, LogLevel.Information, "Dispatch API listening on {Address}.", EventName = "ApiListening")]
    public static partial void Listening(ILogger logger, Uri address);

    [LoggerMessage(7101, LogLevel.Warning, "Dispatch API on {Address} has no Dispatch:Api:Token: any local process can call it. Set Dispatch__Api__Token.", EventName = "ApiWithoutToken")]
    public static partial void NoToken(ILogger logger, Uri address);

    [LoggerMessage(7102, LogLevel.Information, "Dispatch API is disabled (Dispatch:Api:Enabled=false).", EventName = "ApiDisabled")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(7103, LogLevel.Debug, "API request {Method} {Path} refused: {Reason}.", EventName = "ApiUnauthorized")]
    public static partial void Unauthorized(ILogger logger, string method, string path, string reason);

    [LoggerMessage(7104, LogLevel.Information, "Graceful restart of worker {Slot} requested through the API.", EventName = "ApiWorkerRestart")]
    public static partial void WorkerRestartRequested(ILogger logger, int slot);
}
