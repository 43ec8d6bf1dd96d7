using Dispatch.Pipeline.Options;
using Dispatch.Pipeline.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Log = Dispatch.Pipeline.Hosted.HostedLog;

namespace Dispatch.Pipeline.Hosted;

/// <summary>
/// Connection-hosted mode's pool (CONTRACT 5): each worker the supervisor hands in is leased to one websocket at a
/// time, so at most <c>Workers:Count</c> hosted websockets are live. Upgrades beyond that wait in a bounded FIFO queue
/// for up to <see cref="HostedPoolOptions.QueueTimeout"/>. A released worker that is still healthy goes back to the
/// idle list (the PHP side serves sequential websockets on one connection); one that reached <c>MaxJobs</c> events or
/// is above <c>MaxMemoryMb</c> is retired, and a lost one is left to the supervisor, which replaces it.
/// </summary>
internal sealed class HostedWorkerPool : IWorkerSink
{
    private readonly Lock _gate = new();
    private readonly List<WorkerInstance> _idle = [];
    private readonly Dictionary<WorkerInstance, HostedLease> _leased = [];
    private readonly LinkedList<LeaseWaiter> _waiters = new();
    private readonly HostedPoolOptions _options;
    private readonly long _maxJobs;
    private readonly long _maxMemoryKb;
    private readonly TimeProvider _time;
    private readonly ILogger<HostedWorkerPool> _logger;
    private bool _closed;

    public HostedWorkerPool(IOptions<HostedPoolOptions> options, IOptions<WorkersOptions> workers, TimeProvider time, ILogger<HostedWorkerPool> logger)
    {
        _options = options.Value;
        _maxJobs = workers.Value.MaxJobs;
        _maxMemoryKb = workers.Value.MaxMemoryMb * 1024;
        _time = time;
        _logger = logger;
    }

    public int LiveWorkers
    {
        get
        {
            lock (_gate)
            {
                return _idle.Count(static w => !w.Connection.IsDead) + _leased.Keys.Count(static w => !w.Connection.IsDead);
            }
        }
    }

    /// <summary>Workers hosting a websocket now.</summary>
    public int Leased
    {
        get { lock (_gate) { return _leased.Count; } }
    }

    /// <summary>Upgrades waiting for a worker now.</summary>
    public int Waiting
    {
        get { lock (_gate) { return _waiters.Count; } }
    }

    public void Add(WorkerInstance worker)
    {
        lock (_gate)
        {
            if (!_idle.Contains(worker) && !_leased.ContainsKey(worker))
            {
                _idle.Add(worker);
            }

            Pump();
        }
    }

    public void Remove(WorkerInstance worker)
    {
        HostedLease? lost;
        lock (_gate)
        {
            _idle.Remove(worker);
            _leased.Remove(worker, out lost);
        }

        // The websocket it hosted cannot go on without it (closed with 1011 by its session).
        lost?.OnWorkerLost();
    }

    /// <summary>An idle worker is retired now; one hosting a websocket keeps it and is retired when it is released.</summary>
    public void Retire(WorkerInstance worker)
    {
        bool idle;
        lock (_gate)
        {
            if (worker.Retiring)
            {
                return;
            }

            idle = _idle.Remove(worker);
            if (!idle && !_leased.ContainsKey(worker))
            {
                return;
            }

            worker.Retiring = true;
            worker.RetireReason = RetireReasons.Requested;
        }

        if (idle)
        {
            worker.RequestRetire();
        }
    }

    public int InFlightOf(WorkerInstance worker)
    {
        lock (_gate)
        {
            return _leased.ContainsKey(worker) ? 1 : 0;
        }
    }

    public void Close()
    {
        LeaseWaiter[] waiters;
        lock (_gate)
        {
            _closed = true;
            waiters = [.. _waiters];
            _waiters.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.Node = null;
            waiter.Complete(LeaseResult.Failed(LeaseStatus.Closed));
        }
    }

