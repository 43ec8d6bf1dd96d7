namespace Dispatch.Pipeline.Workers;

/// <summary>
/// The crash accounting of one worker launch, done once, synchronously, when its connection fails: before any caller
/// sees <see cref="WorkerFailure.Crashed"/>, so the crash-loop state is already current by then.
/// </summary>
internal sealed class CrashRecord
{
    private readonly TaskCompletionSource<CrashRecord> _recorded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with this record once the crash has been counted.</summary>
    public Task<CrashRecord> Recorded => _recorded.Task;

    public TimeSpan Delay { get; private set; }

    public bool CrashLooping { get; private set; }

    public int RecentCrashes { get; private set; }

    public TimeSpan Uptime { get; private set; }

    public void Set(TimeSpan delay, bool crashLooping, int recentCrashes, TimeSpan uptime)
    {
        Delay = delay;
        CrashLooping = crashLooping;
        RecentCrashes = recentCrashes;
        Uptime = uptime;
        _recorded.TrySetResult(this);
    }
}
