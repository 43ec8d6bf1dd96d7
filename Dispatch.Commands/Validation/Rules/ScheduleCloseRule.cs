namespace Dispatch.Commands.Validation.Rules;

/// <summary><c>schedule_close</c> waits between 0 (cancel) and 24 hours.</summary>
internal sealed class ScheduleCloseRule : ICommandRule
{
    public const long MaxAfterMs = 24L * 60 * 60 * 1000;

    public void Check(CommandCheck check)
    {
        if (check.Kind == CommandKind.ScheduleClose && check.Command.AfterMs is { } afterMs && afterMs is < 0 or > MaxAfterMs)
        {
            check.Fail(RejectionKinds.ScheduleClose, $"schedule_close after_ms {afterMs} is outside 0..{MaxAfterMs}");
        }
    }
}
