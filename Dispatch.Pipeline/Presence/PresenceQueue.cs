using Dispatch.Commands.Contract;
using Dispatch.Commands.Presence;

namespace Dispatch.Pipeline.Presence;

/// <summary>
/// One lane's presence events waiting to be dispatched, and the pairing state: the watched rooms whose join the worker
/// was (or will be) told of and whose leave not yet. A leave is queued only for such a room and removes it, so every
/// reported join is followed by exactly one reported leave; at the lane's close <see cref="Close"/> queues the leave
/// of every room still joined (cause <c>close</c>) and reports nothing after that.
/// </summary>
/// <remarks>
/// Bound: a join is queued only while fewer than <c>maxPending</c> events wait. Leaves are never refused (that would
/// break the pairing), but each pending leave pairs with a distinct join: either one still pending, or one already
/// dispatched, and of the latter there is at most one per room, all rooms the connection was in at once (FIFO: a
/// later join of the same room queues behind the leave). So at most <c>2 × maxPending + MaxRoomsPerConnection</c>
/// events wait, plus the close leaves (at most <c>MaxRoomsPerConnection</c>). Joins themselves come only from the
/// subject's own events, one in flight at a time, each with at most <c>MaxCommandsPerResponse</c> commands.
/// </remarks>
internal sealed class PresenceQueue
{
    private readonly Lock _gate = new();
    private readonly Queue<PresenceChange> _pending = new();
    private readonly HashSet<string> _joined = new(StringComparer.Ordinal);
    private readonly int _maxPending;
    private bool _closed;

    public PresenceQueue(int maxPending) => _maxPending = maxPending;

    /// <summary>A lane that closed before any presence change: reports nothing. Shared, immutable in effect.</summary>
    public static PresenceQueue ClosedLane { get; } = CreateClosed();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    public PresenceReport Add(PresenceChange change)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return PresenceReport.Closing;
            }

            if (change.Action == PresenceAction.Join)
            {
                // The hub reports only real changes, so the room cannot be in _joined already.
                if (_pending.Count >= _maxPending)
                {
                    return PresenceReport.QueueFull;
                }

                _joined.Add(change.Room);
            }
            else if (!_joined.Remove(change.Room))
            {
                return PresenceReport.Unpaired;
            }

            _pending.Enqueue(change);
            return PresenceReport.Queued;
        }
    }

    public bool TryDequeue(out PresenceChange change)
    {
        lock (_gate)
        {
            return _pending.TryDequeue(out change!);
        }
    }

    /// <summary>
    /// The lane is about to dispatch its close: queues a leave (cause <c>close</c>) for every room still joined, in
    /// ordinal order, behind what is pending, and reports nothing from now on. Each leave's snapshot is
    /// <paramref name="current"/> without the rooms left so far.
    /// </summary>
    /// <param name="current">The subject's snapshot, taken by the caller before this call: the hub calls
    /// <see cref="Add"/> under its lock, so this lock must never be held while taking the hub's.</param>
    public void Close(MetadataSnapshot current)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            if (_joined.Count == 0)
            {
                return;
            }

            var rooms = _joined.Order(StringComparer.Ordinal).ToArray();
            _joined.Clear();
            var remaining = current.Rooms.ToList();
            foreach (var room in rooms)
            {
                remaining.Remove(room);
                _pending.Enqueue(new PresenceChange(room, PresenceAction.Leave, PresenceCause.Close, Without(current, remaining)));
            }
        }
    }

    private static MetadataSnapshot Without(MetadataSnapshot snapshot, List<string> rooms) => new()
    {
        UserId = snapshot.UserId,
        Rooms = [.. rooms],
        Attrs = snapshot.Attrs,
        ConnectedAt = snapshot.ConnectedAt,
        RemoteAddr = snapshot.RemoteAddr,
        Path = snapshot.Path,
    };

    private static PresenceQueue CreateClosed()
    {
        var queue = new PresenceQueue(0);
        queue._closed = true;
        return queue;
    }
}
