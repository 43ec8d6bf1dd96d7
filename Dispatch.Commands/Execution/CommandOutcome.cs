namespace Dispatch.Commands.Execution;

/// <summary>What applying one valid command did.</summary>
internal enum CommandOutcome
{
    Applied,

    /// <summary>The addressed connection or user is not on this node (ignored and counted, CONTRACT 4.4).</summary>
    UnknownTarget,

    /// <summary>The hub refused it (room or attrs limit).</summary>
    Refused,
}
