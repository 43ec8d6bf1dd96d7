using System.Runtime.CompilerServices;
using Dispatch.Pipeline.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Log = Dispatch.Pipeline.Workers.WorkerPoolLog;

namespace Dispatch.Pipeline.Workers;

/// <summary>
/// <see cref="IWorkerPool"/> over the workers the supervisor hands in (<see cref="Add"/>). Each event goes to the live
/// worker with the fewest events in flight that has a free pipeline slot; when none has, events wait in FIFO order
/// (re-dispatched events go first). Slot bookkeeping is in <c>WorkerPool.Slots.cs</c>.
/// </summary>
internal sealed partial class WorkerPool : IWorkerPool, IWorkerSink
{
    private readonly WorkersOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<WorkerPool> _logger;

    public WorkerPool(IOptions<WorkersOptions> options, TimeProvider timeProvider, ILogger<WorkerPool> logger)
        : this(options, timeProvider, logger, Timeout.InfiniteTimeSpan)
    {
    }

    /// <param name="eventTimeout">How long a worker may work on one event (from when it reaches the head of that
    /// worker's queue) before it is killed; infinite disables the watchdog.</param>
    public WorkerPool(IOptions<WorkersOptions> options, TimeProvider timeProvider, ILogger<WorkerPool> logger, TimeSpan eventTimeout)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        StartMemoryWatch();
        StartTimeoutWatchdog(eventTimeout);
    }

    // Pooled state machines (here and in SendAsync): every event suspends in both while its worker works on it.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<WorkerReply> ExecuteAsync(ReadOnlyMemory<byte> eventJson, CancellationToken cancellationToken)
    {
        var redispatch = false;
        while (true)
        {
            var worker = await AcquireAsync(redispatch, cancellationToken).ConfigureAwait(false);
            if (worker is null)
            {
                return new WorkerReply(WorkerFailure.Unavailable, default, null);
            }

            var writtenAt = _timeProvider.GetTimestamp();
            var result = await SendAsync(worker, eventJson, cancellationToken).ConfigureAwait(false);
            Release(worker, handled: result.Outcome == ConnectionOutcome.Replied);
            switch (result.Outcome)
            {
                case ConnectionOutcome.Replied:
                    return new WorkerReply(WorkerFailure.None, result.Frame, worker.ProcessId, writtenAt);

                case ConnectionOutcome.NotStarted:
                    // The worker never saw it: transparent to the caller, who just waits a little longer.
                    Remove(worker);
                    Log.Redispatched(_logger, worker.Slot, worker.ProcessId);
                    redispatch = true;
                    continue;

                default:
                    Remove(worker);
                    var failure = result.Outcome switch
                    {
                        ConnectionOutcome.ProtocolError => WorkerFailure.ProtocolError,
                        ConnectionOutcome.TimedOut => WorkerFailure.TimedOut,
                        _ => WorkerFailure.Crashed,
                    };
                    Log.EventFailed(_logger, worker.Slot, worker.ProcessId, failure);
                    return new WorkerReply(failure, default, worker.ProcessId, writtenAt);
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ConnectionResult> SendAsync(WorkerInstance worker, ReadOnlyMemory<byte> eventJson, CancellationToken cancellationToken)
    {
        Task<ConnectionResult> reply;
        try
        {
            reply = await worker.Connection.WriteAsync(eventJson, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Cancelled while waiting for the write turn: the worker never saw this event.
            Release(worker, handled: false);
            throw;
        }

        try
        {
            // The reply ends cancelled when the token fires first (CancelableReply).
            return await reply.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The worker may be hung: kill it; events behind this one come back NotStarted and are re-dispatched by
            // their own callers.
            Log.KilledOnCancel(_logger, worker.Slot, worker.ProcessId);
            worker.Kill("event cancelled");
            Remove(worker);
            Release(worker, handled: false);

            // A reply that raced in after the cancellation was disposed by the connection: nobody takes it.
            throw;
        }
    }
}
