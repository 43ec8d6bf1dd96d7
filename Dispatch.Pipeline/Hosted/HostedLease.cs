using Dispatch.Pipeline.Workers;

namespace Dispatch.Pipeline.Hosted;

/// <summary>
/// One worker held exclusively by one websocket (CONTRACT 5), from before its <c>open</c> until after its <c>close</c>.
/// The pool calls <see cref="OnWorkerLost"/> when the supervisor takes the worker away (it died or was killed).
/// </summary>
internal sealed class HostedLease
{
    private Action? _lost;
    private int _lostFlag;

    public HostedLease(WorkerInstance worker) => Worker = worker;

    public WorkerInstance Worker { get; }

    /// <summary>True once the worker is gone or must not be reused (crashed, hung, broke the protocol).</summary>
    public bool IsLost => Volatile.Read(ref _lostFlag) != 0 || Worker.Killed || Worker.Connection.IsDead;

    /// <summary>Runs <paramref name="onLost"/> when the worker is lost; at once if it already is.</summary>
    public void WhenLost(Action onLost)
    {
        Volatile.Write(ref _lost, onLost);
        if (IsLost)
        {
            Interlocked.Exchange(ref _lost, null)?.Invoke();
        }
    }

    /// <summary>The worker must not be reused: kills it, so the supervisor replaces it.</summary>
    public void Kill(string reason)
    {
        Volatile.Write(ref _lostFlag, 1);
        Worker.Kill(reason);
    }

    public void OnWorkerLost()
    {
        Volatile.Write(ref _lostFlag, 1);
        Interlocked.Exchange(ref _lost, null)?.Invoke();
    }
}
