namespace Dispatch.Pipeline.Workers;

/// <summary>
/// Starts one worker process. The real one is <c>PhpWorkerLauncher</c>; tests inject in-process fakes. The supervisor
/// then connects to <see cref="WorkerLaunchRequest.SocketPath"/> itself, retrying until the worker listens.
/// </summary>
public interface IWorkerLauncher
{
    /// <summary>Starts a worker that will listen on <paramref name="request"/>'s socket path. Throws
    /// <see cref="WorkerStartException"/> when no process could be started at all (for example no PHP binary).</summary>
    Task<IWorkerProcess> LaunchAsync(WorkerLaunchRequest request, CancellationToken cancellationToken);
}
