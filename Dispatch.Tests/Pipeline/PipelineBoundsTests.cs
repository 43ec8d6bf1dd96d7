using Dispatch.Tests.Fakes;

namespace Dispatch.Tests.Pipeline;

public sealed class PipelineBoundsTests
{
    [Fact]
    public async Task FullConnectionQueue_MakesEnqueueWait_UntilTheWorkerMovesOn()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await PipelineHarness.StartAsync(
            PipelineHarness.AcceptThen(frame => frame.Data == "hold" ? FakeWorkerAction.After(release.Task) : FakeWorkerAction.Echo),
            new Dictionary<string, string?> { ["Pipeline:PerConnectionQueue"] = "2" });
        var connection = await harness.ConnectAsync("c1");

        await connection.SendAsync("hold");
        await connection.SendAsync("m1");
        await connection.SendAsync("m2");
        var blocked = connection.SendAsync("m3").AsTask();

        Assert.False(blocked.IsCompleted);
        release.SetResult();
        await blocked.WaitAsync(PipelineHarness.Patience);
        Assert.Equal(["hold", "m1", "m2", "m3"], await connection.Client.WaitForFramesAsync(4));
    }

    [Fact]
    public async Task FullGlobalQueue_StopsOtherLanes_WhoseQueuesThenFillAndWait()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await PipelineHarness.StartAsync(
            PipelineHarness.AcceptThen(frame => frame.Data == "hold" ? FakeWorkerAction.After(release.Task) : FakeWorkerAction.Echo),
            new Dictionary<string, string?>
            {
                ["Workers:Count"] = "1",
                ["Pipeline:GlobalQueue"] = "1",
                ["Pipeline:PerConnectionQueue"] = "1",
            });
        var a = await harness.ConnectAsync("a");
        var b = await harness.ConnectAsync("b");

        await a.SendAsync("hold");
        await b.SendAsync("b1");
        await b.SendAsync("b2");
        var blocked = b.SendAsync("b3").AsTask();

        Assert.False(blocked.IsCompleted);
        Assert.DoesNotContain(harness.WorkerFrames, f => f.Id == "b" && f.Event == "message");
        release.SetResult();
        await blocked.WaitAsync(PipelineHarness.Patience);
        Assert.Equal(["b1", "b2", "b3"], await b.Client.WaitForFramesAsync(3));
        Assert.Equal(["hold"], await a.Client.WaitForFramesAsync(1));
    }

    [Fact]
    public async Task IdleConnections_CostNoPump()
    {
        await using var harness = await PipelineHarness.StartAsync(PipelineHarness.AcceptThen(_ => FakeWorkerAction.Echo));
        var connections = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => harness.ConnectAsync($"c{i}")));

        // Lanes with nothing queued have no running task: a message still flows straight away when one arrives.
        await connections[7].SendAsync("wake");
        Assert.Equal(["wake"], await connections[7].Client.WaitForFramesAsync(1));
        Assert.Equal(50, harness.Pipeline.ActiveSessions);
    }
}
