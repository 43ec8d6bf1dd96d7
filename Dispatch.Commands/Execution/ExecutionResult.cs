namespace Dispatch.Commands.Execution;

/// <summary>What applying one command list did. Unknown targets are not errors; they are counted here.</summary>
public sealed record ExecutionResult(int Applied, int UnknownTargets, int Refused, bool ClosedSelf);
