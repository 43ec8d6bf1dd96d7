using Dispatch.Commands.Hub;

namespace Dispatch.Service.Connections;

/// <summary>
/// A connection's bounded queue of outbound frames: any thread adds without waiting (a full queue says so instead),
/// one drainer at a time takes them in order. Once completed it takes nothing more and reports completion when empty.
/// </summary>
/// <remarks>
/// Not a <c>Channel</c>: a bounded channel allocates about 650 bytes up front (buffer, reader, writer, cached waiter
/// objects) that nobody waits on here, and every idle connection has a send queue. This one allocates its buffer with
/// the first frame.
/// </remarks>
internal sealed class SendQueue(int capacity)
{
    private readonly Lock _gate = new();
    private Queue<OutboundMessage>? _items;
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

    /// <summary>True once completed and drained: nothing queued will ever be sent again.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_gate)
            {
                return _completed && (_items?.Count ?? 0) == 0;
            }
        }
    }

    /// <summary>False when the queue is full or completed.</summary>
    public bool TryWrite(OutboundMessage message)
    {
        lock (_gate)
        {
            if (_completed || (_items?.Count ?? 0) >= capacity)
            {
                return false;
            }

            (_items ??= new Queue<OutboundMessage>()).Enqueue(message);
            return true;
        }
    }

    public bool TryRead(out OutboundMessage message)
    {
        lock (_gate)
        {
            if (_items is not null && _items.TryDequeue(out var item))
            {
                message = item;
                return true;
            }
        }

        message = null!;
        return false;
    }

    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
        }
    }
}
