namespace Dispatch.Commands.Validation.Rules;

/// <summary>A user id to bind or address is non-empty, at most <c>MaxUserIdLength</c> chars and printable.</summary>
internal sealed class UserIdRule : ICommandRule
{
    public void Check(CommandCheck check)
    {
        if (check.Kind is not (CommandKind.SetMetadata or CommandKind.SendToUser) || check.Command.UserId is not { } userId)
        {
            return;
        }

        var max = check.Limits.MaxUserIdLength;
        if (userId.Length == 0 && check.Kind == CommandKind.SetMetadata)
        {
            check.Fail(RejectionKinds.UserId, "user_id is empty");
        }
        else if (userId.Length > max)
        {
            check.Fail(RejectionKinds.UserId, $"user_id is {userId.Length} chars, above {max}");
        }
        else if (WireText.HasControlChars(userId))
        {
            check.Fail(RejectionKinds.UserId, $"user_id {WireText.Quote(userId)} contains control characters");
        }
    }
}
