using Dispatch.Commands.Presence;
using Microsoft.Extensions.Logging;

namespace Dispatch.Pipeline.Presence;

/// <summary>Log events of presence. EventIds 3301-3349; never renumber or reuse one.</summary>
internal static partial class PresenceLog
{
    [LoggerMessage(3301, LogLevel.Warning, "The {Action} of connection {ConnectionId} in presence room {Room} is not reported: {Max} presence events already wait on its lane (Dispatch:Presence:MaxPendingPerConnection); its leave will not be reported either.", EventName = "PresenceQueueFull")]
    public static partial void QueueFull(ILogger logger, string connectionId, PresenceAction action, string room, int max);

    [LoggerMessage(3302, LogLevel.Debug, "The {Action} of connection {ConnectionId} in presence room {Room} ({Cause}) is not reported: {Reason}.", EventName = "PresenceNotReported")]
    public static partial void NotReported(ILogger logger, string connectionId, PresenceAction action, string room, PresenceCause cause, PresenceReport reason);

    [LoggerMessage(3303, LogLevel.Debug, "The presence event ({Action} {Room}) of connection {ConnectionId} failed ({ErrorClass}); no error frame, no failure count.", EventName = "PresenceEventFailed")]
    public static partial void EventFailed(ILogger logger, string connectionId, string action, string room, string errorClass);
}
