using Dispatch.Commands.Hub;
using Microsoft.Extensions.Logging;

namespace Dispatch.Pipeline.Workers;

/// <summary>
/// Gives the PHP workers a short scheduling slice (<see cref="SchedulingSlice"/>) while large fan-outs keep the
/// gateway's threads busy, and the kernel's default back after a quiet second. Sampled every
/// <see cref="Window"/>: the frames large fan-outs queued in that window against the threshold.
/// </summary>
/// <remarks>
/// Why only then: during a fan-out a woken worker waits for a busy send thread's slice to run out (1.4 ms on 2 cores),
/// and that wait is most of a publisher's round trip; the short slice lets it preempt. Without fan-outs the same slice
/// makes a worker take fewer events per wake-up, which cost 6–12% of echo throughput in paired runs.
/// </remarks>
internal sealed class FanOutSlice : IDisposable
{
    /// <summary>How often the fan-out activity is sampled.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);

    /// <summary>Quiet windows in a row after which the workers get the default slice back.</summary>
    internal const int QuietWindows = 10;

    private readonly FanOutActivity _activity;
    private readonly TimeSpan _slice;
    private readonly long _framesPerWindow;
    private readonly Func<IEnumerable<int>> _workerPids;
    private readonly Func<int, TimeSpan, string?> _apply;
    private readonly ILogger _logger;
    private readonly HashSet<int> _shortened = [];
    private readonly ITimer _timer;
    private long _lastFrames;
    private int _quiet;
    private bool _on;
    private bool _unavailable;
    private int _ticking;

    /// <param name="apply">Sets a process's slice (<see cref="TimeSpan.Zero"/>: the kernel's default); returns the
    /// problem, or null when it was applied.</param>
    public FanOutSlice(
        FanOutActivity activity,
        TimeSpan slice,
        int framesPerSecond,
        Func<IEnumerable<int>> workerPids,
        Func<int, TimeSpan, string?> apply,
        TimeProvider time,
        ILogger logger)
    {
        _activity = activity;
        _slice = slice;
        _framesPerWindow = Math.Max(1, (long)Math.Ceiling(framesPerSecond * Window.TotalSeconds));
        _workerPids = workerPids;
        _apply = apply;
        _logger = logger;
        _lastFrames = activity.Frames;
        _timer = time.CreateTimer(static state => ((FanOutSlice)state!).Tick(), this, Window, Window);
    }

    /// <summary>True while the workers have the short slice.</summary>
    public bool IsOn => Volatile.Read(ref _on);

    public void Dispose() => _timer.Dispose();

    /// <summary>One sample. Ticks never overlap: one that finds another still running is skipped.</summary>
    internal void Tick()
    {
        if (Interlocked.Exchange(ref _ticking, 1) != 0)
        {
            return;
        }

        try
        {
            var frames = _activity.Frames;
            var busy = frames - _lastFrames >= _framesPerWindow;
            _lastFrames = frames;
            _quiet = busy ? 0 : _quiet + 1;
            if (_unavailable)
            {
                return;
            }

            if (busy || (_on && _quiet < QuietWindows))
            {
                Shorten();
            }
            else if (_on)
            {
                Restore();
            }
        }
        catch (Exception e)
        {
            // A timer callback must not throw (it would end the process). Sampling stops, and the workers get the
            // default back as far as that still works.
            _unavailable = true;
            PhpWorkerLog.FanOutSliceFaulted(_logger, e);
            Restore(afterFault: true);
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    // Also reaches a worker started while the slice is on (a restart, a recycle): every busy window looks again.
    private void Shorten()
    {
        if (!_on)
        {
            PhpWorkerLog.FanOutSliceOn(_logger, _slice.TotalMicroseconds);
            Volatile.Write(ref _on, true);
        }

        foreach (var pid in _workerPids())
        {
            if (_shortened.Contains(pid))
            {
                continue;
            }

            if (_apply(pid, _slice) is { } problem)
            {
                // The kernel or platform cannot do it: said once, then the workers keep the default for good.
                PhpWorkerLog.FanOutSliceUnavailable(_logger, pid, problem);
                _unavailable = true;
                Restore();
                return;
            }

            _shortened.Add(pid);
        }
    }

    /// <param name="afterFault">The setter already threw once (reported): every worker still gets its try.</param>
    private void Restore(bool afterFault = false)
    {
        foreach (var pid in _shortened)
        {
            try
            {
                // A worker that exited meanwhile has nothing to restore.
                _ = _apply(pid, TimeSpan.Zero);
            }
            catch (Exception) when (afterFault)
            {
            }
        }

        _shortened.Clear();
        if (_on)
        {
            if (!afterFault)
            {
                PhpWorkerLog.FanOutSliceOff(_logger);
            }

            Volatile.Write(ref _on, false);
        }
    }
}
