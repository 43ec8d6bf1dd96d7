namespace Dispatch.Pipeline.Workers;

/// <summary>Starts, watches, restarts and stops the PHP worker processes.</summary>
public interface IWorkerSupervisor
{
    /// <summary>Starts <c>Dispatch:Workers:Count</c> workers and completes when all are ready; throws with PHP's error
    /// output when a worker cannot start at all (for example a bad handler file).</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Stops every worker process; none is left behind.</summary>
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>Workers currently connected and able to take events.</summary>
    int LiveWorkers { get; }

    /// <summary>True while a worker keeps crashing soon after each restart (shown by readiness).</summary>
    bool IsCrashLooping { get; }

    /// <summary>
    /// Restarts worker <paramref name="slot"/> gracefully: it gets no new events, finishes the ones it has, exits and
    /// is replaced (nothing in flight is lost). Returns false when there is no such slot. A slot whose worker is
    /// already being replaced just carries on.
    /// </summary>
    bool RequestRestart(int slot);

    /// <summary>A snapshot for logs, readiness and tests.</summary>
    IReadOnlyList<WorkerStatus> GetStatus();
}
