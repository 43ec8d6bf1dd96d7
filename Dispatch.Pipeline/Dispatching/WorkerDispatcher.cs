using System.Runtime.CompilerServices;
using Dispatch.Commands.Contract;
using Dispatch.Commands.Hub;
using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Telemetry;
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
    private readonly PipelineMetrics _metrics;

    public WorkerDispatcher(
        IWorkerPool pool,
        IConnectionHub hub,
        IOptions<PipelineOptions> options,
        IOptions<WorkersOptions> workers,
        TimeProvider time,
        ILogger<WorkerDispatcher> logger,
        PipelineMetrics metrics)
    {
        _metrics = metrics;
        _pool = pool;
        _hub = hub;
        _time = time;
        _logger = logger;
        // The pool's watchdog enforces EventTimeout from the moment a worker starts an event and kills a hung worker;
        // the events pipelined behind it are re-dispatched. This Polly timeout is the outer bound of the whole call:
        // the events ahead on the same worker, plus waiting for a worker while none is alive. When it fires, the
        // token handed to the pool is cancelled and the pool kills the worker holding the event (CONTRACT 4.5).
        _eventTimeout = OuterTimeout(options.Value.EventTimeout, workers.Value);
        _timeout = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(_eventTimeout)
            .Build();
    }

    internal static TimeSpan OuterTimeout(TimeSpan eventTimeout, WorkersOptions workers) =>
        (eventTimeout * (workers.PipelineDepth + 1)) + workers.UnavailableTimeout;

    public async Task<DispatchJob> DispatchAsync(DispatchJob job, CancellationToken shutdown)
    {
        job.StartedAt = _time.GetTimestamp();
        var connectionId = job.Session.ConnectionId;
        try
        {
            using var json = WorkerEventFactory.Serialize(job, _hub);

            // The outcome form: the plain ExecuteAsync wraps the callback in two more async state machines per event,
            // to turn its result into an outcome and back. The context comes from Polly's pool, as it did there.
            var context = ResilienceContextPool.Shared.Get(shutdown);
            Outcome<WorkerReply> outcome;
            try
            {
                outcome = await _timeout.ExecuteOutcomeAsync(
                    static (timed, state) => ExecuteOnPoolAsync(state.Pool, state.Json, timed.CancellationToken),
                    context,
                    (Pool: _pool, Json: json.Memory));
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }

            outcome.ThrowIfException();
            var reply = outcome.Result;

            RecordTimings(job, reply.WrittenAt);
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

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<Outcome<WorkerReply>> ExecuteOnPoolAsync(IWorkerPool pool, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        try
        {
            return Outcome.FromResult(await pool.ExecuteAsync(json, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            // Polly's outcome carries it; the timeout strategy turns its own cancellation into TimeoutRejectedException.
            return Outcome.FromException<WorkerReply>(ex);
        }
    }

    private void RecordTimings(DispatchJob job, long writtenAt)
    {
        if (writtenAt == 0 || job.EnqueuedAt == 0)
        {
            return;
        }

        _metrics.EventTimings(job.Kind.ToWire(), _time.GetElapsedTime(job.EnqueuedAt, writtenAt), _time.GetElapsedTime(writtenAt));
    }
}
