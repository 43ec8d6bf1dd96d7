using Dispatch.Commands.Contract;

namespace Dispatch.Commands.Validation.Rules;

/// <summary>Fields without which a command means nothing. <c>data</c> may be empty but must be present.</summary>
internal sealed class RequiredFieldsRule : ICommandRule
{
    public void Check(CommandCheck check)
    {
        var command = check.Original;
        switch (check.Kind)
        {
            case CommandKind.Send:
                Require(check, command.Data is not null, "data");
                break;
            case CommandKind.SendTo:
                Require(check, !string.IsNullOrEmpty(command.TargetId), "target_id");
                Require(check, command.Data is not null, "data");
                break;
            case CommandKind.SendToUser:
                Require(check, !string.IsNullOrEmpty(command.UserId), "user_id");
                Require(check, command.Data is not null, "data");
                break;
            case CommandKind.Broadcast:
                Require(check, command.Room is not null, "room");
                Require(check, command.Data is not null, "data");
                break;
            case CommandKind.Join or CommandKind.Leave or CommandKind.KickRoom:
                Require(check, command.Room is not null, "room");
                break;
            case CommandKind.ReplaceRooms:
                Require(check, command.Rooms is not null, "rooms");
                break;
            case CommandKind.ScheduleClose:
                Require(check, command.AfterMs is not null, "after_ms");
                break;
            case CommandKind.SetMetadata when command.Event == CommandNames.SetMetaAlias:
                Require(check, !string.IsNullOrEmpty(command.Key), "key");
                Require(check, command.Value is not null, "value");
                break;
            case CommandKind.ClearMetadata when command.Event == CommandNames.ClearMetaAlias:
                Require(check, !string.IsNullOrEmpty(command.Key), "key");
                break;
            default:
                break;
        }
    }

    private static void Require(CommandCheck check, bool present, string field)
    {
        if (!present)
        {
            check.Fail(RejectionKinds.MissingField, $"{check.Original.Event} requires {field}");
        }
    }
}
