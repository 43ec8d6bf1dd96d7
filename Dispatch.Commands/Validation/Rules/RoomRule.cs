namespace Dispatch.Commands.Validation.Rules;

/// <summary>Room names are non-empty, at most <c>MaxRoomNameLength</c> chars and free of control characters.</summary>
internal sealed class RoomRule : ICommandRule
{
    public void Check(CommandCheck check)
    {
        var command = check.Command;
        switch (check.Kind)
        {
            case CommandKind.Broadcast or CommandKind.Join or CommandKind.Leave or CommandKind.KickRoom when command.Room is not null:
                if (Problem(command.Room, check.Limits) is { } problem)
                {
                    check.Fail(RejectionKinds.Room, problem);
                }

                break;
            case CommandKind.ReplaceRooms when command.Rooms is not null:
                CheckList(check, command.Rooms);
                break;
            default:
                break;
        }
    }

    /// <summary>Why <paramref name="room"/> is not a valid room name, or null when it is.</summary>
    public static string? Problem(string? room, LimitsOptions limits) => room switch
    {
        null => "room name is null",
        "" => "room name is empty",
        _ when room.Length > limits.MaxRoomNameLength =>
            $"room name {WireText.Quote(room)} is {room.Length} chars, above {limits.MaxRoomNameLength}",
        _ when WireText.HasControlChars(room) => $"room name {WireText.Quote(room)} contains control characters",
        _ => null,
    };

    private static void CheckList(CommandCheck check, List<string> rooms)
    {
        var limits = check.Limits;
        if (rooms.Count > limits.MaxRoomsPerConnection)
        {
            check.Fail(RejectionKinds.Room, $"replace_rooms lists {rooms.Count} rooms, above {limits.MaxRoomsPerConnection}");
        }

        // One violation for the list, naming the first bad room: a hostile list of a million bad names must not
        // become a million log lines.
        string? first = null;
        var bad = 0;
        foreach (var room in rooms)
        {
            if (Problem(room, limits) is { } problem)
            {
                first ??= problem;
                bad++;
            }
        }

        if (first is not null)
        {
            check.Fail(RejectionKinds.Room, bad == 1 ? first : $"{first} (and {bad - 1} more bad room names)");
        }
    }
}
