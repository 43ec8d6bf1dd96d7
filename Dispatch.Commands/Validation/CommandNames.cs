using System.Collections.Frozen;

namespace Dispatch.Commands.Validation;

/// <summary>The <c>event</c> names of CONTRACT 4.3, including the vhttpd aliases, mapped to <see cref="CommandKind"/>.</summary>
internal static class CommandNames
{
    public const string SetMetaAlias = "set_meta";
    public const string ClearMetaAlias = "clear_meta";

    private static readonly FrozenDictionary<string, CommandKind> Kinds = new Dictionary<string, CommandKind>(StringComparer.Ordinal)
    {
        ["accept"] = CommandKind.Accept,
        ["send"] = CommandKind.Send,
        ["send_to"] = CommandKind.SendTo,
        ["send_to_user"] = CommandKind.SendToUser,
        ["broadcast"] = CommandKind.Broadcast,
        ["join"] = CommandKind.Join,
        ["leave"] = CommandKind.Leave,
        ["replace_rooms"] = CommandKind.ReplaceRooms,
        ["kick_room"] = CommandKind.KickRoom,
        ["set_metadata"] = CommandKind.SetMetadata,
        ["clear_metadata"] = CommandKind.ClearMetadata,
        ["close"] = CommandKind.Close,
        ["schedule_close"] = CommandKind.ScheduleClose,
        [SetMetaAlias] = CommandKind.SetMetadata,
        [ClearMetaAlias] = CommandKind.ClearMetadata,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every command name a worker may send, aliases included.</summary>
    public static IEnumerable<string> All => Kinds.Keys;

    public static bool TryGetKind(string? eventName, out CommandKind kind)
    {
        kind = default;
        return eventName is not null && Kinds.TryGetValue(eventName, out kind);
    }
}
