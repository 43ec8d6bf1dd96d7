using Dispatch.Pipeline.Sessions;

namespace Dispatch.Tests.Pipeline;

public sealed class PerConnectionQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private static InboundMessage Message(byte tag) => new(new[] { tag }, IsBinary: false);

    [Fact]
    public async Task FullQueue_RefusesTryWrite_AndWriteAsyncWaitsForARead()
    {
        var queue = new PerConnectionQueue(2);
        Assert.True(queue.TryWrite(Message(1)));
        Assert.True(queue.TryWrite(Message(2)));
        Assert.False(queue.TryWrite(Message(3)));

        var waiting = queue.WriteAsync(Message(3), CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);

        Assert.True(queue.TryRead(out var first));
        Assert.True(await waiting.WaitAsync(Patience));
        Assert.Equal(1, first.Payload.Span[0]);
        Assert.True(queue.TryRead(out var second));
        Assert.True(queue.TryRead(out var third));
        Assert.Equal([2, 3], new[] { second.Payload.Span[0], third.Payload.Span[0] });
        Assert.False(queue.TryRead(out _));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Complete_RefusesLaterWrites_AndReleasesAWaitingWriterWithFalse_ButKeepsQueuedMessages()
    {
        var queue = new PerConnectionQueue(1);
        Assert.True(queue.TryWrite(Message(1)));
        var waiting = queue.WriteAsync(Message(2), CancellationToken.None).AsTask();

        queue.Complete();

        Assert.False(await waiting.WaitAsync(Patience));
        Assert.False(queue.TryWrite(Message(3)));
        Assert.False(await queue.WriteAsync(Message(4), CancellationToken.None));
        Assert.True(queue.TryRead(out var queued));
        Assert.Equal(1, queued.Payload.Span[0]);
        Assert.False(queue.TryRead(out _));
    }

    [Fact]
    public async Task WaitingWriter_IsCancelledByItsToken_AndDoesNotEnqueue()
    {
        var queue = new PerConnectionQueue(1);
        Assert.True(queue.TryWrite(Message(1)));
        using var cancel = new CancellationTokenSource();
        var waiting = queue.WriteAsync(Message(2), cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
        Assert.True(queue.TryRead(out _));
        Assert.False(queue.TryRead(out _));
    }
}
