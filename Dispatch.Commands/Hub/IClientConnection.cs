namespace Dispatch.Commands.Hub;

/// <summary>
/// The hub's view of one live client socket. Implemented by the service's websocket connection; fakes in tests.
/// Every member must be cheap, thread-safe and must never block: the hub calls them while fanning out.
/// </summary>
public interface IClientConnection
{
    string Id { get; }

    /// <summary>
    /// Queues a frame on the connection's bounded send queue. Returns false when the connection is closing or when
    /// the queue is full; in the latter case the connection closes itself with 1008 (slow consumer).
    /// </summary>
    bool TrySend(OutboundMessage message);

    /// <summary>
    /// Queues a frame like <see cref="TrySend"/> but leaves the socket write to the caller: a large fan-out queues to
    /// every member first (cheap, in order) and then runs the owed drains spread over the thread pool, so one publisher
    /// is not held for a thousand socket writes. The default suits connections that write inline.
    /// </summary>
    SendOutcome Enqueue(OutboundMessage message) => TrySend(message) ? SendOutcome.Queued : SendOutcome.Refused;

    /// <summary>Writes what is queued; called exactly once after <see cref="Enqueue"/> returned
    /// <see cref="SendOutcome.QueuedDrainOwed"/>.</summary>
    void Drain()
    {
    }

    /// <summary>Starts closing the socket with this code and reason. Idempotent; the first call wins.</summary>
    void Close(int code, string reason);
}
