using Dispatch.Pipeline.Workers;

namespace Dispatch.Tests.Workers;

public sealed class CancelableReplyTests
{
    [Fact]
    public async Task TokenFiresFirst_TheReplyEndsCancelled_AndALateAnswerIsRefused()
    {
        using var cts = new CancellationTokenSource();
        var reply = new CancelableReply(cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reply.Task);
        Assert.False(reply.TryComplete(ConnectionResult.NotStarted));
    }

    [Fact]
    public async Task AnswerFirst_TheReplyKeepsIt_WhenTheTokenFiresAfterwards()
    {
        using var cts = new CancellationTokenSource();
        var reply = new CancelableReply(cts.Token);

        Assert.True(reply.TryComplete(ConnectionResult.NotStarted));
        await cts.CancelAsync();

        Assert.True(reply.Task.IsCompletedSuccessfully);
        Assert.Equal(ConnectionOutcome.NotStarted, (await reply.Task).Outcome);
    }

    [Fact]
    public async Task TokenAlreadyCancelled_TheReplyIsCancelledAtOnce()
    {
        var reply = new CancelableReply(new CancellationToken(canceled: true));

        Assert.True(reply.Task.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reply.Task);
    }

    [Fact]
    public void UncancelableToken_OnlyTheAnswerCompletesIt()
    {
        var reply = new CancelableReply(CancellationToken.None);

        Assert.False(reply.Task.IsCompleted);
        Assert.True(reply.TryComplete(ConnectionResult.NotStarted));
        Assert.True(reply.Task.IsCompletedSuccessfully);
    }
}
