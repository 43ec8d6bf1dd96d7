using Dispatch.Pipeline.Workers;
using Dispatch.Tests.Fakes;

namespace Dispatch.Tests.Workers;

public sealed class WorkerPoolTests
{
    private static readonly TimeSpan Patience = PoolHarness.Patience;
    private static readonly string[] ThreeIds = ["c1", "c2", "c3"];

    [Fact]
    public async Task ExecuteAsync_PipelinesUpToDepth_AndMatchesRepliesInOrder()
    {
        await using var harness = new PoolHarness(depth: 3);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (worker, process, _) = await harness.AddWorkerAsync(f => f.Index == 0 ? FakeWorkerAction.After(gate.Task) : FakeWorkerAction.Echo);

        var calls = ThreeIds.Select(id => harness.Pool.ExecuteAsync(PoolHarness.Event(id, "d-" + id), CancellationToken.None).AsTask()).ToArray();

        // All three reach the worker while the first is still unanswered: they are pipelined.
        await worker.WaitForFramesAsync(3);
        Assert.Equal(0, worker.Answered);
        gate.SetResult();
        var replies = await Task.WhenAll(calls).WaitAsync(Patience);

        Assert.Equal(["c1", "c2", "c3"], worker.Received.Select(f => f.Id));
        for (var i = 0; i < 3; i++)
        {
            var id = "c" + (i + 1);
            Assert.Equal(process.ProcessId, replies[i].WorkerProcessId);
            Assert.Equal(PoolHarness.ExpectedEcho(id, "d-" + id), PoolHarness.Text(replies[i]));
        }
    }

