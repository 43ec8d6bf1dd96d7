namespace Dispatch.Pipeline.Workers;

/// <summary>
/// Where the supervisor hands its live workers: the message-dispatch <see cref="WorkerPool"/> (events multiplexed over
/// every worker), or the connection-hosted lease pool (one websocket per worker). Chosen by mode at registration.
/// </summary>
internal interface IWorkerSink
{
    /// <summary>Workers connected and not dead (busy or retiring ones included).</summary>
    int LiveWorkers { get; }

    /// <summary>Takes a started (or restarted) worker and gives it waiting work.</summary>
    void Add(WorkerInstance worker);

    /// <summary>Stops giving a worker work (it died, was killed or is being replaced). Idempotent.</summary>
    void Remove(WorkerInstance worker);

    /// <summary>
    /// Replaces a worker gracefully, the way <c>MaxJobs</c> recycling does: it takes no new work, finishes what it has
    /// (events pipelined on it, or the websocket it hosts), then the supervisor starts its successor. Idempotent.
    /// </summary>
    void Retire(WorkerInstance worker);

    /// <summary>Work on the worker now, for status.</summary>
    int InFlightOf(WorkerInstance worker);

    /// <summary>Shutdown: waiting and future work is answered unavailable; work already on workers carries on.</summary>
    void Close();
}
