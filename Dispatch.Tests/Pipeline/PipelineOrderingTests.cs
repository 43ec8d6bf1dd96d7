using Dispatch.Tests.Fakes;

namespace Dispatch.Tests.Pipeline;

public sealed class PipelineOrderingTests
{
    [Fact]
    public async Task ManyConnections_EachReceivesItsOwnMessagesInOrder_OneInFlightPerConnection()
    {
        const int connections = 200;
        const int messages = 50;
        var tracker = new InFlightTracker();
        await using var harness = await PipelineHarness.StartAsync(tracker.Wrap(PipelineHarness.AcceptThen(_ => FakeWorkerAction.Echo)));

        var opened = await Task.WhenAll(Enumerable.Range(0, connections).Select(i => harness.ConnectAsync($"c{i}")));
        await Task.WhenAll(opened.Select(async connection =>
        {
            for (var m = 0; m < messages; m++)
            {
                await connection.SendAsync($"{connection.Id}:{m}");
            }
        }));

        foreach (var connection in opened)
        {
            var frames = await connection.Client.WaitForFramesAsync(messages);
            Assert.Equal(Enumerable.Range(0, messages).Select(m => $"{connection.Id}:{m}"), frames);
        }

        Assert.Equal(0, tracker.Violations);
        Assert.Equal(connections * (messages + 1), harness.Metrics.EventsApplied);
        Assert.Equal(0, harness.Metrics.EventsFailed);
    }

    [Fact]
    public async Task SecondEventOfAConnection_WaitsForTheFirstToBeAnswered_WhileOtherConnectionsProceed()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await PipelineHarness.StartAsync(PipelineHarness.AcceptThen(frame =>
            frame.Data == "hold" ? FakeWorkerAction.After(release.Task) : FakeWorkerAction.Echo));
        var a = await harness.ConnectAsync("a");
        var b = await harness.ConnectAsync("b");

        await a.SendAsync("hold");
        await a.SendAsync("second");
        await b.SendAsync("other");
        await b.Client.WaitForFramesAsync(1);

        // b's event went through a free worker; a's second event is still queued behind the held one.
        Assert.DoesNotContain(harness.WorkerFrames, f => f.Id == "a" && f.Data == "second");

        release.SetResult();
        Assert.Equal(["hold", "second"], await a.Client.WaitForFramesAsync(2));
    }
}
