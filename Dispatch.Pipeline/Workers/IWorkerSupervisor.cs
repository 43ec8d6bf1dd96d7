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

    /// <summary>A snapshot for logs, readiness and tests.</summary>
    IReadOnlyList<WorkerStatus> GetStatus();
}
