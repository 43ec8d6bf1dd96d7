using Dispatch.Pipeline.Hosted;
using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Sessions;
using Dispatch.Pipeline.Workers;
using Dispatch.Service.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Service.Hosting;

/// <summary>
/// Starts the PHP workers before the endpoint takes traffic, and shuts down in the order CONTRACT 4.5 needs: stop
/// accepting, close every socket with 1001, let the close events reach the workers, then stop the PHP processes.
/// </summary>
/// <remarks>
/// Dependencies are resolved in <see cref="StartAsync"/>, not in the constructor: the host builds hosted services
/// before it runs the start-up options validation, and building the pipeline reads its options. Resolving late lets the
/// validation report every bad setting at once instead of the first one an eager constructor trips over.
/// </remarks>
internal sealed class DispatchLifecycleService(
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<DispatchLifecycleService> logger) : IHostedService
{
    private IWorkerSupervisor? _supervisor;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Stop taking upgrades the moment shutdown begins, before hosted services are stopped.
        var tracker = services.GetRequiredService<ConnectionTracker>();
        lifetime.ApplicationStopping.Register(tracker.StopAndCloseAll);
        if (services.GetService<IHostedConnections>() is { } hosted)
        {
            // Connection-hosted mode: upgrades waiting for a worker get 503 now instead of a worker freed by a close.
            lifetime.ApplicationStopping.Register(hosted.StopAccepting);
        }

        _supervisor = services.GetRequiredService<IWorkerSupervisor>();
        await _supervisor.StartAsync(cancellationToken).ConfigureAwait(false);
        HostingLog.WorkersStarted(logger, _supervisor.LiveWorkers);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_supervisor is null)
        {
            return;
        }

        services.GetRequiredService<ConnectionTracker>().StopAndCloseAll();
        var pipeline = services.GetRequiredService<IEventPipeline>();

        // Connection-hosted mode: the close events run on each websocket's own worker.
        var hosted = services.GetService<IHostedConnections>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(services.GetRequiredService<IOptions<PipelineOptions>>().Value.DrainTimeout);
        try
        {
            await pipeline.DrainAsync(deadline.Token).ConfigureAwait(false);
            if (hosted is not null)
            {
                await hosted.DrainAsync(deadline.Token).ConfigureAwait(false);
            }

            HostingLog.Drained(logger);
        }
        catch (OperationCanceledException)
        {
            HostingLog.DrainTimedOut(logger, pipeline.ActiveSessions + (hosted?.ActiveSessions ?? 0));
        }

        await _supervisor.StopAsync(CancellationToken.None).ConfigureAwait(false);
        HostingLog.WorkersStopped(logger);
    }
}
