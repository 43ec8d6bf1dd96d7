using Dispatch.Pipeline.Sessions;

namespace Dispatch.Pipeline.Hosted;

/// <summary>
/// Connection-hosted mode's entry point (CONTRACT 5): each websocket gets a worker of its own for its whole life.
/// </summary>
public interface IHostedConnections
{
    /// <summary>
    /// Leases a worker (waiting up to the queue timeout), sends it the <c>open</c> and waits for its decision. On
    /// <see cref="OpenStatus.Accepted"/> the session owns the worker until its <see cref="IConnectionSession.CloseAsync"/>
    /// completes; otherwise the worker is already released. Throws <see cref="OperationCanceledException"/> only when
    /// <paramref name="cancellationToken"/> fires while waiting for a worker: once the open is on a worker it is
    /// answered (within the event timeout), so the worker is never left in the middle of an event.
    /// </summary>
    Task<OpenResult> OpenAsync(ConnectionDescriptor connection, CancellationToken cancellationToken);

    /// <summary>Shutdown: upgrades waiting for a worker, and later ones, are answered 503 at once. Idempotent.</summary>
    void StopAccepting();

    /// <summary>Sessions opening, or accepted and whose close has not completed yet.</summary>
    int ActiveSessions { get; }

    /// <summary>Completes when every session has been closed and its close event handled, or the token fires.</summary>
    Task DrainAsync(CancellationToken cancellationToken);
}
