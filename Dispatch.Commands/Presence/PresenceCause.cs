namespace Dispatch.Commands.Presence;

/// <summary>The <c>cause</c> of a presence event: what changed the membership.</summary>
public enum PresenceCause
{
    /// <summary>A <c>join</c> command of the subject.</summary>
    Join,

    /// <summary>A <c>leave</c> command of the subject.</summary>
    Leave,

    /// <summary>A <c>replace_rooms</c> command of the subject.</summary>
    ReplaceRooms,

    /// <summary>A <c>kick_room</c> of any connection (or of the server API).</summary>
    KickRoom,

    /// <summary>The subject's connection closed, whoever closed it.</summary>
    Close,
}
