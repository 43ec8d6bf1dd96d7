using Dispatch.Pipeline.Workers;
using Dispatch.Tests.Fakes;

namespace Dispatch.Tests.Workers;

/// <summary><see cref="IWorkerSupervisor.RequestRestart"/>: the MaxJobs recycling path, on demand.</summary>
public sealed class WorkerRestartTests
{
    private static readonly TimeSpan Patience = PoolHarness.Patience;

    [Fact]
    public async Task RequestRestart_BusyWorker_FinishesEveryEventInHand_ThenExitsCleanlyAndIsReplaced()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var launcher = new FakeWorkerLauncher { BehaviourFor = launch => launch == 1 ? _ => FakeWorkerAction.After(release.Task) : _ => FakeWorkerAction.Echo };
        await using var harness = new SupervisorHarness(launcher, o =>
        {
            o.Count = 1;
            o.PipelineDepth = 3;
        });
        await harness.StartAsync();
        var first = await harness.Fakes.WaitForLaunchAsync(1);
        var inHand = Enumerable.Range(0, 3).Select(i => harness.ExecuteAsync("c" + i)).ToList();
        await first.Worker!.WaitForFramesAsync(3);

        Assert.True(harness.Supervisor.RequestRestart(0));
        Assert.True(Assert.Single(harness.Supervisor.GetStatus()).Retiring);

        // Retiring: a new event waits for the replacement instead of joining the old worker's queue.
        var later = harness.ExecuteAsync("later");
        release.SetResult();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(PoolHarness.ExpectedEcho("c" + i), PoolHarness.Text(await inHand[i].WaitAsync(Patience)));
        }

        Assert.Equal(PoolHarness.ExpectedEcho("later"), PoolHarness.Text(await later.WaitAsync(Patience)));
        var second = await harness.Fakes.WaitForLaunchAsync(2);
        Assert.Equal(["later"], second.Worker!.Received.Select(f => f.Id));
        Assert.Equal(FakeWorker.CleanExitCode, await first.Exited.WaitAsync(Patience));
        Assert.False(first.Killed);
        var status = Assert.Single(harness.Supervisor.GetStatus());
        Assert.Equal(1, status.Restarts);
        Assert.Equal(4, status.EventsHandled);
        Assert.False(status.Retiring);
    }

    [Fact]
    public async Task RequestRestart_IdleWorker_IsReplacedAtOnce()
    {
        await using var harness = new SupervisorHarness(configure: o => o.Count = 2);
        await harness.StartAsync();
        var before = harness.Supervisor.GetStatus();

        Assert.True(harness.Supervisor.RequestRestart(1));
        var replacement = await harness.Fakes.WaitForLaunchAsync(3);

        Assert.Equal(1, replacement.Slot);
        Assert.Equal(PoolHarness.ExpectedEcho("c1"), PoolHarness.Text(await harness.ExecuteAsync("c1").WaitAsync(Patience)));
        Assert.Equal(before[0].ProcessId, harness.Supervisor.GetStatus()[0].ProcessId);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public async Task RequestRestart_NoSuchSlot_IsFalse(int slot)
    {
        await using var harness = new SupervisorHarness(configure: o => o.Count = 2);
        await harness.StartAsync();
        Assert.False(harness.Supervisor.RequestRestart(slot));
        Assert.Equal(2, harness.Fakes.Launched.Count);
    }
}
