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
    /// <summary>Ends a regression that stops a chunk advancing instead of hanging the test.</summary>
    private const int MaxTurns = 10_000;

    [Fact]
    public void EachTurn_DrainsOneSlice_AndWorkQueuedMeanwhile_RunsBeforeTheNextSlice()
    {
        var queue = new Queue<IThreadPoolWorkItem>();
        var other = new RecordingWorkItem();

        // The first member's write queues something (as a socket send or the publisher's reply would be queued).
        var first = new CallbackDrainClient(() => queue.Enqueue(other));
        var members = Owing(DrainBatch.Slice * 3 + 5);
        var owed = new IClientConnection[1024];
        owed[0] = first;
        members.CopyTo(owed, 1);
        DrainBatch.Schedule(owed, members.Length + 1, queue.Enqueue, processors: 2);

        // Fewer than two chunks' worth: one chunk.
        var chunk = Assert.Single(queue);
        queue.Dequeue().Execute();
        Assert.Equal(DrainBatch.Slice - 1, members.Count(m => m.Drains == 1));

        // What the slice queued runs next; the chunk's next turn waits behind it.
        Assert.Equal([other, chunk], queue);
        queue.Dequeue().Execute();
        Assert.True(other.Ran);
        Assert.Equal(DrainBatch.Slice - 1, members.Count(m => m.Drains == 1));

        var turns = 1 + RunAll(queue, owed, members.Length + 1, item => Assert.Same(chunk, item));
        Assert.Equal(4, turns);
        Assert.Equal(1, first.Drains);
        Assert.All(members, m => Assert.Equal(1, m.Drains));
        Assert.All(members, m => Assert.Equal(["x"], m.Written));
    }

    [Theory]
    [InlineData(1000, 1)]
    [InlineData(1000, 2)]
    [InlineData(1000, 4)]
    [InlineData(6500, 128)]
    public void EveryMember_IsDrainedOnce_InSlices_AndTheArrayGoesBackAfterTheLastTurn(int count, int processors)
    {
        var members = Owing(count);
        var owed = new IClientConnection[8192];
        members.CopyTo(owed, 0);
        var queue = new Queue<IThreadPoolWorkItem>();
        DrainBatch.Schedule(owed, count, queue.Enqueue, processors);

        // One chunk per processor at most, and one for fewer than two chunks' worth of members.
        Assert.InRange(queue.Count, 1, Math.Min(processors, Math.Max(1, count / DrainBatch.MinChunk)));
        var turns = RunAll(queue, owed, count, static _ => { });

        Assert.True(turns >= count / DrainBatch.Slice, $"{turns} turns");
        Assert.All(members, m => Assert.Equal(1, m.Drains));

        // Returned to the pool with clearArray, so the owed slots read null once the last chunk finished.
        Assert.All(owed.Take(count), slot => Assert.Null(slot));
    }

    [Fact]
    public void NothingOwed_QueuesNothing()
    {
        var queue = new Queue<IThreadPoolWorkItem>();
        DrainBatch.Schedule(new IClientConnection[16], 0, queue.Enqueue, processors: 2);
        Assert.Empty(queue);
    }

    /// <summary>Runs the queue dry, checking each turn drains 1..Slice members and the array is not returned early.</summary>
    private static int RunAll(Queue<IThreadPoolWorkItem> queue, IClientConnection[] owed, int count, Action<IThreadPoolWorkItem> check)
    {
        var turns = 0;
        while (queue.TryDequeue(out var item))
        {
            Assert.True(++turns <= MaxTurns, "the chunks never finished");
            check(item);
            var before = Drains(owed, count);
            item.Execute();
            if (queue.Count > 0)
            {
                Assert.DoesNotContain(null, owed.Take(count));
                Assert.InRange(Drains(owed, count) - before, 1, DrainBatch.Slice);
            }
        }

        return turns;
    }

    private static int Drains(IClientConnection[] owed, int count) =>
        owed.Take(count).Sum(static c => c switch
        {
            DrainingClient d => d.Drains,
            CallbackDrainClient q => q.Drains,
            _ => 0,
        });

    private static DrainingClient[] Owing(int count)
    {
        var members = Enumerable.Range(0, count).Select(i => new DrainingClient("c" + i, expected: 1)).ToArray();
        foreach (var member in members)
        {
            Assert.Equal(SendOutcome.QueuedDrainOwed, member.Enqueue(OutboundMessage.Text("x")));
        }

        return members;
    }
}
