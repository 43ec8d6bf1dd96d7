namespace Dispatch.Pipeline.Sessions;

/// <summary>
/// One accepted connection's ordered lane through the pipeline: events are dispatched strictly in the order they are
/// enqueued, one in flight at a time, and <c>close</c> last.
/// </summary>
public interface IConnectionSession
{
    string ConnectionId { get; }

    /// <summary>
    /// Call once the socket is accepted and registered in the hub: applies the <c>open</c>'s commands
    /// (sends, joins, metadata) and lets message events flow.
    /// </summary>
    void Activate();

    /// <summary>
    /// Queues a message event. Waits (never drops) while the connection's queue or the global queue is full, which is
    /// how a slow pipeline pauses reading the socket. Throws <see cref="OperationCanceledException"/> on cancellation,
    /// and returns without queuing when the session is already closing.
    /// </summary>
    ValueTask EnqueueMessageAsync(InboundMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Queues the <c>close</c> event (first call wins; later calls return the same task). The task completes once the
    /// worker's close commands were applied and the connection was removed from the hub. Never throws.
    /// </summary>
    Task CloseAsync(int code, string reason);
}
