namespace Dispatch.Commands.Presence;

/// <summary>The wire spelling of presence actions and causes.</summary>
public static class PresenceNames
{
    public static string ToWire(this PresenceAction action) => action == PresenceAction.Join ? "join" : "leave";

    public static string ToWire(this PresenceCause cause) => cause switch
    {
        PresenceCause.Join => "join",
        PresenceCause.Leave => "leave",
        PresenceCause.ReplaceRooms => "replace_rooms",
        PresenceCause.KickRoom => "kick_room",
        _ => "close",
    };
}
