using Log = Dispatch.Pipeline.Workers.WorkerPoolLog;

namespace Dispatch.Pipeline.Workers;

/// <summary>
/// Recycling above a resident-memory limit (<c>Workers:MaxMemoryMb</c>): a PHP process that leaks is retired the same
/// graceful way as at <c>MaxJobs</c> — no new events, the ones in hand finish, then it is replaced — so no event is lost.
/// </summary>
internal sealed partial class WorkerPool
{
    private ITimer? _memoryTimer;

    private void StartMemoryWatch()
    {
        if (_options.MaxMemoryMb > 0)
        {
            _memoryTimer = _timeProvider.CreateTimer(static state => ((WorkerPool)state!).RetireOverMemory(), this, _options.MemoryCheckInterval, _options.MemoryCheckInterval);
        }
    }

    /// <summary>Retires every accepting worker whose resident memory is above the limit. Internal for tests.</summary>
    internal int RetireOverMemory(Func<int, long>? residentKb = null)
    {
        residentKb ??= ProcessMemory.ResidentKb;
        var limitKb = _options.MaxMemoryMb * 1024;
        var retired = 0;
        List<WorkerInstance> idle = [];
        lock (_gate)
        {
            foreach (var worker in _workers)
            {
                if (worker.Retiring || worker.Connection.IsDead)
                {
                    continue;
                }

                var rss = residentKb(worker.ProcessId);
                if (rss > limitKb)
                {
                    worker.Retiring = true;
                    worker.RetireReason = RetireReasons.Memory;
                    retired++;
                    Log.RetiringForMemory(_logger, worker.Slot, worker.ProcessId, rss / 1024, _options.MaxMemoryMb);
                    if (worker.InFlight == 0)
                    {
                        idle.Add(worker);
                    }
                }
            }
        }

        foreach (var worker in idle)
        {
            worker.RequestRetire();
        }

        return retired;
    }
}
