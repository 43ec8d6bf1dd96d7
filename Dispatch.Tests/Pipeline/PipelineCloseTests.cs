using System.Text.Json;
using Dispatch.Tests.Fakes;

namespace Dispatch.Tests.Pipeline;

public sealed class PipelineCloseTests
{
    [Fact]
    public async Task Close_GoesAfterQueuedMessages_ReachesTheWorkerOnce_ThenTheConnectionIsUnregistered()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await PipelineHarness.StartAsync(PipelineHarness.AcceptThen(frame =>
            frame.Data == "hold" ? FakeWorkerAction.After(release.Task) : FakeWorkerAction.Echo));
        var connection = await harness.ConnectAsync("c1");

        await connection.SendAsync("hold");
        await connection.SendAsync("m2");
        await connection.SendAsync("m3");
        var close = connection.Session.CloseAsync(1000, "bye");
        var again = connection.Session.CloseAsync(1001, "ignored");
        await connection.SendAsync("late");
        Assert.False(close.IsCompleted);
        release.SetResult();
        await close.WaitAsync(PipelineHarness.Patience);

        Assert.Same(close, again);
        var events = harness.WorkerFrames.Where(f => f.Id == "c1").ToList();
        Assert.Equal(["open", "message", "message", "message", "close"], events.Select(f => f.Event));
        Assert.Equal(["hold", "m2", "m3"], events.Where(f => f.Event == "message").Select(f => f.Data));
        using var closeEvent = JsonDocument.Parse(events[^1].Payload);
        Assert.Equal(1000, closeEvent.RootElement.GetProperty("code").GetInt32());
        Assert.Equal("bye", closeEvent.RootElement.GetProperty("reason").GetString());
        Assert.False(harness.Hub.TryGetConnection("c1", out _));
        Assert.Equal(0, harness.Pipeline.ActiveSessions);
        Assert.Equal(1, harness.Metrics.MessagesNotQueued);
    }

    [Fact]
    public async Task CloseCommands_AreAppliedBeforeTheConnectionLeaves()
    {
        await using var harness = await PipelineHarness.StartAsync(frame => frame.Event switch
        {
            "open" => Replies.Commands(frame.Id!, new { @event = "join", room = "lobby" }),
            "close" => Replies.Commands(frame.Id!, new { @event = "broadcast", room = "lobby", data = frame.Id + " left", except_id = frame.Id }),
            _ => FakeWorkerAction.Echo,
        });
        var leaving = await harness.ConnectAsync("leaving");
        var staying = await harness.ConnectAsync("staying");

        await leaving.Session.CloseAsync(1000, "").WaitAsync(PipelineHarness.Patience);

        Assert.Equal(["leaving left"], staying.Client.Frames);
        Assert.Equal(["staying"], harness.Hub.GetRoomMembers("lobby"));
    }

    [Fact]
    public async Task CloseWhoseDispatchFails_StillUnregistersAndCompletes()
    {
        await using var harness = await PipelineHarness.StartAsync(PipelineHarness.AcceptThen(frame =>
            frame.Event == "close" ? FakeWorkerAction.Crash : FakeWorkerAction.Echo));
        var connection = await harness.ConnectAsync("c1");

        await connection.Session.CloseAsync(1006, "dropped").WaitAsync(PipelineHarness.Patience);

        Assert.False(harness.Hub.TryGetConnection("c1", out _));
        Assert.Empty(connection.Client.Frames);
        Assert.Equal(0, harness.Pipeline.ActiveSessions);
    }

    [Fact]
    public async Task Drain_CompletesOnlyWhenEverySessionHasClosed()
    {
        await using var harness = await PipelineHarness.StartAsync(PipelineHarness.AcceptThen(_ => FakeWorkerAction.Echo));
        var connections = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => harness.ConnectAsync($"c{i}")));

        var drain = harness.Pipeline.DrainAsync(CancellationToken.None);
        Assert.False(drain.IsCompleted);
        Assert.Equal(3, harness.Pipeline.ActiveSessions);

        await Task.WhenAll(connections.Select(c => c.Session.CloseAsync(1001, "shutdown")));
        await drain.WaitAsync(PipelineHarness.Patience);
        Assert.Equal(0, harness.Pipeline.ActiveSessions);
        Assert.Equal(3, harness.WorkerFrames.Count(f => f.Event == "close"));
    }
}
