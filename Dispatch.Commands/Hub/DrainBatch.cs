using System.Buffers;

namespace Dispatch.Commands.Hub;

/// <summary>
/// The socket writes a large fan-out owes its members, run on the thread pool in a few chunks. Every frame is already
/// on its member's queue in order, so where and when a drain runs cannot reorder anything; the publisher's lane
/// moves on to its next event instead of waiting for a thousand writes, and both cores share the writing.
/// </summary>
internal sealed class DrainBatch : IThreadPoolWorkItem
{
    /// <summary>Fewer owed drains than this are not worth a second chunk.</summary>
    private const int MinChunk = 64;

    private readonly IClientConnection[] _owed;
    private readonly int _start;
    private readonly int _end;
    private readonly Shared _shared;

    private DrainBatch(IClientConnection[] owed, int start, int end, Shared shared)
    {
        _owed = owed;
        _start = start;
        _end = end;
        _shared = shared;
    }

    /// <summary>Schedules the drains of <paramref name="owed"/>[0..count) and takes ownership of the rented array.</summary>
    public static void Schedule(IClientConnection[] owed, int count)
    {
        if (count == 0)
        {
            ArrayPool<IClientConnection>.Shared.Return(owed, clearArray: true);
            return;
        }

        var chunks = Math.Clamp(count / MinChunk, 1, Environment.ProcessorCount);
        var shared = new Shared(chunks);
        var size = (count + chunks - 1) / chunks;
        for (var start = 0; start < count; start += size)
        {
            ThreadPool.UnsafeQueueUserWorkItem(new DrainBatch(owed, start, Math.Min(count, start + size), shared), preferLocal: false);
        }
    }

    public void Execute()
    {
        for (var i = _start; i < _end; i++)
        {
            try
            {
                _owed[i].Drain();
            }
            catch (Exception)
            {
                // Drain must not throw by contract (a failed write aborts that socket); one faulty member must not
                // strand the drains after it in this chunk.
            }
        }

        if (Interlocked.Decrement(ref _shared.Pending) == 0)
        {
            ArrayPool<IClientConnection>.Shared.Return(_owed, clearArray: true);
        }
    }

    private sealed class Shared(int pending)
    {
        public int Pending = pending;
    }
}
