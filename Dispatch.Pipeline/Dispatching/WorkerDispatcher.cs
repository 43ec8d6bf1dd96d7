using Dispatch.Commands.Contract;
using Dispatch.Commands.Hub;
using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Dispatch.Pipeline.Dispatching;

/// <summary>
/// The dispatch block's step: builds and serializes the event, then hands it to the pool under the per-event Polly
/// timeout. Never throws: every outcome ends as a reply or a failure class on the job.
/// </summary>
internal sealed class WorkerDispatcher
{
    private readonly IWorkerPool _pool;
    private readonly IConnectionHub _hub;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkerDispatcher> _logger;
    private readonly ResiliencePipeline _timeout;
    private readonly TimeSpan _eventTimeout;

    public WorkerDispatcher(
        IWorkerPool pool,
        IConnectionHub hub,
        IOptions<PipelineOptions> options,
        TimeProvider time,
        ILogger<WorkerDispatcher> logger)
    {
        _pool = pool;
        _hub = hub;
        _time = time;
        _logger = logger;
        _eventTimeout = options.Value.EventTimeout;

        // Built once: the timeout cancels the token handed to the pool, and the pool kills the worker that holds a
        // cancelled in-flight event (CONTRACT 4.5).
        _timeout = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(_eventTimeout)
            .Build();
    }

    public async Task<DispatchJob> DispatchAsync(DispatchJob job, CancellationToken shutdown)
    {
        job.StartedAt = _time.GetTimestamp();
        var connectionId = job.Session.ConnectionId;
        try
        {
            var json = ContractJson.SerializeEvent(WorkerEventFactory.Create(job, _hub));
            var reply = await _timeout.ExecuteAsync(
                static (state, token) => state.Pool.ExecuteAsync(state.Json, token),
                (Pool: _pool, Json: (ReadOnlyMemory<byte>)json),
                shutdown);

            if (reply.Success)
            {
                job.SetReply(reply);
            }
            else
            {
                reply.Frame.Dispose();
                DispatchingLog.WorkerFailed(_logger, connectionId, job.Kind.ToWire(), reply.Failure, reply.WorkerProcessId);
                job.Fail(reply.Failure.ToErrorClass());
            }
        }
        catch (TimeoutRejectedException)
        {
            DispatchingLog.EventTimedOut(_logger, connectionId, job.Kind.ToWire(), _eventTimeout.TotalMilliseconds);
            job.Fail(ErrorClasses.WorkerTimeout);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // Shutdown gave up on the event: no worker will answer it.
            job.Fail(ErrorClasses.WorkerUnavailable);
        }
        catch (Exception ex)
        {
            DispatchingLog.DispatchFaulted(_logger, connectionId, job.Kind.ToWire(), ex);
            job.Fail(ErrorClasses.WorkerCrashed);
        }

        return job;
    }
}
