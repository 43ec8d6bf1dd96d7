using Dispatch.Pipeline.Workers;

namespace Dispatch.Bench.Micro;

/// <summary>Launches <see cref="InMemoryWorker"/>s instead of PHP processes (public <see cref="IWorkerLauncher"/> seam).</summary>
public sealed class InMemoryWorkerLauncher : IWorkerLauncher
{
    public Task<IWorkerProcess> LaunchAsync(WorkerLaunchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult<IWorkerProcess>(new InMemoryWorker(request.SocketPath, request.Slot));
    }
}
