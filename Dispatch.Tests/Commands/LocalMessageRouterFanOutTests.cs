using Dispatch.Commands.Hub;
using Dispatch.Commands.Telemetry;
using Dispatch.Tests.Commands.Fakes;

namespace Dispatch.Tests.Commands;

/// <summary>Large fan-outs queue to every member first and leave the socket writes to the thread pool.</summary>
public sealed class LocalMessageRouterFanOutTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ConnectionHub _hub = new(new Dispatch.Commands.Validation.LimitsOptions());
    private readonly DispatchMetrics _metrics = new();
    private readonly FanOutActivity _fanOuts = new();
    private readonly LocalMessageRouter _router;

    public LocalMessageRouterFanOutTests() => _router = new LocalMessageRouter(_hub, logger: null, _metrics, _fanOuts);

    private List<DrainingClient> Room(int members, int expectedFrames, ManualResetEventSlim? gate = null, int publisherThread = -1)
    {
        var clients = Enumerable.Range(0, members).Select(i => new DrainingClient("c" + i, expectedFrames, gate, publisherThread)).ToList();
        foreach (var client in clients)
        {
            Assert.True(_hub.TryRegister(client, new ConnectionInfo(client.Id, "/ws", "127.0.0.1", 0)));
            Assert.Equal(HubResult.Ok, _hub.Join(client.Id, "big"));
        }

        return clients;
    }

    [Fact]
    public async Task ManyBroadcasts_ReachEveryMember_InPublishOrder()
    {
        var members = Room(LocalMessageRouter.DeferredDrainThreshold * 4, expectedFrames: 20);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(members.Count, _router.Broadcast("big", OutboundMessage.Text("m" + i), exceptConnectionId: null));
        }

        await Task.WhenAll(members.Select(m => m.AllWritten)).WaitAsync(Timeout);
        var expected = Enumerable.Range(0, 20).Select(i => "m" + i).ToList();
        Assert.All(members, m => Assert.Equal(expected, m.Written));
        Assert.Equal(20L * members.Count, _metrics.BroadcastDeliveries);
    }

    [Fact]
    public async Task FanOutActivity_CountsTheFramesOfLargeFanOuts_NotDirectSends()
    {
        var members = Room(LocalMessageRouter.DeferredDrainThreshold * 2, expectedFrames: 1);

        _router.Broadcast("big", OutboundMessage.Text("x"), exceptConnectionId: members[0].Id);
        await Task.WhenAll(members.Skip(1).Select(m => m.AllWritten)).WaitAsync(Timeout);
        Assert.Equal(members.Count - 1, _fanOuts.Frames);

        Assert.True(_router.SendToConnection(members[0].Id, OutboundMessage.Text("direct")));
        Assert.Equal(members.Count - 1, _fanOuts.Frames);
    }

    [Fact]
    public async Task Broadcast_ReturnsBeforeTheSocketWritesRun()
    {
        using var gate = new ManualResetEventSlim(false);
        var members = Room(LocalMessageRouter.DeferredDrainThreshold * 2, expectedFrames: 1, gate, Environment.CurrentManagedThreadId);

        // Every drain off the publisher's thread blocks on the gate; none may run on the publisher's thread.
        var delivered = _router.Broadcast("big", OutboundMessage.Text("x"), exceptConnectionId: null);
        Assert.Equal(members.Count, delivered);
        Assert.All(members, m => Assert.False(m.DrainedOnPublisherThread));
        Assert.All(members, m => Assert.Empty(m.Written));

        gate.Set();
        await Task.WhenAll(members.Select(m => m.AllWritten)).WaitAsync(Timeout);
        Assert.All(members, m => Assert.Equal(["x"], m.Written));
    }

    [Fact]
    public async Task LargeRoom_ExceptIdAndRefusingMember_AreCountedLikeASmallRoom()
    {
        var members = Room(LocalMessageRouter.DeferredDrainThreshold * 2, expectedFrames: 1);
        members[1].Accepts = false;

        var delivered = _router.Broadcast("big", OutboundMessage.Text("x"), exceptConnectionId: members[0].Id);

        Assert.Equal(members.Count - 2, delivered);
        Assert.Equal(1, _metrics.MessagesNotQueued);
        await Task.WhenAll(members.Skip(2).Select(m => m.AllWritten)).WaitAsync(Timeout);
        Assert.Empty(members[0].Written);
        Assert.Empty(members[1].Written);
        Assert.Equal(0, members[0].Drains);
    }
}