    /// <summary>
    /// Takes a free worker exclusively, waiting in FIFO order up to the queue timeout. Throws
    /// <see cref="OperationCanceledException"/> only when <paramref name="cancellationToken"/> fires while waiting.
    /// </summary>
    public async Task<LeaseResult> LeaseAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var waiter = new LeaseWaiter();
        lock (_gate)
        {
            if (_closed)
            {
                return LeaseResult.Failed(LeaseStatus.Closed);
            }

            // FIFO: a newcomer may not overtake upgrades already waiting.
            if (_waiters.Count == 0 && TryTake() is { } lease)
            {
                return new LeaseResult(LeaseStatus.Leased, lease);
            }

            if (_waiters.Count >= _options.QueueLimit)
            {
                Log.QueueFull(_logger, _waiters.Count);
                return LeaseResult.Failed(LeaseStatus.QueueFull);
            }

            waiter.Node = _waiters.AddLast(waiter);
        }

        using var cancel = cancellationToken.UnsafeRegister(_ => GiveUp(waiter, LeaseStatus.Closed), null);
        await using var timer = _time.CreateTimer(_ => GiveUp(waiter, LeaseStatus.QueueTimedOut), null, _options.QueueTimeout, Timeout.InfiniteTimeSpan);
        var result = await waiter.Task.ConfigureAwait(false);
        if (cancellationToken.IsCancellationRequested)
        {
            // Given a worker just as the caller gave up: hand it on rather than host nobody.
            if (result.Lease is { } unwanted)
            {
                Release(unwanted);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        if (result.Status == LeaseStatus.QueueTimedOut)
        {
            Log.QueueTimedOut(_logger, _options.QueueTimeout.TotalMilliseconds);
        }

        return result;
    }

    /// <summary>
    /// Returns a worker after its websocket ended. A healthy one serves the next websocket; one that reached
    /// <c>MaxJobs</c> events or is above <c>MaxMemoryMb</c> is retired; a lost one is left to the supervisor.
    /// </summary>
    public void Release(HostedLease lease)
    {
        var worker = lease.Worker;

        // Between websockets is the only moment a hosting worker can be recycled for memory without losing a session.
        var residentKb = _maxMemoryKb > 0 && !lease.IsLost ? ResidentMemory.Kilobytes(worker.ProcessId) : 0;
        var retire = false;
        var overMemory = false;
        lock (_gate)
        {
            if (!_leased.Remove(worker))
            {
                // Already taken away by the supervisor (Remove).
                return;
            }

            if (lease.IsLost)
            {
                return;
            }

            overMemory = _maxMemoryKb > 0 && residentKb > _maxMemoryKb;
            if ((_maxJobs > 0 && worker.EventsHandled >= _maxJobs) || overMemory || worker.Retiring)
            {
                // A restart already asked for keeps its reason.
                if (!worker.Retiring)
                {
                    worker.RetireReason = overMemory ? RetireReasons.Memory : RetireReasons.MaxJobs;
                }

                worker.Retiring = true;
                retire = true;
            }
            else
            {
                _idle.Add(worker);
                Pump();
            }
        }

        if (retire)
        {
            if (overMemory)
            {
                Log.RetiringForMemory(_logger, worker.Slot, worker.ProcessId, residentKb / 1024, _maxMemoryKb / 1024);
            }
            else
            {
                Log.Retiring(_logger, worker.Slot, worker.ProcessId, worker.EventsHandled);
            }

            worker.RequestRetire();
        }
    }

    private void GiveUp(LeaseWaiter waiter, LeaseStatus status)
    {
        lock (_gate)
        {
            if (waiter.Node is null)
            {
                return;
            }

            _waiters.Remove(waiter.Node);
            waiter.Node = null;
        }

        waiter.Complete(LeaseResult.Failed(status));
    }

    /// <summary>Hands idle workers to waiting upgrades, oldest first. Caller holds the lock.</summary>
    private void Pump()
    {
        while (_waiters.First is { } node)
        {
            if (TryTake() is not { } lease)
            {
                return;
            }

            _waiters.RemoveFirst();
            node.Value.Node = null;
            node.Value.Complete(new LeaseResult(LeaseStatus.Leased, lease));
        }
    }

    /// <summary>An idle, healthy worker, now leased. Caller holds the lock.</summary>
    private HostedLease? TryTake()
    {
        for (var i = 0; i < _idle.Count; i++)
        {
            var worker = _idle[i];
            if (worker.Connection.IsDead || worker.Killed || worker.Retiring)
            {
                continue;
            }

            _idle.RemoveAt(i);
            var lease = new HostedLease(worker);
            _leased.Add(worker, lease);
            worker.Assigned++;
            return lease;
        }

        return null;
    }
}
