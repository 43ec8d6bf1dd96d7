using Dispatch.Commands.Hub;
using Dispatch.Service.Connections;

namespace Dispatch.Tests.Connections;

public sealed class SendQueueTests
{
    private static OutboundMessage Frame(string text) => new(System.Text.Encoding.UTF8.GetBytes(text), isBinary: false);

    [Fact]
    public void FullQueue_RefusesTheFrame_AndKeepsTheOnesBeforeItInOrder()
    {
        var queue = new SendQueue(2);
        var first = Frame("a");
        var second = Frame("b");

        Assert.Equal(SendOutcome.QueuedDrainOwed, queue.TryWrite(first));
        Assert.Equal(SendOutcome.Queued, queue.TryWrite(second));
        Assert.Equal(SendOutcome.Refused, queue.TryWrite(Frame("c")));
        Assert.Equal(2, queue.Count);

        Assert.Equal(SendQueueRead.Frame, queue.TryRead(out var read1));
        Assert.Equal(SendQueueRead.Frame, queue.TryRead(out var read2));
        Assert.Same(first, read1);
        Assert.Same(second, read2);
        Assert.Equal(SendQueueRead.Empty, queue.TryRead(out _));
    }

    [Fact]
    public void TheDrainerRole_IsOwedToTheFirstWriter_AndGivenBackOnlyByTheReadThatFindsTheQueueEmpty()
    {
        var queue = new SendQueue(4);
        Assert.Equal(SendOutcome.QueuedDrainOwed, queue.TryWrite(Frame("a")));
        Assert.False(queue.TryClaimDrain());

        Assert.Equal(SendQueueRead.Frame, queue.TryRead(out _));
        Assert.Equal(SendOutcome.Queued, queue.TryWrite(Frame("b")));
        Assert.Equal(SendQueueRead.Frame, queue.TryRead(out _));
        Assert.Equal(SendQueueRead.Empty, queue.TryRead(out _));

        Assert.Equal(SendOutcome.QueuedDrainOwed, queue.TryWrite(Frame("c")));
        Assert.Equal(SendQueueRead.Frame, queue.TryRead(out _));
        Assert.Equal(SendQueueRead.Empty, queue.TryRead(out _));
        Assert.True(queue.TryClaimDrain());
        Assert.False(queue.TryClaimDrain());
    }

    [Fact]
    public void CompletedQueue_RefusesWrites_HandsOutWhatWasQueued_ThenReportsCompletedAndKeepsTheRole()
    {
        var queue = new SendQueue(4);
        Assert.Equal(SendOutcome.QueuedDrainOwed, queue.TryWrite(Frame("a")));

        queue.Complete();

        Assert.Equal(SendOutcome.Refused, queue.TryWrite(Frame("b")));
        Assert.Equal(SendQueueRead.Frame, queue.TryRead(out _));
        Assert.Equal(SendQueueRead.Completed, queue.TryRead(out _));
        Assert.Equal(SendQueueRead.Completed, queue.TryRead(out _));
        Assert.False(queue.TryClaimDrain());
    }
}
