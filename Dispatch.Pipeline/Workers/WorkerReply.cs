using Dispatch.Commands.Framing;

namespace Dispatch.Pipeline.Workers;

/// <summary>
/// A worker's reply frame, or why there is none. The caller disposes <see cref="Frame"/> (a pooled buffer) after use.
/// <see cref="WrittenAt"/> is the <see cref="TimeProvider.GetTimestamp"/> at which the event was handed to the worker
/// that answered (or failed) it; 0 when no worker ever got it. It splits the event's latency into queue wait and
/// worker time.
/// </summary>
public readonly record struct WorkerReply(WorkerFailure Failure, Frame Frame, int? WorkerProcessId, long WrittenAt = 0)
{
    public bool Success => Failure == WorkerFailure.None;
}
