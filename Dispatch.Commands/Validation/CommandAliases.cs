using Dispatch.Commands.Contract;

namespace Dispatch.Commands.Validation;

/// <summary>
/// Rewrites the vhttpd spellings into the commands of CONTRACT 4.3 so that everything after validation sees one
/// shape: <c>set_meta {key,value}</c> becomes attrs, <c>clear_meta {key}</c> becomes keys, and a <c>send</c> with
/// another connection's <c>target_id</c> (vhttpd sent to the target when one was set) becomes <c>send_to</c>.
/// The worker's object is never mutated.
/// </summary>
internal static class CommandAliases
{
    public static WorkerCommand Normalize(WorkerCommand command, ref CommandKind kind, string connectionId)
    {
        switch (command.Event)
        {
            case CommandNames.SetMetaAlias:
                return new WorkerCommand
                {
                    Event = "set_metadata",
                    Id = command.Id,
                    Attrs = command.Key is { Length: > 0 } key && command.Value is { } value
                        ? new Dictionary<string, string>(StringComparer.Ordinal) { [key] = value }
                        : null,
                };
            case CommandNames.ClearMetaAlias:
                return new WorkerCommand
                {
                    Event = "clear_metadata",
                    Id = command.Id,
                    Keys = command.Key is { Length: > 0 } clearKey ? [clearKey] : [],
                };
            case "send" when !CommandTargets.IsSelf(command, connectionId):
                kind = CommandKind.SendTo;
                return command;
            default:
                return command;
        }
    }
}
