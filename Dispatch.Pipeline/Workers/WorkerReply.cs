using Dispatch.Commands.Framing;

namespace Dispatch.Pipeline.Workers;

/// <summary>
/// A worker's reply frame, or why there is none. The caller disposes <see cref="Frame"/> (a pooled buffer) after use.
/// </summary>
public readonly record struct WorkerReply(WorkerFailure Failure, Frame Frame, int? WorkerProcessId)
{
    public bool Success => Failure == WorkerFailure.None;
}
