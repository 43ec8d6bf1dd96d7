using Dispatch.Commands.Validation;

namespace Dispatch.Commands.Execution;

/// <summary>Applies validated commands, in list order, for the connection whose event produced them.</summary>
public interface ICommandExecutor
{
    ExecutionResult Execute(string connectionId, IReadOnlyList<ValidCommand> commands);
}
