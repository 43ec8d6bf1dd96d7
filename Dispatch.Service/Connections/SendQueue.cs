using Dispatch.Commands.Hub;

namespace Dispatch.Service.Connections;

/// <summary>
/// A connection's bounded queue of outbound frames, which also owns the drainer role: any thread adds without waiting
/// (a full queue says so instead) and learns in the same lock whether it must start the drain; the one drainer takes
/// frames in order and gives the role back in the same lock that finds the queue empty. Once completed it takes nothing
/// more, and the drainer that empties it keeps the role for good (the close frame is the last thing sent).
/// </summary>
/// <remarks>
/// Not a <c>Channel</c>: a bounded channel allocates about 650 bytes up front (buffer, reader, writer, cached waiter
/// objects) that nobody waits on here, and every idle connection has a send queue. This one allocates its buffer with
/// the first frame. One lock per write and one per read (plus the read that finds it empty), because a broadcast
/// writes through here once per member: the drain flag used to be a separate interlocked field, re-checked against
/// the queue with two more locks per frame.
/// </remarks>
internal sealed class SendQueue(int capacity)
{
    private readonly Lock _gate = new();
    private Queue<OutboundMessage>? _items;
    private bool _completed;
    private bool _draining;

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

    /// <summary>
    /// Queues a frame. <see cref="SendOutcome.QueuedDrainOwed"/>: nobody was draining, and the caller now holds the
    /// drainer role. <see cref="SendOutcome.Refused"/>: the queue is full or completed.
    /// </summary>
    public SendOutcome TryWrite(OutboundMessage message)
    {
        lock (_gate)
        {
            if (_completed || (_items?.Count ?? 0) >= capacity)
            {
                return SendOutcome.Refused;
            }

            (_items ??= new Queue<OutboundMessage>()).Enqueue(message);
            if (_draining)
            {
                return SendOutcome.Queued;
            }

            _draining = true;
            return SendOutcome.QueuedDrainOwed;
        }
    }

    /// <summary>Refuses every later write; the drainer still gets what is queued, then <see cref="SendQueueRead.Completed"/>.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
        }
    }

    /// <summary>Takes the drainer role without writing (to send the close); false when someone already has it.</summary>
    public bool TryClaimDrain()
    {
        lock (_gate)
        {
            if (_draining)
            {
                return false;
            }

            _draining = true;
            return true;
        }
    }

    /// <summary>
    /// The drainer's read. <see cref="SendQueueRead.Empty"/> gives the role back (a later write claims it again);
    /// <see cref="SendQueueRead.Completed"/> keeps it for good.
    /// </summary>
    public SendQueueRead TryRead(out OutboundMessage message)
    {
        lock (_gate)
        {
            if (_items is not null && _items.TryDequeue(out var item))
            {
                message = item;
                return SendQueueRead.Frame;
            }

            message = null!;
            if (_completed)
            {
                return SendQueueRead.Completed;
            }

            _draining = false;
            return SendQueueRead.Empty;
        }
    }
}
