using Dispatch.Pipeline.Workers;
using Dispatch.Tests.Fakes;

namespace Dispatch.Tests.Workers;

public sealed class WorkerSupervisorTests
{
    private static readonly TimeSpan Patience = PoolHarness.Patience;

    [Fact]
    public async Task StartAsync_StartsCountWorkers_InAPrivateSocketDirectory()
    {
        await using var harness = new SupervisorHarness(configure: o => o.Count = 3);

        await harness.StartAsync();

        Assert.Equal(3, harness.Supervisor.LiveWorkers);
        Assert.Equal(3, harness.Fakes.Launched.Count);
        Assert.All(harness.Supervisor.GetStatus(), s => Assert.True(s.Ready));
        Assert.Equal([0, 1, 2], harness.Supervisor.GetStatus().Select(s => s.Slot));
        Assert.True(Directory.Exists(harness.Supervisor.SocketDirectory));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(harness.Supervisor.SocketDirectory));
        }

        Assert.All(harness.Fakes.Launched, p => Assert.StartsWith(harness.Supervisor.SocketDirectory, p.SocketPath, StringComparison.Ordinal));
        Assert.Equal(PoolHarness.ExpectedEcho("c1"), PoolHarness.Text(await harness.ExecuteAsync("c1")));
    }

    [Fact]
    public async Task StartAsync_RemovesSocketDirectoriesOfDeadDispatchProcesses_Only()
    {
        var dead = Path.Combine(Path.GetTempPath(), $"dispatch-2147483646-{Guid.NewGuid():N}"[..32]);
        var alive = Path.Combine(Path.GetTempPath(), $"dispatch-{Environment.ProcessId}-{Guid.NewGuid():N}"[..32]);
        Directory.CreateDirectory(dead);
        Directory.CreateDirectory(alive);
        try
        {
            await using var harness = new SupervisorHarness();

            await harness.StartAsync();

            Assert.False(Directory.Exists(dead));
            Assert.True(Directory.Exists(alive));
        }
        finally
        {
            Directory.Delete(alive);
        }
    }

    [Fact]
    public async Task StartAsync_FirstStartFails_ThrowsWorkerStartExceptionWithPhpStderr_AndLeavesNothing()
    {
        await using var harness = new SupervisorHarness(configure: o => o.Count = 2);
        harness.Fakes.FailNextLaunches(1, 2, "PHP Parse error:  syntax error, unexpected end of file in /srv/app/bad.php on line 7");

        var error = await Assert.ThrowsAsync<WorkerStartException>(harness.StartAsync);

        Assert.Contains("PHP Parse error:  syntax error, unexpected end of file in /srv/app/bad.php on line 7", error.Message, StringComparison.Ordinal);
        Assert.Contains("Exit code: 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("fake worker for slot", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.ExitCode);
        Assert.Equal(0, harness.Fakes.Running);
        Assert.False(Directory.Exists(harness.Supervisor.SocketDirectory));
        Assert.Equal(0, harness.Supervisor.LiveWorkers);
    }

    [Fact]
    public async Task CrashedWorker_IsRestartedWithDoublingBackoff()
    {
        var time = new ManualTimeProvider();
        await using var harness = new SupervisorHarness(configure: o =>
        {
            o.RestartBackoff = TimeSpan.FromMilliseconds(100);
            o.RestartBackoffMax = TimeSpan.FromSeconds(1);
        }, time: time);
        await harness.StartAsync();

        var first = await harness.Fakes.WaitForLaunchAsync(1);
        first.Crash();
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(100));
        Assert.Single(harness.Fakes.Launched);
        time.Advance(TimeSpan.FromMilliseconds(100));
        var second = await harness.Fakes.WaitForLaunchAsync(2);
        Assert.Equal(second.ProcessId, (await harness.ExecuteAsync("c1")).WorkerProcessId);

        second.Crash();
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(200));
        time.Advance(TimeSpan.FromMilliseconds(200));
        var third = await harness.Fakes.WaitForLaunchAsync(3);
        Assert.Equal(third.ProcessId, (await harness.ExecuteAsync("c2")).WorkerProcessId);

        var status = Assert.Single(harness.Supervisor.GetStatus());
        Assert.Equal(2, status.Restarts);
        Assert.Equal(third.ProcessId, status.ProcessId);
        Assert.Equal(2, status.EventsHandled);
        Assert.Equal(FakeWorker.CrashExitCode, await first.Exited.WaitAsync(Patience));
        Assert.False(harness.Supervisor.IsCrashLooping);
    }

    [Fact]
    public async Task RepeatedCrashes_AreReportedAsCrashLoop_AndRestartedAtMaxBackoff()
    {
        var time = new ManualTimeProvider();
        await using var harness = new SupervisorHarness(configure: o =>
        {
            o.RestartBackoff = TimeSpan.FromMilliseconds(100);
            o.RestartBackoffMax = TimeSpan.FromMilliseconds(150);
            o.CrashLoopThreshold = 3;
            o.CrashLoopWindow = TimeSpan.FromSeconds(30);
        }, time: time);
        await harness.StartAsync();

        // Crashes 1 and 2 back off 100 ms and 150 ms (capped); the 3rd within the window is a crash loop.
        var delays = new[] { 100, 150, 150 };
        for (var i = 0; i < delays.Length; i++)
        {
            (await harness.Fakes.WaitForLaunchAsync(i + 1)).Crash();
            await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(delays[i]));
            time.Advance(TimeSpan.FromMilliseconds(delays[i]));
        }

        Assert.True(harness.Supervisor.IsCrashLooping);
        var fourth = await harness.Fakes.WaitForLaunchAsync(4);
        Assert.Equal(fourth.ProcessId, (await harness.ExecuteAsync("c1")).WorkerProcessId);

        time.Advance(TimeSpan.FromSeconds(31));
        Assert.False(harness.Supervisor.IsCrashLooping);
    }

    [Fact]
    public async Task CrashIsCounted_BeforeTheCallerSeesCrashed()
    {
        var time = new ManualTimeProvider();
        await using var harness = new SupervisorHarness(_ => FakeWorkerAction.Crash, o => o.CrashLoopThreshold = 1, time);
        await harness.StartAsync();
        Assert.False(harness.Supervisor.IsCrashLooping);

        var reply = await harness.ExecuteAsync("c1");

        Assert.Equal(WorkerFailure.Crashed, reply.Failure);
        Assert.True(harness.Supervisor.IsCrashLooping);
    }

    [Fact]
    public async Task RestartThatFailsToStart_IsRetriedWithBackoff()
    {
        var time = new ManualTimeProvider();
        await using var harness = new SupervisorHarness(configure: o => o.RestartBackoff = TimeSpan.FromMilliseconds(100), time: time);
        await harness.StartAsync();
        harness.Fakes.FailNextLaunches(1, 255, "PHP Fatal error: out of memory");

        (await harness.Fakes.WaitForLaunchAsync(1)).Crash();
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(100));
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True((await harness.Fakes.WaitForLaunchAsync(2)).HasExited);
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(200));
        time.Advance(TimeSpan.FromMilliseconds(200));

        var third = await harness.Fakes.WaitForLaunchAsync(3);
        Assert.Equal(third.ProcessId, (await harness.ExecuteAsync("c1")).WorkerProcessId);
    }

    [Fact]
    public async Task CancelledEvent_KillsTheHungWorker_AndSupervisorReplacesIt()
    {
        var time = new ManualTimeProvider();
        var launcher = new FakeWorkerLauncher { BehaviourFor = n => n == 1 ? _ => FakeWorkerAction.Hang : _ => FakeWorkerAction.Echo };
        await using var harness = new SupervisorHarness(launcher, o => o.RestartBackoff = TimeSpan.FromMilliseconds(100), time);
        await harness.StartAsync();
        using var timeout = new CancellationTokenSource();
        var stuck = harness.ExecuteAsync("c1", cancellationToken: timeout.Token);
        var hung = await harness.Fakes.WaitForLaunchAsync(1);
        await hung.Worker!.WaitForFramesAsync(1);

        await timeout.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stuck);
        Assert.True(hung.Killed);
        Assert.Equal(FakeWorker.KilledExitCode, await hung.Exited.WaitAsync(Patience));
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(100));
        time.Advance(TimeSpan.FromMilliseconds(100));
        var replacement = await harness.Fakes.WaitForLaunchAsync(2);
        Assert.Equal(replacement.ProcessId, (await harness.ExecuteAsync("c2")).WorkerProcessId);
    }

    [Fact]
    public async Task MaxJobs_RecyclesWorkers_WithoutLosingAnEvent()
    {
        await using var harness = new SupervisorHarness(configure: o =>
        {
            o.Count = 1;
            o.PipelineDepth = 2;
            o.MaxJobs = 3;
        });
        await harness.StartAsync();

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => harness.ExecuteAsync("c" + i)));

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(PoolHarness.ExpectedEcho("c" + i), PoolHarness.Text(replies[i]));
        }

        var launched = harness.Fakes.Launched;
        Assert.Equal(4, launched.Count);
        Assert.All(launched, p => Assert.InRange(p.Worker!.Received.Count, 1, 3));
        Assert.Equal(10, launched.Sum(p => p.Worker!.Received.Count));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => "c" + i).Order(), launched.SelectMany(p => p.Worker!.Received).Select(f => f.Id!).Order());

        // Recycled workers were closed, not killed: they exited cleanly.
        foreach (var retired in launched.Take(3))
        {
            Assert.Equal(FakeWorker.CleanExitCode, await retired.Exited.WaitAsync(Patience));
            Assert.False(retired.Killed);
        }

        Assert.Equal(3, Assert.Single(harness.Supervisor.GetStatus()).Restarts);
    }

    [Fact]
    public async Task StopAsync_ClosesConnections_WorkersExitCleanly_AndNothingIsLeft()
    {
        await using var harness = new SupervisorHarness(configure: o => o.Count = 3);
        await harness.StartAsync();
        await harness.ExecuteAsync("c1");

        await harness.Supervisor.StopAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(0, harness.Fakes.Running);
        foreach (var process in harness.Fakes.Launched)
        {
            Assert.Equal(FakeWorker.CleanExitCode, await process.Exited.WaitAsync(Patience));
        }

        Assert.False(Directory.Exists(harness.Supervisor.SocketDirectory));
        Assert.Equal(0, harness.Supervisor.LiveWorkers);
        var after = harness.Pool.ExecuteAsync(PoolHarness.Event("c2"), CancellationToken.None);
        Assert.True(after.IsCompleted);
        Assert.Equal(WorkerFailure.Unavailable, (await after).Failure);
    }

    [Fact]
    public async Task StopAsync_LetsInFlightEventsFinish()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = new SupervisorHarness(_ => FakeWorkerAction.After(release.Task));
        await harness.StartAsync();
        var inFlight = harness.ExecuteAsync("c1");
        await (await harness.Fakes.WaitForLaunchAsync(1)).Worker!.WaitForFramesAsync(1);

        var stopping = harness.Supervisor.StopAsync(CancellationToken.None);
        release.SetResult();
        await stopping.WaitAsync(Patience);

        Assert.Equal(PoolHarness.ExpectedEcho("c1"), PoolHarness.Text(await inFlight));
        Assert.Equal(0, harness.Fakes.Running);
    }

    [Fact]
    public async Task StopAsync_KillsAWorkerThatDoesNotExitInTime()
    {
        var time = new ManualTimeProvider();
        await using var harness = new SupervisorHarness(_ => FakeWorkerAction.Hang, time: time);
        await harness.StartAsync();
        var inFlight = harness.ExecuteAsync("c1");
        var hung = await harness.Fakes.WaitForLaunchAsync(1);
        await hung.Worker!.WaitForFramesAsync(1);

        var stopping = harness.Supervisor.StopAsync(CancellationToken.None);
        await time.WaitForTimerAsync(harness.Options.StopTimeout);
        Assert.False(stopping.IsCompleted);
        time.Advance(harness.Options.StopTimeout);
        await stopping.WaitAsync(Patience);

        Assert.True(hung.Killed);
        Assert.Equal(0, harness.Fakes.Running);
        Assert.Equal(WorkerFailure.Crashed, (await inFlight).Failure);
    }

    [Fact]
    public async Task Dispose_WithoutStop_KillsEveryWorker()
    {
        var launcher = new FakeWorkerLauncher();
        var harness = new SupervisorHarness(launcher, o => o.Count = 2);
        await harness.StartAsync();

        harness.Supervisor.Dispose();

        foreach (var process in launcher.Launched)
        {
            Assert.True(process.Killed);
            await process.Exited.WaitAsync(Patience);
        }

        Assert.Equal(0, launcher.Running);
        Assert.False(Directory.Exists(harness.Supervisor.SocketDirectory));
        await harness.DisposeAsync();
    }
}
