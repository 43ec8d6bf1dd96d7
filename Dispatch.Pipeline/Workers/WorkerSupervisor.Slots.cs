using Log = Dispatch.Pipeline.Workers.WorkerSupervisorLog;

namespace Dispatch.Pipeline.Workers;

/// <summary>The restart loop of one worker slot: wait for its worker to end, replace it (with backoff after a crash).</summary>
public sealed partial class WorkerSupervisor
{
    private async Task RunSlotAsync(WorkerSlot slot, WorkerInstance worker, CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                await worker.Ended.WaitAsync(stopping).ConfigureAwait(false);
                _pool.Remove(worker);
                var recycled = worker.Retired.IsCompleted && !worker.Killed;
                var delay = await RetireOrBuryAsync(slot, worker, recycled).ConfigureAwait(false);
                slot.ClearCurrent();
                worker = await RestartAsync(slot, delay, stopping).ConfigureAwait(false);
                slot.SetCurrent(worker, restart: true);
                _pool.Add(worker);
                _metrics?.WorkerRestarted(recycled);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutdown: StopAsync closes the slot's current worker.
        }
        catch (Exception e)
        {
            Log.SlotFaulted(_logger, slot.Index, e);
        }
    }

    /// <summary>Retires a drained worker gracefully (no delay before its replacement), or cleans up after a crashed or
    /// killed one and returns the backoff before the next start.</summary>
    private async Task<TimeSpan> RetireOrBuryAsync(WorkerSlot slot, WorkerInstance worker, bool recycled)
    {
        if (recycled)
        {
            worker.Connection.CompleteWrites();
            try
            {
                await Task.WhenAll(worker.Process.Exited, worker.Connection.Closed).WaitAsync(_options.StopTimeout, _timeProvider).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Log.KilledOnStop(_logger, worker.Slot, worker.ProcessId, _options.StopTimeout.TotalMilliseconds);
            }

            Log.Recycled(_logger, worker.Slot, worker.ProcessId, worker.EventsHandled, worker.RetireReason);
            _metrics?.WorkerRecycled(worker.RetireReason);
            await DisposeWorkerAsync(worker).ConfigureAwait(false);
            return TimeSpan.Zero;
        }

        var reason = worker.Killed ? "was killed after an event timed out" : worker.Process.Exited.IsCompleted ? "exited" : "broke its connection";
        if (!worker.Killed)
        {
            // A worker that exited may have answered events just before: read those replies (up to EOF) before the
            // connection is torn down, or they would be failed or, worse, re-dispatched and run twice.
            await WaitQuietlyAsync(worker.Connection.Closed, ExitWait).ConfigureAwait(false);
        }

        // Never reuse it: whatever state it is in, it is killed and replaced. Killing fails the connection if it was
        // still open, which records the crash; otherwise the failure already did.
        worker.Kill(reason);
        int? exitCode = null;
        try
        {
            exitCode = await worker.Process.Exited.WaitAsync(ExitWait, _timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        var lastError = LastLine(worker.Process.RecentErrorOutput) ?? string.Empty;
        await DisposeWorkerAsync(worker).ConfigureAwait(false);
        var crash = await worker.Crash.Recorded.WaitAsync(_stopping.Token).ConfigureAwait(false);
        Log.Crashed(_logger, worker.Slot, worker.ProcessId, reason, exitCode, (long)crash.Uptime.TotalMilliseconds, (long)crash.Delay.TotalMilliseconds, lastError);
        if (crash.CrashLooping)
        {
            Log.CrashLoop(_logger, slot.Index, crash.RecentCrashes, _options.CrashLoopWindow.TotalSeconds, (long)crash.Delay.TotalMilliseconds, lastError);
        }

        return crash.Delay;
    }

    /// <summary>Counts a crash of one launch (runs once, when its connection fails; not during shutdown).</summary>
    private void RecordCrash(WorkerSlot slot, CrashRecord crash, long started)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        var uptime = _timeProvider.GetElapsedTime(started);
        var delay = slot.RecordCrash(_timeProvider.GetUtcNow(), uptime, out var crashLooping, out var crashes);
        crash.Set(delay, crashLooping, crashes, uptime);
    }

    /// <summary>Starts the slot's next worker after <paramref name="delay"/>; a failed start counts as a crash and is
    /// retried with backoff until shutdown.</summary>
    private async Task<WorkerInstance> RestartAsync(WorkerSlot slot, TimeSpan delay, CancellationToken stopping)
    {
        while (true)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _timeProvider, stopping).ConfigureAwait(false);
            }

            try
            {
                return await StartWorkerAsync(slot, stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                delay = slot.RecordCrash(_timeProvider.GetUtcNow(), TimeSpan.Zero, out var crashLooping, out var crashes);
                Log.RestartFailed(_logger, slot.Index, (long)delay.TotalMilliseconds, e.Message);
                if (crashLooping)
                {
                    Log.CrashLoop(_logger, slot.Index, crashes, _options.CrashLoopWindow.TotalSeconds, (long)delay.TotalMilliseconds, (e is WorkerStartException start ? LastLine(start.ErrorOutput) : null) ?? e.Message);
                }
            }
        }
    }

    private async Task WaitQuietlyAsync(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout, _timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }

    private static string? LastLine(IReadOnlyList<string> lines) => lines.Count == 0 ? null : lines[^1];
}
