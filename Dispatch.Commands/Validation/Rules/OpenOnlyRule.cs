using Dispatch.Commands.Contract;

namespace Dispatch.Commands.Validation.Rules;

/// <summary><c>accept</c>, and <c>status</c> on a <c>close</c>, only mean something in answer to an <c>open</c>.</summary>
internal sealed class OpenOnlyRule : ICommandRule
{
    public void Check(CommandCheck check)
    {
        if (check.EventKind == WireNames.Open)
        {
            return;
        }

        if (check.Kind == CommandKind.Accept)
        {
            check.Fail(RejectionKinds.OpenOnly, $"accept in answer to a {WireText.Quote(check.EventKind)} event (open only)");
        }
        else if (check.Kind == CommandKind.Close && check.Command.Status is not null)
        {
            check.Fail(RejectionKinds.OpenOnly, $"close status in answer to a {WireText.Quote(check.EventKind)} event (open only)");
        }
    }
}
