using Log = Dispatch.Pipeline.Workers.WorkerPoolLog;

namespace Dispatch.Pipeline.Workers;

/// <summary>
/// The event timeout, measured where it means something: from when a worker starts an event (it reaches the head of
/// that worker's queue), not from when the event was written. With pipelining, events written behind a hung one have
/// not started; when the hung worker is killed they come back NotStarted and are re-dispatched, not failed. The
/// dispatcher's Polly timeout stays as the outer bound of the whole call.
/// </summary>
internal sealed partial class WorkerPool
{
    private ITimer? _watchdog;
    private TimeSpan _eventTimeout = Timeout.InfiniteTimeSpan;

    private void StartTimeoutWatchdog(TimeSpan eventTimeout)
    {
        if (eventTimeout == Timeout.InfiniteTimeSpan || eventTimeout <= TimeSpan.Zero)
        {
            return;
        }

        _eventTimeout = eventTimeout;
        var period = TimeSpan.FromTicks(Math.Clamp(eventTimeout.Ticks / 8, TimeSpan.FromMilliseconds(5).Ticks, TimeSpan.FromMilliseconds(500).Ticks));
        _watchdog = _timeProvider.CreateTimer(static state => ((WorkerPool)state!).CheckHeads(), this, period, period);
    }

    /// <summary>Kills every worker whose current event has been at the head of its queue for longer than the timeout.</summary>
    internal void CheckHeads()
    {
        var now = _timeProvider.GetTimestamp();
        List<WorkerInstance>? hung = null;
        lock (_gate)
        {
            foreach (var worker in _workers)
            {
                var head = worker.Connection.Head;
                if (!ReferenceEquals(head, worker.WatchedHead))
                {
                    worker.WatchedHead = head;
                    worker.WatchedSince = now;
                }
                else if (head is not null && _timeProvider.GetElapsedTime(worker.WatchedSince, now) > _eventTimeout)
                {
                    (hung ??= []).Add(worker);
                }
            }
        }

        foreach (var worker in hung ?? [])
        {
            Log.EventTimedOut(_logger, worker.Slot, worker.ProcessId, _eventTimeout.TotalMilliseconds);
            worker.Kill("event timed out", WorkerFailure.TimedOut);
        }
    }
}
