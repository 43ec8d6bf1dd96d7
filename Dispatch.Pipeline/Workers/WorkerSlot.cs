using Dispatch.Pipeline.Options;

namespace Dispatch.Pipeline.Workers;

/// <summary>One worker position (0..Count-1) across restarts: the current worker, restart backoff and crash-loop state.
/// Touched by its own restart loop, read by status calls; guarded by a small lock.</summary>
internal sealed class WorkerSlot
{
    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _recentCrashes = new();
    private readonly WorkersOptions _options;
    private WorkerInstance? _current;
    private int _consecutiveCrashes;
    private int _restarts;
    private int _generation;
    private long _handledByPrevious;

    public WorkerSlot(int index, WorkersOptions options)
    {
        Index = index;
        _options = options;
    }

    public int Index { get; }

    public int Restarts
    {
        get { lock (_gate) { return _restarts; } }
    }

    public WorkerInstance? Current
    {
        get { lock (_gate) { return _current; } }
    }

    /// <summary>Events answered by every worker this slot has had.</summary>
    public long EventsHandled
    {
        get { lock (_gate) { return _handledByPrevious + (_current?.EventsHandled ?? 0); } }
    }

    /// <summary>A fresh number for each launch, so a socket path is never reused.</summary>
    public int NextGeneration()
    {
        lock (_gate)
        {
            return _generation++;
        }
    }

    public void SetCurrent(WorkerInstance worker, bool restart)
    {
        lock (_gate)
        {
            _current = worker;
            if (restart)
            {
                _restarts++;
            }
        }
    }

    public void ClearCurrent()
    {
        lock (_gate)
        {
            if (_current is not null)
            {
                _handledByPrevious += _current.EventsHandled;
                _current = null;
            }
        }
    }

    public bool IsCrashLooping(DateTimeOffset now)
    {
        lock (_gate)
        {
            Trim(now);
            return _recentCrashes.Count >= _options.CrashLoopThreshold;
        }
    }

    /// <summary>Records a crash (or failed restart) and returns the delay before the next start: <c>RestartBackoff</c>
    /// doubling per consecutive crash up to <c>RestartBackoffMax</c>; reset when the worker had been up for
    /// <c>RestartBackoffResetAfter</c>; the maximum while crash-looping.</summary>
    public TimeSpan RecordCrash(DateTimeOffset now, TimeSpan uptime, out bool crashLooping, out int recentCrashes)
    {
        lock (_gate)
        {
            if (uptime >= _options.RestartBackoffResetAfter)
            {
                _consecutiveCrashes = 0;
            }

            _consecutiveCrashes++;
            _recentCrashes.Enqueue(now);
            Trim(now);
            recentCrashes = _recentCrashes.Count;
            crashLooping = recentCrashes >= _options.CrashLoopThreshold;
            if (crashLooping)
            {
                return _options.RestartBackoffMax;
            }

            var factor = Math.Pow(2, Math.Min(_consecutiveCrashes - 1, 30));
            var delay = TimeSpan.FromTicks((long)Math.Min(_options.RestartBackoff.Ticks * factor, _options.RestartBackoffMax.Ticks));
            return delay;
        }
    }

    private void Trim(DateTimeOffset now)
    {
        while (_recentCrashes.TryPeek(out var oldest) && now - oldest > _options.CrashLoopWindow)
        {
            _recentCrashes.Dequeue();
        }
    }
}