    [Fact]
    public async Task ExecuteAsync_ManyConcurrentCallers_NeverExceedDepthPerWorker()
    {
        await using var harness = new PoolHarness(depth: 2);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (first, _, _) = await harness.AddWorkerAsync(_ => FakeWorkerAction.After(gate.Task));
        var (second, _, _) = await harness.AddWorkerAsync(_ => FakeWorkerAction.After(gate.Task));

        var calls = Enumerable.Range(0, 40).Select(i => harness.Pool.ExecuteAsync(PoolHarness.Event("c" + i), CancellationToken.None).AsTask()).ToArray();

        // The least-loaded choice fills both workers to the depth; the other 36 events wait for slots.
        await first.WaitForFramesAsync(2);
        await second.WaitForFramesAsync(2);
        Assert.Equal(2, first.Received.Count);
        Assert.Equal(2, second.Received.Count);
        gate.SetResult();
        var replies = await Task.WhenAll(calls).WaitAsync(Patience);

        Assert.All(replies, r => Assert.True(r.Success));
        Assert.Equal(40, first.Received.Count + second.Received.Count);
        Assert.True(first.MaxOutstanding <= 2, $"first worker had {first.MaxOutstanding} in flight");
        Assert.True(second.MaxOutstanding <= 2, $"second worker had {second.MaxOutstanding} in flight");
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(PoolHarness.ExpectedEcho("c" + i), PoolHarness.Text(replies[i]));
        }
    }

    [Fact]
    public async Task ExecuteAsync_CrashAtHead_FailsOnlyHead_AndRedispatchesTheRest()
    {
        await using var harness = new PoolHarness(depth: 3);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (doomed, doomedProcess, _) = await harness.AddWorkerAsync(f => FakeWorkerAction.After(gate.Task, FakeWorkerAction.Crash));
        var calls = ThreeIds.Select(id => harness.Pool.ExecuteAsync(PoolHarness.Event(id), CancellationToken.None).AsTask()).ToArray();
        await doomed.WaitForFramesAsync(3);
        var (healthy, healthyProcess, _) = await harness.AddWorkerAsync();

        gate.SetResult();
        var replies = await Task.WhenAll(calls).WaitAsync(Patience);

        Assert.Equal(WorkerFailure.Crashed, replies[0].Failure);
        Assert.Equal(doomedProcess.ProcessId, replies[0].WorkerProcessId);
        Assert.Equal(PoolHarness.ExpectedEcho("c2"), PoolHarness.Text(replies[1]));
        Assert.Equal(PoolHarness.ExpectedEcho("c3"), PoolHarness.Text(replies[2]));
        Assert.Equal(healthyProcess.ProcessId, replies[1].WorkerProcessId);
        // Re-dispatched events belong to different connections, so their relative order is not kept.
        Assert.Equal(["c2", "c3"], healthy.Received.Select(f => f.Id).Order());
        Assert.Equal(1, harness.Pool.LiveWorkers);
    }

    public static TheoryData<string> BrokenFrames => ["zero", "oversized", "garbage", "truncated"];

    [Theory]
    [MemberData(nameof(BrokenFrames))]
    public async Task ExecuteAsync_ProtocolErrorAtHead_FailsOnlyHead_AndRedispatchesTheRest(string kind)
    {
        var broken = kind switch
        {
            "zero" => FakeWorkerAction.ZeroLength,
            "oversized" => FakeWorkerAction.Oversized(),
            "garbage" => FakeWorkerAction.Garbage,
            _ => FakeWorkerAction.Truncated,
        };
        await using var harness = new PoolHarness(depth: 2);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (bad, _, badInstance) = await harness.AddWorkerAsync(f => f.Index == 0 ? FakeWorkerAction.After(gate.Task, broken) : FakeWorkerAction.Echo);
        var head = harness.Pool.ExecuteAsync(PoolHarness.Event("c1"), CancellationToken.None).AsTask();
        var behind = harness.Pool.ExecuteAsync(PoolHarness.Event("c2"), CancellationToken.None).AsTask();
        await bad.WaitForFramesAsync(2);
        var (good, _, _) = await harness.AddWorkerAsync();

        gate.SetResult();

        Assert.Equal(WorkerFailure.ProtocolError, (await head.WaitAsync(Patience)).Failure);
        Assert.Equal(PoolHarness.ExpectedEcho("c2"), PoolHarness.Text(await behind.WaitAsync(Patience)));
        Assert.Equal(["c2"], good.Received.Select(f => f.Id));
        Assert.Equal(WorkerFailure.ProtocolError, await badInstance.Connection.Closed.WaitAsync(Patience));
    }

    [Fact]
    public async Task ExecuteAsync_CancelledInFlight_KillsWorker_RedispatchesOthers_AndThrows()
    {
        await using var harness = new PoolHarness(depth: 2);
        var (hung, hungProcess, _) = await harness.AddWorkerAsync(f => f.Index == 0 ? FakeWorkerAction.Hang : FakeWorkerAction.Echo);
        using var timeout = new CancellationTokenSource();
        var stuck = harness.Pool.ExecuteAsync(PoolHarness.Event("c1"), timeout.Token).AsTask();
        var behind = harness.Pool.ExecuteAsync(PoolHarness.Event("c2"), CancellationToken.None).AsTask();
        await hung.WaitForFramesAsync(2);
        var (healthy, _, _) = await harness.AddWorkerAsync();

        await timeout.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stuck.WaitAsync(Patience));
        Assert.True(hungProcess.Killed);
        Assert.Equal(FakeWorker.KilledExitCode, await hungProcess.Exited.WaitAsync(Patience));
        Assert.Equal(PoolHarness.ExpectedEcho("c2"), PoolHarness.Text(await behind.WaitAsync(Patience)));
        Assert.Equal(["c2"], healthy.Received.Select(f => f.Id));
    }

    [Fact]
    public async Task ExecuteAsync_CancelledWhileWaitingForSlot_DoesNotKillAnything()
    {
        await using var harness = new PoolHarness(depth: 1);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (worker, process, _) = await harness.AddWorkerAsync(_ => FakeWorkerAction.After(gate.Task));
        var busy = harness.Pool.ExecuteAsync(PoolHarness.Event("c1"), CancellationToken.None).AsTask();
        await worker.WaitForFramesAsync(1);
        using var cancel = new CancellationTokenSource();
        var waiting = harness.Pool.ExecuteAsync(PoolHarness.Event("c2"), cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
        gate.SetResult();
        Assert.Equal(PoolHarness.ExpectedEcho("c1"), PoolHarness.Text(await busy.WaitAsync(Patience)));
        Assert.False(process.Killed);
        Assert.Equal(PoolHarness.ExpectedEcho("c3"), PoolHarness.Text(await harness.Pool.ExecuteAsync(PoolHarness.Event("c3"), CancellationToken.None).AsTask().WaitAsync(Patience)));
        Assert.Equal(["c1", "c3"], worker.Received.Select(f => f.Id));
    }

    [Fact]
    public async Task ExecuteAsync_NoWorker_WaitsUpToUnavailableTimeout_ThenUnavailable()
    {
        var time = new ManualTimeProvider();
        await using var harness = new PoolHarness(time: time);

        var call = harness.Pool.ExecuteAsync(PoolHarness.Event("c1"), CancellationToken.None).AsTask();
        await time.WaitForTimerAsync(harness.Options.UnavailableTimeout);
        Assert.False(call.IsCompleted);
        time.Advance(harness.Options.UnavailableTimeout);

        var reply = await call.WaitAsync(Patience);
        Assert.Equal(WorkerFailure.Unavailable, reply.Failure);
        Assert.Null(reply.WorkerProcessId);
    }

    [Fact]
    public async Task ExecuteAsync_NoWorkerYet_IsServedWhenOneArrivesWithinTheBound()
    {
        var time = new ManualTimeProvider();
        await using var harness = new PoolHarness(time: time);

        var call = harness.Pool.ExecuteAsync(PoolHarness.Event("c1"), CancellationToken.None).AsTask();
        await time.WaitForTimerAsync(harness.Options.UnavailableTimeout);
        await harness.AddWorkerAsync();

        Assert.Equal(PoolHarness.ExpectedEcho("c1"), PoolHarness.Text(await call.WaitAsync(Patience)));
    }

    [Fact]
    public async Task ExecuteAsync_AfterClose_IsUnavailableAtOnce_AndWaitersAreReleased()
    {
        var time = new ManualTimeProvider();
        await using var harness = new PoolHarness(time: time);
        var waiting = harness.Pool.ExecuteAsync(PoolHarness.Event("c1"), CancellationToken.None).AsTask();
        await time.WaitForTimerAsync(harness.Options.UnavailableTimeout);

        harness.Pool.Close();

        Assert.Equal(WorkerFailure.Unavailable, (await waiting.WaitAsync(Patience)).Failure);
        var after = harness.Pool.ExecuteAsync(PoolHarness.Event("c2"), CancellationToken.None);
        Assert.True(after.IsCompleted);
        Assert.Equal(WorkerFailure.Unavailable, (await after).Failure);
    }

    [Fact]
    public async Task ExecuteAsync_MaxJobs_RetiresWorkerAfterItsLastEvent()
    {
        await using var harness = new PoolHarness(depth: 2, maxJobs: 2);
        var (first, _, instance) = await harness.AddWorkerAsync();

        var one = PoolHarness.Text(await harness.Pool.ExecuteAsync(PoolHarness.Event("c1"), CancellationToken.None).AsTask().WaitAsync(Patience));
        var two = PoolHarness.Text(await harness.Pool.ExecuteAsync(PoolHarness.Event("c2"), CancellationToken.None).AsTask().WaitAsync(Patience));
        await instance.Retired.WaitAsync(Patience);
        var third = harness.Pool.ExecuteAsync(PoolHarness.Event("c3"), CancellationToken.None).AsTask();
        var (second, _, _) = await harness.AddWorkerAsync();

        Assert.Equal(PoolHarness.ExpectedEcho("c3"), PoolHarness.Text(await third.WaitAsync(Patience)));
        Assert.Equal(PoolHarness.ExpectedEcho("c1"), one);
        Assert.Equal(PoolHarness.ExpectedEcho("c2"), two);
        Assert.Equal(["c1", "c2"], first.Received.Select(f => f.Id));
        Assert.Equal(["c3"], second.Received.Select(f => f.Id));
        Assert.Equal(2, instance.EventsHandled);
    }

    [Fact]
    public async Task EventTimeout_CountsFromTheHead_KillsTheHungWorker_AndRedispatchesTheEventBehindIt()
    {
        await using var harness = new PoolHarness(depth: 2, eventTimeout: TimeSpan.FromSeconds(1));
        var (hung, hungProcess, _) = await harness.AddWorkerAsync(f => f.Index == 0 ? FakeWorkerAction.Hang : FakeWorkerAction.Echo);

        var first = harness.Pool.ExecuteAsync(PoolHarness.Event("c1"), CancellationToken.None).AsTask();
        var second = harness.Pool.ExecuteAsync(PoolHarness.Event("c2"), CancellationToken.None).AsTask();
        await hung.WaitForFramesAsync(2);
        var (healthy, _, _) = await harness.AddWorkerAsync();

        // c1 hung at the head: it times out and its worker is killed. c2 was pipelined behind it and never started,
        // so it is not failed: it runs on the healthy worker.
        var firstReply = await first.WaitAsync(Patience);
        Assert.Equal(WorkerFailure.TimedOut, firstReply.Failure);
        Assert.True(hungProcess.Killed);
        Assert.Equal(PoolHarness.ExpectedEcho("c2"), PoolHarness.Text(await second.WaitAsync(Patience)));
        Assert.Equal(["c2"], healthy.Received.Select(f => f.Id));
    }
}
