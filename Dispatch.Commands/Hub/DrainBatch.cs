using System.Buffers;

namespace Dispatch.Commands.Hub;

/// <summary>
/// The socket writes a large fan-out owes its members, run on the thread pool in a few chunks. Every frame is already
/// on its member's queue in order, so where and when a drain runs cannot reorder anything; the publisher's lane
/// moves on to its next event instead of waiting for a thousand writes, and both cores share the writing.
/// </summary>
/// <remarks>
/// A chunk runs <see cref="Slice"/> drains per turn and then goes to the back of the thread pool's queue. Run to its
/// end, a chunk of 500 drains held a thread for about 3 ms, and everything queued behind it waited: the Kestrel sends
/// those drains had just queued, and the next hop of the publisher's own event (its reply, its apply), whose lane
/// runs one event at a time. At 200 publishes/s to 1,000 subscribers those waits made each publish take longer than
/// 5 ms, and the publisher fell seconds behind with the server's CPU to spare.
/// </remarks>
internal sealed class DrainBatch : IThreadPoolWorkItem
{
    /// <summary>Fewer owed drains than this are not worth a second chunk.</summary>
    internal const int MinChunk = 64;

    /// <summary>Drains per turn on a thread-pool thread: about 100 µs of socket writes.</summary>
    internal const int Slice = 16;

    private readonly IClientConnection[] _owed;
    private readonly int _end;
    private readonly Shared _shared;
    private int _next;

    private DrainBatch(IClientConnection[] owed, int start, int end, Shared shared)
    {
        _owed = owed;
        _next = start;
        _end = end;
        _shared = shared;
    }

    /// <summary>Schedules the drains of <paramref name="owed"/>[0..count) and takes ownership of the rented array.</summary>
    public static void Schedule(IClientConnection[] owed, int count) =>
        Schedule(owed, count, QueueOnThreadPool, Environment.ProcessorCount);

    /// <summary>
    /// As <see cref="Schedule(IClientConnection[], int)"/>, with every turn of a chunk handed to <paramref name="queue"/>
    /// and at most one chunk per processor of <paramref name="processors"/>.
    /// </summary>
    internal static void Schedule(IClientConnection[] owed, int count, Action<IThreadPoolWorkItem> queue, int processors)
    {
        if (count == 0)
        {
            ArrayPool<IClientConnection>.Shared.Return(owed, clearArray: true);
            return;
        }

        var asked = Math.Clamp(count / MinChunk, 1, Math.Max(1, processors));
        var size = (count + asked - 1) / asked;

        // Counted from the size: rounding the size up can leave fewer chunks than asked for (6,500 owed on 128
        // processors: 101 asked, 100 of 65), and a count above the chunks queued would never return the array.
        var chunks = (count + size - 1) / size;
        var shared = new Shared(chunks, queue);
        for (var start = 0; start < count; start += size)
        {
            queue(new DrainBatch(owed, start, Math.Min(count, start + size), shared));
        }
    }

    public void Execute()
    {
        var stop = Math.Min(_end, _next + Slice);
        for (var i = _next; i < stop; i++)
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

        _next = stop;
        if (stop < _end)
        {
            // Back of the queue: what was queued meanwhile runs first.
            _shared.Queue(this);
            return;
        }

        if (Interlocked.Decrement(ref _shared.Pending) == 0)
        {
            ArrayPool<IClientConnection>.Shared.Return(_owed, clearArray: true);
        }
    }

    /// <summary>The thread pool's global queue, which is first in, first out.</summary>
    private static void QueueOnThreadPool(IThreadPoolWorkItem item) => ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal: false);

    private sealed class Shared(int pending, Action<IThreadPoolWorkItem> queue)
    {
        public int Pending = pending;

        public Action<IThreadPoolWorkItem> Queue { get; } = queue;
    }
}
