using Microsoft.Extensions.Logging;
using Log = Dispatch.Pipeline.Workers.WorkerPoolLog;

namespace Dispatch.Pipeline.Workers;

/// <summary>Pipeline-slot bookkeeping: which worker gets the next event, and the FIFO of events waiting for one.</summary>
internal sealed partial class WorkerPool
{
    private readonly Lock _gate = new();
    private readonly List<WorkerInstance> _workers = [];
    private readonly LinkedList<PoolWaiter> _waiters = new();
    private bool _closed;

    /// <summary>Workers connected and not dead (busy or retiring ones included).</summary>
    public int LiveWorkers
    {
        get
        {
            lock (_gate)
            {
                return CountLive();
            }
        }
    }

    /// <summary>True after <see cref="Close"/>: every event is answered Unavailable at once.</summary>
    public bool IsClosed
    {
        get { lock (_gate) { return _closed; } }
    }

    /// <summary>Adds a started worker and gives it waiting events.</summary>
    public void Add(WorkerInstance worker)
    {
        lock (_gate)
        {
            if (!_workers.Contains(worker))
            {
                _workers.Add(worker);
            }

            Pump();
        }
    }

    /// <summary>Stops giving a worker events (it died, was killed or is being replaced). Idempotent.</summary>
    public void Remove(WorkerInstance worker)
    {
        lock (_gate)
        {
            _workers.Remove(worker);
        }
    }

    public void Retire(WorkerInstance worker)
    {
        bool idle;
        lock (_gate)
        {
            if (worker.Retiring || !_workers.Contains(worker))
            {
                return;
            }

            worker.Retiring = true;
            worker.RetireReason = RetireReasons.Requested;
            idle = worker.InFlight == 0;
        }

        // Busy: the release of its last event retires it (Release), exactly as at MaxJobs.
        if (idle)
        {
            worker.RequestRetire();
        }
    }

    public int InFlightOf(WorkerInstance worker)
    {
        lock (_gate)
        {
            return worker.InFlight;
        }
    }

    /// <summary>Shutdown: waiting and future events are answered Unavailable; events already on workers carry on.</summary>
    public void Close()
    {
        PoolWaiter[] waiters;
        lock (_gate)
        {
            _closed = true;
            waiters = [.. _waiters];
            _waiters.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.Node = null;
            waiter.Complete(null);
        }
    }

    private async ValueTask<WorkerInstance?> AcquireAsync(bool first, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        PoolWaiter waiter;
        lock (_gate)
        {
            if (_closed)
            {
                return null;
            }

            // FIFO: a newcomer may not overtake events already waiting; a re-dispatched event goes to the front.
            if ((first || _waiters.Count == 0) && TryPick() is { } picked)
            {
                return picked;
            }

            // Only an event that must wait gets a waiter (and its task): the common case allocates nothing here.
            waiter = new PoolWaiter();
            waiter.Node = first ? _waiters.AddFirst(waiter) : _waiters.AddLast(waiter);
        }

        var worker = await WaitAsync(waiter, cancellationToken).ConfigureAwait(false);
        if (worker is not null && cancellationToken.IsCancellationRequested)
        {
            // Given a slot just as the caller gave up: hand it on rather than start an event nobody waits for.
            Release(worker, handled: false);
            worker = null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return worker;
    }

    private async ValueTask<WorkerInstance?> WaitAsync(PoolWaiter waiter, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.UnsafeRegister(_ => Abandon(waiter), null);
        var timeout = _options.UnavailableTimeout;
        ITimer? timer = null;
        timer = _timeProvider.CreateTimer(_ => OnUnavailableTimer(waiter, timer!, timeout), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        await using (timer.ConfigureAwait(false))
        {
            timer.Change(timeout, Timeout.InfiniteTimeSpan);
            return await waiter.Task.ConfigureAwait(false);
        }
    }

    /// <summary>A waiter gives up with Unavailable only when, after waiting <c>UnavailableTimeout</c>, no worker is alive
    /// at all; workers that are merely busy keep it waiting (bounded by the caller's own timeout), checked again later.</summary>
    private void OnUnavailableTimer(PoolWaiter waiter, ITimer timer, TimeSpan timeout)
    {
        lock (_gate)
        {
            if (waiter.Node is null)
            {
                return;
            }

            if (CountLive() > 0)
            {
                timer.Change(timeout, Timeout.InfiniteTimeSpan);
                return;
            }

            _waiters.Remove(waiter.Node);
            waiter.Node = null;
        }

        Log.Unavailable(_logger, timeout.TotalMilliseconds);
        waiter.Complete(null);
    }

    private void Abandon(PoolWaiter waiter)
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

        waiter.Complete(null);
    }

    private void Release(WorkerInstance worker, bool handled)
    {
        var retire = false;
        lock (_gate)
        {
            worker.InFlight--;
            retire = worker.Retiring && worker.InFlight == 0;
            Pump();
        }

        if (handled)
        {
            worker.CountHandled();
        }

        if (retire)
        {
            worker.RequestRetire();
        }
    }

    /// <summary>Hands free slots to waiting events, oldest first. Caller holds the lock.</summary>
    private void Pump()
    {
        while (_waiters.First is { } node)
        {
            var worker = TryPick();
            if (worker is null)
            {
                return;
            }

            _waiters.RemoveFirst();
            node.Value.Node = null;
            node.Value.Complete(worker);
        }
    }

    /// <summary>The accepting worker with the fewest events in flight and a free slot, its slot taken. Caller holds the lock.</summary>
    private WorkerInstance? TryPick()
    {
        WorkerInstance? best = null;
        foreach (var worker in _workers)
        {
            if (worker.Retiring || worker.InFlight >= _options.PipelineDepth || worker.Connection.IsDead)
            {
                continue;
            }

            if (best is null || worker.InFlight < best.InFlight)
            {
                best = worker;
            }
        }

        if (best is null)
        {
            return null;
        }

        best.InFlight++;
        best.Assigned++;
        if (_options.MaxJobs > 0 && best.Assigned >= _options.MaxJobs)
        {
            best.Retiring = true;
            Log.Retiring(_logger, best.Slot, best.ProcessId, _options.MaxJobs);
        }

        return best;
    }

    private int CountLive()
    {
        var live = 0;
        foreach (var worker in _workers)
        {
            if (!worker.Connection.IsDead)
            {
                live++;
            }
        }

        return live;
    }
}
