using Dispatch.Pipeline.Sessions;
using Dispatch.Tests.Fakes;

namespace Dispatch.Tests.Pipeline;

/// <summary>
/// The dispatch step's own bounds, on a pool without a watchdog (<see cref="WorkerBackend.InMemory"/>), so that nothing
/// but the dispatcher ends a hung event: its Polly timeout (the outer bound of every dispatch) and the shutdown that
/// gives up on events still on a worker.
/// </summary>
public sealed class DispatcherOuterBoundTests
{
    [Fact]
    public async Task HungEvent_OnAPoolThatNeverGivesUp_EndsAtThePollyBound_AsWorkerTimeout_AndTheLaneGoesOn()
    {
        // Outer bound = EventTimeout x (PipelineDepth + 1) + UnavailableTimeout = 0.6 s.
        await using var harness = await PipelineHarness.StartAsync(
            PipelineHarness.AcceptThen(frame => frame.Data == "hang" ? FakeWorkerAction.Hang : FakeWorkerAction.Echo),
            new Dictionary<string, string?>
            {
                ["Pipeline:EventTimeout"] = "00:00:00.200",
                ["Workers:PipelineDepth"] = "1",
                ["Workers:UnavailableTimeout"] = "00:00:00.200",
            },
            WorkerBackend.InMemory);
        var connection = await harness.ConnectAsync("c1");

        await connection.SendAsync("hang");
        await connection.SendAsync("after");

        var frames = await connection.Client.WaitForFramesAsync(2);
        ErrorFrame.AssertIs("worker_timeout", frames[0]);
        Assert.Equal("after", frames[1]);

        // The timeout cancelled the call the pool held (the real pool kills that worker).
        Assert.Equal(1, harness.MemoryPool!.Killed);
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

        // The event timeout is 30 s: only the drain timeout can end this event.
        var pipeline = Assert.IsType<EventPipeline>(harness.Pipeline);
        await pipeline.DisposeAsync().AsTask().WaitAsync(PipelineHarness.Patience);

        ErrorFrame.AssertIs("worker_unavailable", (await connection.Client.WaitForFramesAsync(1))[0]);
        Assert.Equal(1, harness.MemoryPool!.Killed);
    }
}
