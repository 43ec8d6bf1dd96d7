namespace Dispatch.Pipeline.Sessions;

/// <summary>Message-dispatch mode's entry point: the Dataflow graph of the design card.</summary>
public interface IEventPipeline
{
    /// <summary>Dispatches the <c>open</c> event and waits for the worker's decision.</summary>
    Task<OpenResult> OpenAsync(ConnectionDescriptor connection, CancellationToken cancellationToken);

    /// <summary>Number of sessions still opening, or accepted and whose close has not completed yet.</summary>
    int ActiveSessions { get; }

    /// <summary>Queue depths and totals, for the stats endpoint and the soak script.</summary>
    PipelineStats GetStats();

    /// <summary>Completes when every session has been closed and its close event handled, or the token fires.</summary>
    Task DrainAsync(CancellationToken cancellationToken);
}
