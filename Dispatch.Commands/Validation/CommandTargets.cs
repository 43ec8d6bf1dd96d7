using Dispatch.Commands.Contract;

namespace Dispatch.Commands.Validation;

/// <summary>Who a command acts on.</summary>
internal static class CommandTargets
{
    /// <summary>True when a <c>close</c> closes the event's own connection: no <c>target_id</c>, or that connection's.</summary>
    public static bool IsSelf(WorkerCommand command, string connectionId) =>
        string.IsNullOrEmpty(command.TargetId) || command.TargetId == connectionId;
}
