namespace Dispatch.Pipeline.Workers;

/// <summary>
/// Sends event frames to the live PHP workers over their persistent unix-socket connections.
/// </summary>
public interface IWorkerPool
{
    /// <summary>
    /// Sends one event (its JSON payload; the pool adds the frame header) to a worker with a free pipeline slot,
    /// waiting for one if all are busy, and returns the worker's reply frame.
    /// <list type="bullet">
    /// <item>Expected failures come back as <see cref="WorkerReply.Failure"/>, never as exceptions.</item>
    /// <item>When <paramref name="cancellationToken"/> fires while the event is on a worker, that worker may be hung:
    /// it is killed and replaced, events pipelined behind it that it never started are re-dispatched to another
    /// worker, and this call throws <see cref="OperationCanceledException"/>.</item>
    /// <item>When the worker dies or breaks the framing while the event is at the head of its queue, the reply is
    /// <see cref="WorkerFailure.Crashed"/> or <see cref="WorkerFailure.ProtocolError"/>; events behind it are
    /// re-dispatched, not failed.</item>
    /// </list>
    /// </summary>
    ValueTask<WorkerReply> ExecuteAsync(ReadOnlyMemory<byte> eventJson, CancellationToken cancellationToken);
}
