using Dispatch.Commands.Validation;
using Microsoft.Extensions.Logging;

namespace Dispatch.Commands.Execution;

/// <summary>Log events of <see cref="CommandExecutor"/>. EventIds 1100-1199; never renumber or reuse one.</summary>
internal static partial class CommandExecutorLog
{
    [LoggerMessage(1100, LogLevel.Warning, "{Kind} for connection {ConnectionId} refused by the hub: {Result}",
        EventName = "CommandRefused")]
    public static partial void CommandRefused(ILogger logger, string connectionId, CommandKind kind, string result);

    [LoggerMessage(1101, LogLevel.Debug, "{Kind} for connection {ConnectionId} found no target", EventName = "UnknownTarget")]
    public static partial void UnknownTarget(ILogger logger, string connectionId, CommandKind kind);
}
