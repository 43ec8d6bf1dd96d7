namespace Dispatch.Commands.Hub;

/// <summary>
/// Counts the frames that large fan-outs queue, the ones whose socket writes go to the thread pool (see
/// <see cref="DrainBatch"/>), so that a reader sampling it can tell when fan-outs keep the gateway's threads busy (the
/// worker supervisor shortens the PHP workers' scheduling slice then). One interlocked add per fan-out, not per member.
/// </summary>
public sealed class FanOutActivity
{
    private long _frames;

    /// <summary>Frames queued by large fan-outs since start.</summary>
    public long Frames => Volatile.Read(ref _frames);

    internal void Add(int frames) => Interlocked.Add(ref _frames, frames);
}
