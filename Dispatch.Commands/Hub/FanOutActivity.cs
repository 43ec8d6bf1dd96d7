namespace Dispatch.Commands.Hub;

/// <summary>
/// Counts the socket writes that large fan-outs hand to the thread pool (see <see cref="DrainBatch"/>), so that a reader
/// sampling it can tell when fan-outs keep the gateway's threads busy (the worker supervisor shortens the PHP workers'
/// scheduling slice then). One interlocked add per fan-out, not per member.
/// </summary>
public sealed class FanOutActivity
{
    private long _deferredWrites;

    /// <summary>Deferred socket writes since start.</summary>
    public long DeferredWrites => Volatile.Read(ref _deferredWrites);

    internal void Add(int writes) => Interlocked.Add(ref _deferredWrites, writes);
}
