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

        Assert.True(queue.TryWrite(first));
        Assert.True(queue.TryWrite(second));
        Assert.False(queue.TryWrite(Frame("c")));
        Assert.Equal(2, queue.Count);

        Assert.True(queue.TryRead(out var read1));
        Assert.True(queue.TryRead(out var read2));
        Assert.Same(first, read1);
        Assert.Same(second, read2);
        Assert.False(queue.TryRead(out _));
    }

    [Fact]
    public void CompletedQueue_RefusesWrites_AndIsCompletedOnlyOnceDrained()
    {
        var queue = new SendQueue(4);
        Assert.False(queue.IsCompleted);
        Assert.True(queue.TryWrite(Frame("a")));

        queue.Complete();

        Assert.False(queue.TryWrite(Frame("b")));
        Assert.False(queue.IsCompleted);
        Assert.True(queue.TryRead(out _));
        Assert.True(queue.IsCompleted);
    }
}
