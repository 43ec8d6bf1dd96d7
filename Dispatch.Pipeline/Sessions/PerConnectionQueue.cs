namespace Dispatch.Pipeline.Sessions;

/// <summary>
/// A connection's bounded message queue: writers wait while it is full (never drop), one reader (the lane's pump)
/// takes messages in arrival order. Completing it refuses every later write, including writes already waiting.
/// </summary>
/// <remarks>
/// Not a <c>Channel</c>: a bounded channel allocates about 700 bytes up front (its buffer, reader, writer and cached
/// waiter objects), and every idle connection has one of these. Here the buffer appears with the first message and
/// the wait for room is allocated only while the queue is full.
/// </remarks>
internal sealed class PerConnectionQueue(int capacity)
{
    private readonly Lock _gate = new();
    private Queue<InboundMessage>? _items;
    private TaskCompletionSource<bool>? _room;
    private bool _completed;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items?.Count ?? 0;
            }
        }
    }

    public bool TryWrite(InboundMessage message)
    {
        lock (_gate)
        {
            if (_completed || (_items?.Count ?? 0) >= capacity)
            {
                return false;
            }

            (_items ??= new Queue<InboundMessage>()).Enqueue(message);
            return true;
        }
    }

    /// <summary>Waits for room; false when the queue was completed (the connection is closing) instead.</summary>
    public async ValueTask<bool> WriteAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<bool> room;
            lock (_gate)
            {
                if (_completed)
                {
                    return false;
                }

                if ((_items?.Count ?? 0) < capacity)
                {
                    (_items ??= new Queue<InboundMessage>()).Enqueue(message);
                    return true;
                }

                room = (_room ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            if (!await room.WaitAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }
    }

    public bool TryRead(out InboundMessage message)
    {
        TaskCompletionSource<bool>? room;
        lock (_gate)
        {
            if (_items is null || !_items.TryDequeue(out message))
            {
                message = default;
                return false;
            }

            room = _room;
            _room = null;
        }

        // Outside the lock: the woken writers take it to enqueue.
        room?.TrySetResult(true);
        return true;
    }

    public void Complete()
    {
        TaskCompletionSource<bool>? room;
        lock (_gate)
        {
            _completed = true;
            room = _room;
            _room = null;
        }

        room?.TrySetResult(false);
    }
}
