using System.Buffers;
using Dispatch.Commands.Hub;
using Dispatch.Tests.Commands.Fakes;

namespace Dispatch.Tests.Commands;

/// <summary>
/// A large fan-out's drains run a slice per turn and then queue again behind whatever was queued meanwhile, so the
/// publisher's next hop (and the sends the drains queued) never wait for a thousand writes. The queue here is a plain
/// first-in, first-out queue run by hand, like the thread pool's global queue.
/// </summary>
public sealed class DrainBatchTests
{
    [Fact]
    public void EachTurn_DrainsOneSlice_AndWorkQueuedMeanwhile_RunsBeforeTheNextSlice()
    {
        var queue = new Queue<IThreadPoolWorkItem>();
        var other = new RecordingItem();

        // The first member's write queues something (as a socket send or the publisher's reply would be queued).
        var first = new QueueingClient(() => queue.Enqueue(other));
        var members = Owing(DrainBatch.Slice * 3 + 5);
        IClientConnection[] all = [first, .. members];
        var owed = ArrayPool<IClientConnection>.Shared.Rent(all.Length);
        all.CopyTo(owed, 0);
        DrainBatch.Schedule(owed, all.Length, queue.Enqueue);

        // Fewer than two chunks' worth: one chunk.
        var chunk = Assert.Single(queue);
        queue.Dequeue().Execute();
        Assert.Equal(DrainBatch.Slice - 1, members.Count(m => m.Drains == 1));

        // What the slice queued runs next; the chunk's next turn waits behind it.
        Assert.Equal([other, chunk], queue);
        queue.Dequeue().Execute();
        Assert.True(other.Ran);
        Assert.Equal(DrainBatch.Slice - 1, members.Count(m => m.Drains == 1));

        var turns = 1;
        while (queue.TryDequeue(out var item))
        {
            Assert.Same(chunk, item);
            item.Execute();
            turns++;
        }

        Assert.Equal(4, turns);
        Assert.Equal(1, first.Drains);
        Assert.All(members, m => Assert.Equal(1, m.Drains));
        Assert.All(members, m => Assert.Equal(["x"], m.Written));
    }

    [Fact]
    public void ChunksOfALargeFanOut_EachDrainTheirOwnMembers_ExactlyOnce()
    {
        var members = Owing(1000);
        var queue = new Queue<IThreadPoolWorkItem>();
        DrainBatch.Schedule(Rented(members), members.Length, queue.Enqueue);

        var chunks = queue.Count;
        Assert.Equal(Math.Clamp(1000 / 64, 1, Environment.ProcessorCount), chunks);
        var turns = 0;
        while (queue.TryDequeue(out var item))
        {
            var before = members.Sum(m => m.Drains);
            item.Execute();
            Assert.InRange(members.Sum(m => m.Drains) - before, 1, DrainBatch.Slice);
            turns++;
        }

        Assert.True(turns >= 1000 / DrainBatch.Slice, $"{turns} turns");
        Assert.All(members, m => Assert.Equal(1, m.Drains));
    }

    [Fact]
    public void NothingOwed_QueuesNothing()
    {
        var queue = new Queue<IThreadPoolWorkItem>();
        DrainBatch.Schedule(ArrayPool<IClientConnection>.Shared.Rent(4), 0, queue.Enqueue);
        Assert.Empty(queue);
    }

    private static DrainingClient[] Owing(int count)
    {
        var members = Enumerable.Range(0, count).Select(i => new DrainingClient("c" + i, expected: 1)).ToArray();
        foreach (var member in members)
        {
            Assert.Equal(SendOutcome.QueuedDrainOwed, member.Enqueue(OutboundMessage.Text("x")));
        }

        return members;
    }

    private static IClientConnection[] Rented(DrainingClient[] members)
    {
        var owed = ArrayPool<IClientConnection>.Shared.Rent(members.Length);
        members.CopyTo(owed, 0);
        return owed;
    }

    private sealed class RecordingItem : IThreadPoolWorkItem
    {
        public bool Ran { get; private set; }

        public void Execute() => Ran = true;
    }

    private sealed class QueueingClient(Action onDrain) : IClientConnection
    {
        public string Id => "queueing";

        public int Drains { get; private set; }

        public bool TrySend(OutboundMessage message) => true;

        public void Drain()
        {
            Drains++;
            onDrain();
        }

        public void Close(int code, string reason)
        {
        }
    }
}
