namespace Dispatch.Tests.Fakes;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock only moves on <see cref="Advance"/>, which fires due timers inline.
/// <see cref="WaitForTimerAsync"/> lets a test wait until code under test has armed a timer (for example a restart
/// backoff) before advancing. Starts at an odd instant so code that wrongly reads the real clock shows up.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<(TimeSpan DueTime, TaskCompletionSource Signal)> _timerWaiters = [];
    private readonly List<TimeSpan> _armed = [];
    private DateTimeOffset _now = new(2031, 7, 13, 4, 21, 37, 123, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Every due time a timer was armed with so far, in order.</summary>
    public IReadOnlyList<TimeSpan> ArmedDueTimes
    {
        get { lock (_gate) { return [.. _armed]; } }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Completes once a timer has been armed with exactly <paramref name="dueTime"/> (now or earlier, and
    /// not yet consumed by a previous wait); throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task WaitForTimerAsync(TimeSpan dueTime, TimeSpan? timeout = null)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            var index = _armed.IndexOf(dueTime);
            if (index >= 0)
            {
                _armed[index] = Timeout.InfiniteTimeSpan;
                return Task.CompletedTask;
            }

            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _timerWaiters.Add((dueTime, signal));
        }

        return signal.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
    }

    /// <summary>Moves the clock forward and runs every timer that falls due (in due order), on this thread.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }

        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueAt <= target).OrderBy(t => t.DueAt).FirstOrDefault();
                if (next is null)
                {
                    _now = target;
                    return;
                }

                if (next.DueAt > _now)
                {
                    _now = next.DueAt;
                }

                next.Fired();
            }

            next.Invoke();
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            timer.DueAt = _now + dueTime;
            _timers.Add(timer);
            var waiter = _timerWaiters.FindIndex(w => w.DueTime == dueTime);
            if (waiter >= 0)
            {
                _timerWaiters[waiter].Signal.TrySetResult();
                _timerWaiters.RemoveAt(waiter);
                _armed.Add(Timeout.InfiniteTimeSpan);
            }
            else
            {
                _armed.Add(dueTime);
            }
        }
    }

    private void Unschedule(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        private bool _disposed;

        public DateTimeOffset DueAt { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return false;
            }

            _period = period;
            owner.Schedule(this, dueTime);
            return true;
        }

        /// <summary>Called under the owner's lock when due: re-arms a periodic timer, else removes it.</summary>
        public void Fired()
        {
            owner._timers.Remove(this);
            if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
            {
                DueAt += _period;
                owner._timers.Add(this);
            }
        }

        public void Invoke() => callback(state);

        public void Dispose()
        {
            _disposed = true;
            owner.Unschedule(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
