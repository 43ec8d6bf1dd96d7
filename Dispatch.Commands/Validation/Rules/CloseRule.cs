using System.Text;
using Dispatch.Commands.Contract;

namespace Dispatch.Commands.Validation.Rules;

/// <summary>
/// <c>close</c> and <c>schedule_close</c> carry a sendable close code and a reason that fits a close frame; a rejected
/// open's <c>status</c> is an HTTP error status.
/// </summary>
internal sealed class CloseRule : ICommandRule
{
    public void Check(CommandCheck check)
    {
        if (check.Kind is not (CommandKind.Close or CommandKind.ScheduleClose))
        {
            return;
        }

        var command = check.Command;
        if (command.Code is { } code && !CloseCodes.IsValid(code))
        {
            check.Fail(RejectionKinds.Close, $"close code {code} is not a valid websocket close code");
        }

        if (command.Reason is { } reason && Encoding.UTF8.GetByteCount(reason) > check.Limits.MaxCloseReasonBytes)
        {
            check.Fail(RejectionKinds.Close, $"close reason is above {check.Limits.MaxCloseReasonBytes} UTF-8 bytes");
        }

        // Status off an open is OpenOnlyRule's finding; reporting its range too would only repeat it.
        if (check.Kind == CommandKind.Close && check.EventKind == WireNames.Open
            && command.Status is { } status && status is < 400 or > 599)
        {
            check.Fail(RejectionKinds.Close, $"close status {status} is not an HTTP error status (400-599)");
        }
    }
}
