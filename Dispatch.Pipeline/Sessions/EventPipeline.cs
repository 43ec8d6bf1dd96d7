using Dispatch.Commands.Execution;
using Dispatch.Commands.Hub;
using Dispatch.Pipeline.Dispatching;
using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Pipeline.Sessions;

/// <summary>
/// Message-dispatch mode's entry point. Owns the graph; opens go through it like every other event, and each
/// accepted open yields a <see cref="ConnectionSession"/> lane. Disposing it (the container does, at host stop)
/// completes the graph: call <see cref="DrainAsync"/> first so every close reaches its worker.
/// </summary>
internal sealed class EventPipeline : IEventPipeline, IAsyncDisposable, IDisposable
{
    private readonly EventGraph _graph;
    private readonly SessionRegistry _registry;
    private readonly SessionDependencies _dependencies;
    private readonly PipelineMetrics _metrics;

    public EventPipeline(
        WorkerDispatcher dispatcher,
        ReplyApplier applier,
        SessionRegistry registry,
        ICommandExecutor executor,
        IConnectionHub hub,
        IMessageRouter router,
        PipelineMetrics metrics,
        IOptions<PipelineOptions> pipelineOptions,
        IOptions<WorkersOptions> workersOptions,
        TimeProvider time,
        ILogger<EventPipeline> logger)
    {
        _metrics = metrics;
        _registry = registry;
        _graph = new EventGraph(dispatcher, applier, pipelineOptions, workersOptions, time);
        _dependencies = new SessionDependencies(
            _graph,
            executor,
            hub,
            router,
            _registry,
            metrics,
            logger,
            pipelineOptions.Value.PerConnectionQueue);
    }

    public int ActiveSessions => _registry.Count;

    public PipelineStats GetStats() => new(
        _registry.Count,
        _graph.DispatchQueueDepth,
        _graph.ApplyQueueDepth,
        _metrics.EventsApplied,
        _metrics.EventsFailed,
        _metrics.FailureCloses,
        _metrics.MessagesNotQueued);

    /// <summary>Completes once the graph has finished after <see cref="Complete"/> or disposal.</summary>
    public Task Completion => _graph.Completion;

    public async Task<OpenResult> OpenAsync(ConnectionDescriptor connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var session = new ConnectionSession(connection, _dependencies);
        var job = DispatchJob.Open(session);

        // Tracked from now on, so that a drain also waits for opens still in flight (a rejected one leaves again).
        if (!_registry.TryAdd(session))
        {
            // Ids are generated unguessable and unique; a duplicate is a caller bug and must not reach a worker.
            return OpenResults.Failed(OpenResults.InternalErrorClass);
        }

        bool taken;
        try
        {
            // Cancelling while waiting for room is harmless: the worker never saw the open.
            taken = await _graph.SendAsync(job, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            session.Discard();
            throw;
        }

        if (!taken)
        {
            session.Discard();
            return OpenResults.Unavailable();
        }

        try
        {
            await job.Completion.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The open is on a worker and cannot be taken back (cancelling it would kill that worker). If the worker
            // accepts it, the connection existed for the app, so it still gets its close.
            _ = job.Completion.ContinueWith(
                static (_, state) =>
                {
                    var abandoned = (DispatchJob)state!;
                    if (abandoned.OpenResult?.Status == OpenStatus.Accepted)
                    {
                        abandoned.Session.Abandon();
                    }
                },
                job,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            throw;
        }

        return job.OpenResult ?? OpenResults.Failed(OpenResults.InternalErrorClass);
    }

    public Task DrainAsync(CancellationToken cancellationToken) => _registry.DrainAsync(cancellationToken);

    /// <summary>Stops taking events (opens answer 503, queued events fail as <c>worker_unavailable</c>).</summary>
    public void Complete() => _graph.Complete();

    public ValueTask DisposeAsync() => _graph.DisposeAsync();

    public void Dispose() => _graph.Dispose();
}
