namespace Dispatch.Commands.Validation;

/// <summary>The commands of CONTRACT 4.3 after alias normalisation (<c>set_meta</c> is <see cref="SetMetadata"/>).</summary>
public enum CommandKind
{
    Accept,
    Send,
    SendTo,
    SendToUser,
    Broadcast,
    Join,
    Leave,
    ReplaceRooms,
    KickRoom,
    SetMetadata,
    ClearMetadata,
    Close,
    ScheduleClose,
}
