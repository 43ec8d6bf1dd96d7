using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Sessions;
using Dispatch.Pipeline.Workers;
using Dispatch.Service.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Service.Hosting;

/// <summary>
/// Starts the PHP workers before the endpoint takes traffic, and shuts down in the order CONTRACT 4.5 needs: stop
/// accepting, close every socket with 1001, let the close events reach the workers, then stop the PHP processes.
/// </summary>
internal sealed class DispatchLifecycleService(
    IWorkerSupervisor supervisor,
    IEventPipeline pipeline,
    ConnectionTracker tracker,
    IHostApplicationLifetime lifetime,
    IOptions<PipelineOptions> pipelineOptions,
    ILogger<DispatchLifecycleService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Stop taking upgrades the moment shutdown begins, before hosted services are stopped.
        lifetime.ApplicationStopping.Register(tracker.StopAndCloseAll);
        await supervisor.StartAsync(cancellationToken).ConfigureAwait(false);
        HostingLog.WorkersStarted(logger, supervisor.LiveWorkers);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        tracker.StopAndCloseAll();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(pipelineOptions.Value.DrainTimeout);
        try
        {
            await pipeline.DrainAsync(deadline.Token).ConfigureAwait(false);
            HostingLog.Drained(logger);
        }
        catch (OperationCanceledException)
        {
            HostingLog.DrainTimedOut(logger, pipeline.ActiveSessions);
        }

        await supervisor.StopAsync(CancellationToken.None).ConfigureAwait(false);
        HostingLog.WorkersStopped(logger);
    }
}
