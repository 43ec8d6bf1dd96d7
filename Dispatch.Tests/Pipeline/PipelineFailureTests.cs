using Dispatch.Tests.Fakes;

namespace Dispatch.Tests.Pipeline;

public sealed class PipelineFailureTests
{
    /// <param name="poolWatchdog">True: the real pool, whose watchdog ends the event. False: a pool without one
    /// (<see cref="WorkerBackend.InMemory"/>), so only the dispatcher's Polly timeout, the outer bound of every
    /// dispatch, can end it.</param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task HangingWorker_TimesOut_ClientGetsWorkerTimeout_WorkerIsKilled_NextMessageSucceeds(bool poolWatchdog)
    {
        // Long enough that a healthy event never reaches it on a loaded machine; the hang is forever. Without the
        // watchdog the bound is EventTimeout x (PipelineDepth + 1) + UnavailableTimeout = 0.6 s.
        var settings = poolWatchdog
            ? new Dictionary<string, string?> { ["Pipeline:EventTimeout"] = "00:00:02" }
            : new Dictionary<string, string?>
            {
                ["Pipeline:EventTimeout"] = "00:00:00.200",
                ["Workers:PipelineDepth"] = "1",
                ["Workers:UnavailableTimeout"] = "00:00:00.200",
            };
        await using var harness = await PipelineHarness.StartAsync(
            PipelineHarness.AcceptThen(frame => frame.Data == "hang" ? FakeWorkerAction.Hang : FakeWorkerAction.Echo),
            settings,
            poolWatchdog ? WorkerBackend.FakeWorkers : WorkerBackend.InMemory);
        var connection = await harness.ConnectAsync("c1");

        await connection.SendAsync("hang");
        await connection.SendAsync("after");

        var frames = await connection.Client.WaitForFramesAsync(2);
        ErrorFrame.AssertIs("worker_timeout", frames[0]);
        Assert.Equal("after", frames[1]);
        Assert.True(harness.WorkersKilled >= 1);
    }

    [Fact]
    public async Task CrashingWorker_ClientGetsWorkerCrashed_NextMessageSucceeds()
    {
        await using var harness = await PipelineHarness.StartAsync(
            PipelineHarness.AcceptThen(frame => frame.Data == "crash" ? FakeWorkerAction.Crash : FakeWorkerAction.Echo));
        var connection = await harness.ConnectAsync("c1");

        await connection.SendAsync("crash");
        await connection.SendAsync("after");

        var frames = await connection.Client.WaitForFramesAsync(2);
        ErrorFrame.AssertIs("worker_crashed", frames[0]);
        Assert.Equal("after", frames[1]);
    }

    [Fact]
    public async Task ProtocolError_IsReportedAsWorkerCrashed()
    {
        await using var harness = await PipelineHarness.StartAsync(
            PipelineHarness.AcceptThen(frame => frame.Data == "bad" ? FakeWorkerAction.ZeroLength : FakeWorkerAction.Echo));
        var connection = await harness.ConnectAsync("c1");

        await connection.SendAsync("bad");

        ErrorFrame.AssertIs("worker_crashed", (await connection.Client.WaitForFramesAsync(1))[0]);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("{\"mode\":\"websocket_dispatch\",\"accepted\":\"yes\",\"commands\":[{\"event\":\"send\",\"data\":\"leak\"}]}")]
    [InlineData("{\"mode\":\"websocket_dispatch\",\"commands\":[{\"event\":\"send\",\"data\":\"leak\"},{\"event\":\"send\",\"data\":\"leak\"},{\"event\":\"send\",\"data\":\"leak\"}]}")]
    public async Task ResponseRejectedWhole_ClientGetsAppContractError_AndNothingIsApplied(string response)
    {
        await using var harness = await PipelineHarness.StartAsync(
            PipelineHarness.AcceptThen(frame => frame.Data == "bad" ? FakeWorkerAction.Reply(response) : FakeWorkerAction.Echo),
            new Dictionary<string, string?> { ["Limits:MaxCommandsPerResponse"] = "2" });
        var connection = await harness.ConnectAsync("c1");

        await connection.SendAsync("bad");
        await connection.SendAsync("after");

        var frames = await connection.Client.WaitForFramesAsync(2);
        Assert.Equal(2, frames.Count);
        ErrorFrame.AssertIs("app_contract_error", frames[0]);
        Assert.Equal("after", frames[1]);
    }

