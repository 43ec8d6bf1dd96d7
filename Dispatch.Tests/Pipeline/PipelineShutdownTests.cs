using Dispatch.Pipeline.Sessions;
using Dispatch.Tests.Fakes;

namespace Dispatch.Tests.Pipeline;

public sealed class PipelineShutdownTests
{
    [Fact]
    public async Task CompletedPipeline_AnswersOpens503_FailsMessagesAsUnavailable_AndStillUnregistersOnClose()
    {
        await using var harness = await PipelineHarness.StartAsync(PipelineHarness.AcceptThen(_ => FakeWorkerAction.Echo));
        var connection = await harness.ConnectAsync("c1");
        var pipeline = Assert.IsType<EventPipeline>(harness.Pipeline);

        pipeline.Complete();
        await pipeline.Completion.WaitAsync(PipelineHarness.Patience);

        var open = await harness.Pipeline.OpenAsync(PipelineHarness.Descriptor("late"), CancellationToken.None);
        Assert.Equal(OpenStatus.Unavailable, open.Status);
        Assert.Equal(503, open.HttpStatus);

        await connection.SendAsync("after shutdown");
        ErrorFrame.AssertIs("worker_unavailable", (await connection.Client.WaitForFramesAsync(1))[0]);

        await connection.Session.CloseAsync(1001, "server shutting down").WaitAsync(PipelineHarness.Patience);
        Assert.False(harness.Hub.TryGetConnection("c1", out _));
        await harness.Pipeline.DrainAsync(CancellationToken.None).WaitAsync(PipelineHarness.Patience);
    }

    [Fact]
    public async Task Shutdown_GivingUpOnAHungEvent_FailsItAsWorkerUnavailable()
    {
        var hanging = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await PipelineHarness.StartAsync(
            PipelineHarness.AcceptThen(_ => FakeWorkerAction.Defer(_ =>
            {
                hanging.TrySetResult();
                return Task.FromResult(FakeWorkerAction.Hang);
            })),
            new Dictionary<string, string?> { ["Pipeline:DrainTimeout"] = "00:00:00.200" },
            WorkerBackend.InMemory);
        var connection = await harness.ConnectAsync("c1");
        await connection.SendAsync("hang");
        await hanging.Task.WaitAsync(PipelineHarness.Patience);

        // The event timeout is 30 s and this pool has no watchdog: only the drain timeout can end this event.
        var pipeline = Assert.IsType<EventPipeline>(harness.Pipeline);
        await pipeline.DisposeAsync().AsTask().WaitAsync(PipelineHarness.Patience);

        ErrorFrame.AssertIs("worker_unavailable", (await connection.Client.WaitForFramesAsync(1))[0]);
        Assert.Equal(1, harness.MemoryPool!.Killed);
    }
}
