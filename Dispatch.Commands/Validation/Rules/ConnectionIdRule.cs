namespace Dispatch.Commands.Validation.Rules;

/// <summary>
/// A worker acts only for the connection of its event: a command's <c>id</c>, when given, must be that connection.
/// Reaching other connections goes through <c>target_id</c> (<c>send_to</c>, <c>close</c>) or rooms and users, which
/// is why a <c>close</c> with a <c>target_id</c> is judged by its target, not its <c>id</c> (vhttpd sent the source id).
/// </summary>
internal sealed class ConnectionIdRule : ICommandRule
{
    public void Check(CommandCheck check)
    {
        var command = check.Command;
        if (command.Id is null || command.Id == check.ConnectionId)
        {
            return;
        }

        if (check.Kind == CommandKind.Close && !string.IsNullOrEmpty(command.TargetId))
        {
            return;
        }

        check.Fail(RejectionKinds.ForeignId, $"id {WireText.Quote(command.Id)} is not the connection of this event");
    }
}