    [Fact]
    public async Task WorkerErrorResponse_ClientGetsTheWorkersClass_NeverItsText()
    {
        await using var harness = await PipelineHarness.StartAsync(
            PipelineHarness.AcceptThen(frame => Replies.Error(frame.Id!, "worker_runtime_error", "secret stack trace")));
        var connection = await harness.ConnectAsync("c1");

        await connection.SendAsync("boom");

        var frame = (await connection.Client.WaitForFramesAsync(1))[0];
        ErrorFrame.AssertIs("worker_runtime_error", frame);
        Assert.DoesNotContain("secret", frame, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnEventFailureNone_SendsNoErrorFrame_ButTheEventIsCounted()
    {
        await using var harness = await PipelineHarness.StartAsync(
            PipelineHarness.AcceptThen(frame => frame.Data == "crash" ? FakeWorkerAction.Crash : FakeWorkerAction.Echo),
            new Dictionary<string, string?> { ["Pipeline:OnEventFailure"] = "none" });
        var connection = await harness.ConnectAsync("c1");

        await connection.SendAsync("crash");
        await connection.SendAsync("after");

        Assert.Equal(["after"], await connection.Client.WaitForFramesAsync(1));
        Assert.Equal(1, harness.Metrics.EventsFailed);
    }

    [Fact]
    public async Task ConsecutiveFailures_CloseTheConnectionWith1011_AndItsCloseStillReachesTheWorker()
    {
        await using var harness = await PipelineHarness.StartAsync(
            PipelineHarness.AcceptThen(frame => Replies.Error(frame.Id!, "worker_runtime_error", "nope")),
            new Dictionary<string, string?> { ["Pipeline:MaxConsecutiveFailures"] = "3" });
        var connection = await harness.ConnectAsync("c1");

        for (var i = 0; i < 3; i++)
        {
            await connection.SendAsync($"m{i}");
        }

        Assert.Equal((1011, "worker failures"), await connection.Client.Closed.WaitAsync(PipelineHarness.Patience));
        await connection.Session.CloseAsync(1011, "worker failures").WaitAsync(PipelineHarness.Patience);
        Assert.Equal(3, (await connection.Client.WaitForFramesAsync(3)).Count(f => ErrorFrame.ClassOf(f) == "worker_runtime_error"));
        Assert.Single(harness.WorkerFrames, f => f.Id == "c1" && f.Event == "close");
        Assert.False(harness.Hub.TryGetConnection("c1", out _));
        Assert.Equal(1, harness.Metrics.FailureCloses);
    }

    [Fact]
    public async Task ASuccess_ResetsTheConsecutiveFailureCount()
    {
        await using var harness = await PipelineHarness.StartAsync(
            PipelineHarness.AcceptThen(frame => frame.Data!.StartsWith("ok", StringComparison.Ordinal)
                ? FakeWorkerAction.Echo
                : Replies.Error(frame.Id!, "worker_runtime_error", "nope")),
            new Dictionary<string, string?> { ["Pipeline:MaxConsecutiveFailures"] = "3" });
        var connection = await harness.ConnectAsync("c1");

        foreach (var text in new[] { "f1", "f2", "ok1", "f3", "f4", "ok2" })
        {
            await connection.SendAsync(text);
        }

        var frames = await connection.Client.WaitForFramesAsync(6);
        Assert.Equal("ok2", frames[5]);
        Assert.False(connection.Client.Closed.IsCompleted);
    }
}
