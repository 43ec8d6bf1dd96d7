namespace Dispatch.Commands.Hub;

/// <summary>
/// The hub's view of one live client socket. Implemented by the service's websocket connection; fakes in tests.
/// Both members must be cheap, thread-safe and must never block: the hub calls them while fanning out.
/// </summary>
public interface IClientConnection
{
    string Id { get; }

    /// <summary>
    /// Queues a frame on the connection's bounded send queue. Returns false when the connection is closing or when
    /// the queue is full; in the latter case the connection closes itself with 1008 (slow consumer).
    /// </summary>
    bool TrySend(OutboundMessage message);

    /// <summary>Starts closing the socket with this code and reason. Idempotent; the first call wins.</summary>
    void Close(int code, string reason);
}
