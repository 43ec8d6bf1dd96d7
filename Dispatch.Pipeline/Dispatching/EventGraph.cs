using System.Runtime.CompilerServices;
using System.Threading.Tasks.Dataflow;
using Dispatch.Pipeline.Options;
using Microsoft.Extensions.Options;

namespace Dispatch.Pipeline.Dispatching;

/// <summary>
/// The Dataflow graph of the design card: a bounded dispatch block (one slot per worker pipeline slot, Polly timeout
/// inside) linked with completion propagation to a bounded apply block. Lanes feed it one event per connection at a
/// time with <see cref="DataflowBlock.SendAsync{TInput}(ITargetBlock{TInput}, TInput)"/>, which waits while the
/// global queue is full: that is the global back-pressure.
/// </summary>
internal sealed class EventGraph : IAsyncDisposable, IDisposable
{
    private readonly TransformBlock<DispatchJob, DispatchJob> _dispatch;
    private readonly ActionBlock<DispatchJob> _apply;
    private readonly ReplyApplier _applier;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _drainTimeout;
    private int _disposed;

    public EventGraph(
        WorkerDispatcher dispatcher,
        ReplyApplier applier,
        IOptions<PipelineOptions> pipelineOptions,
        IOptions<WorkersOptions> workersOptions,
        TimeProvider time)
    {
        _applier = applier;
        _time = time;
        var options = pipelineOptions.Value;
        _drainTimeout = options.DrainTimeout;
        var workers = workersOptions.Value;
        var token = _shutdown.Token;

        _dispatch = new TransformBlock<DispatchJob, DispatchJob>(
            job => dispatcher.DispatchAsync(job, token),
            new ExecutionDataflowBlockOptions
            {
                BoundedCapacity = options.GlobalQueue,
                MaxDegreeOfParallelism = Math.Max(1, workers.Count * Math.Max(1, workers.PipelineDepth)),
                EnsureOrdered = false,
                SingleProducerConstrained = false,
            });

        // Applying is short, synchronous work (validation, hub updates, queuing frames); different connections' jobs
        // may apply in parallel because a connection never has two events in flight.
        _apply = new ActionBlock<DispatchJob>(
            applier.Apply,
            new ExecutionDataflowBlockOptions
            {
                BoundedCapacity = options.ApplyQueue,
                MaxDegreeOfParallelism = Environment.ProcessorCount,
                EnsureOrdered = false,
            });

        _dispatch.LinkTo(_apply, new DataflowLinkOptions { PropagateCompletion = true });
    }

    /// <summary>Completes once both blocks have finished after <see cref="Complete"/>.</summary>
    public Task Completion => _apply.Completion;

    /// <summary>Events waiting for (or on) a worker, and replies waiting to be applied: for stats.</summary>
    public int DispatchQueueDepth => _dispatch.InputCount + _dispatch.OutputCount;

    public int ApplyQueueDepth => _apply.InputCount;

    /// <summary>
    /// Offers a job, waiting while the dispatch block is full. False when the graph is completing: the job was not
    /// taken (the caller decides what that means; an open is answered 503).
    /// </summary>
    public Task<bool> SendAsync(DispatchJob job, CancellationToken cancellationToken)
    {
        job.EnqueuedAt = _time.GetTimestamp();
        return _dispatch.SendAsync(job, cancellationToken);
    }

    /// <summary>
    /// Runs one job to its outcome: sends it (waiting for room), then waits until the apply block finished it. A job
    /// the completing graph refuses still gets its outcome (<c>worker_unavailable</c>). Never throws. Its state machine
    /// is pooled: a lane awaits one per event.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask RunAsync(DispatchJob job)
    {
        job.EnqueuedAt = _time.GetTimestamp();
        if (!await _dispatch.SendAsync(job))
        {
            _applier.ApplyRefused(job);
        }

        await job.Completion;
    }

    /// <summary>Stops taking jobs; jobs already inside still run to their outcome.</summary>
    public void Complete() => _dispatch.Complete();

    /// <summary>
    /// Completes the graph and waits for the jobs inside to finish; after <c>DrainTimeout</c> the events still on a
    /// worker are cancelled (their jobs end as <c>worker_unavailable</c>) so shutdown never hangs on a stuck worker.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Complete();
        using (var giveUp = new CancellationTokenSource())
        {
            var finished = await Task.WhenAny(Completion, Task.Delay(_drainTimeout, _time, giveUp.Token));
            await giveUp.CancelAsync();
            if (finished != Completion)
            {
                await _shutdown.CancelAsync();
            }
        }

        await Completion;
        _shutdown.Dispose();
    }

    /// <summary>
    /// For a container disposed synchronously: completes the graph and cancels events still on a worker without
    /// waiting. Prefer <see cref="DisposeAsync"/>.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Complete();
        _shutdown.Cancel();
    }
}
