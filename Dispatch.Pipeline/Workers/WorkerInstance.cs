namespace Dispatch.Pipeline.Workers;

/// <summary>
/// One running worker: its process and its connection. The supervisor creates it and watches <see cref="Ended"/>;
/// the pool hands it events. The counters below are owned by <see cref="WorkerPool"/> and changed under its lock.
/// </summary>
internal sealed class WorkerInstance
{
    private readonly TaskCompletionSource _retire = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _eventsHandled;
    private int _killed;

    public WorkerInstance(int slot, string socketPath, IWorkerProcess process, WorkerConnection connection, long startedTimestamp, CrashRecord? crash = null)
    {
        Crash = crash ?? new CrashRecord();
        Slot = slot;
        SocketPath = socketPath;
        Process = process;
        Connection = connection;
        StartedTimestamp = startedTimestamp;
    }

    public int Slot { get; }

    public string SocketPath { get; }

    /// <summary>Filled in by the supervisor when the connection fails.</summary>
    public CrashRecord Crash { get; }

    public int ProcessId => Process.ProcessId;

    public IWorkerProcess Process { get; }

    public WorkerConnection Connection { get; }

    public long StartedTimestamp { get; }

    /// <summary>Events on this worker now (pool lock).</summary>
    public int InFlight { get; set; }

    /// <summary>Events ever given to this worker, counted against <c>MaxJobs</c> (pool lock).</summary>
    public long Assigned { get; set; }

    /// <summary>Reached <c>MaxJobs</c>: gets no new work; replaced once idle (pool lock).</summary>
    public bool Retiring { get; set; }

    /// <summary>Why it is retiring (a <see cref="RetireReasons"/> value), for the recycle metric (pool lock).</summary>
    public string RetireReason { get; set; } = RetireReasons.MaxJobs;

    public long EventsHandled => Interlocked.Read(ref _eventsHandled);

    /// <summary>True after <see cref="Kill"/>: the worker hung and is never reused.</summary>
    public bool Killed => Volatile.Read(ref _killed) != 0;

    /// <summary>Completes when the pool has drained a retiring worker; the supervisor then replaces it.</summary>
    public Task Retired => _retire.Task;

    /// <summary>Completes when the worker is gone or should go: connection dead, process exited, or retired.</summary>
    public Task Ended => Task.WhenAny(Connection.Closed, Process.Exited, Retired);

    public void CountHandled() => Interlocked.Increment(ref _eventsHandled);

    public void RequestRetire() => _retire.TrySetResult();

    /// <summary>The head request the timeout watchdog last saw, and when it first saw it (pool watchdog only).</summary>
    public object? WatchedHead { get; set; }

    public long WatchedSince { get; set; }

    /// <summary>SIGKILLs the process and kills the connection: the head event fails with <paramref name="failure"/>,
    /// in-flight events behind it come back NotStarted.</summary>
    public void Kill(string reason, WorkerFailure failure = WorkerFailure.Crashed)
    {
        // The process dies first, so whoever sees the failed event sees a dead worker, never a live one; the failure is
        // announced before, so the dying process's EOF cannot turn a timeout into a crash.
        Interlocked.Exchange(ref _killed, 1);
        Connection.ExpectFailure(failure);
        Process.Kill();
        Connection.Abort(failure, reason);
    }
}
