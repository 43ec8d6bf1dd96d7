using Dispatch.Commands.Hub;
using Dispatch.Commands.Telemetry;
using Dispatch.Tests.Commands.Fakes;

namespace Dispatch.Tests.Commands;

public sealed class LocalMessageRouterTests
{
    private readonly HubFixture _f = new();
    private readonly DispatchMetrics _metrics = new();
    private readonly LocalMessageRouter _router;

    public LocalMessageRouterTests() => _router = new LocalMessageRouter(_f.Hub, logger: null, _metrics);

    [Fact]
    public void Broadcast_HandsTheSameMessageInstanceToEveryMember()
    {
        var members = new[] { _f.Connect("a"), _f.Connect("b"), _f.Connect("c") };
        foreach (var m in members)
        {
            _f.Hub.Join(m.Id, "room");
        }

        var message = OutboundMessage.Text("hello");

        Assert.Equal(3, _router.Broadcast("room", message, exceptConnectionId: null));
        Assert.All(members, m => Assert.Same(message, Assert.Single(m.Sent)));
        Assert.Equal(3, _metrics.BroadcastDeliveries);
    }

    [Fact]
    public void Broadcast_ExceptId_SkipsThatMemberOnly()
    {
        var a = _f.Connect("a");
        var b = _f.Connect("b");
        _f.Hub.Join("a", "room");
        _f.Hub.Join("b", "room");

        Assert.Equal(1, _router.Broadcast("room", OutboundMessage.Text("x"), exceptConnectionId: "a"));

        Assert.Empty(a.Sent);
        Assert.Single(b.Sent);
    }

    [Fact]
    public void Broadcast_MemberThatRefusesOrThrows_DoesNotStopDeliveryToOthers()
    {
        var slow = _f.Connect("slow");
        var broken = _f.Connect("broken");
        var others = Enumerable.Range(0, 5).Select(i => _f.Connect("ok" + i)).ToList();
        slow.Accepts = false;
        broken.ThrowsOnSend = true;
        foreach (var member in others.Prepend(broken).Prepend(slow))
        {
            _f.Hub.Join(member.Id, "room");
        }

        var delivered = _router.Broadcast("room", OutboundMessage.Text("x"), null);

        Assert.Equal(5, delivered);
        Assert.All(others, o => Assert.Single(o.Sent));
        Assert.Equal(1, slow.SendAttempts);
        Assert.Equal(1, broken.SendAttempts);
        Assert.Equal(2, _metrics.MessagesNotQueued);
    }

    [Fact]
    public void Broadcast_UnknownRoom_DeliversNothing()
    {
        Assert.Equal(0, _router.Broadcast("nowhere", OutboundMessage.Text("x"), null));
    }

    [Fact]
    public void SendToConnection_KnownAndUnknown()
    {
        var a = _f.Connect("a");
        var message = OutboundMessage.Text("x");

        Assert.True(_router.SendToConnection("a", message));
        Assert.False(_router.SendToConnection("ghost", message));
        Assert.Same(message, Assert.Single(a.Sent));
        Assert.Equal(1, _metrics.MessagesSent);
    }

    [Fact]
    public void SendToConnection_KnownButRefusing_StillCountsAsKnown()
    {
        var a = _f.Connect("a");
        a.Accepts = false;

        Assert.True(_router.SendToConnection("a", OutboundMessage.Text("x")));
        Assert.Equal(0, _metrics.MessagesSent);
        Assert.Equal(1, _metrics.MessagesNotQueued);
    }

    [Fact]
    public void SendToUser_ReachesEveryBoundConnection()
    {
        var phone = _f.Connect("phone");
        var laptop = _f.Connect("laptop");
        var stranger = _f.Connect("stranger");
        _f.Hub.SetMetadata("phone", "u1", null);
        _f.Hub.SetMetadata("laptop", "u1", null);
        _f.Hub.SetMetadata("stranger", "u2", null);
        var message = OutboundMessage.Text("x");

        Assert.Equal(2, _router.SendToUser("u1", message));
        Assert.Equal(0, _router.SendToUser("nobody", message));

        Assert.Same(message, Assert.Single(phone.Sent));
        Assert.Same(message, Assert.Single(laptop.Sent));
        Assert.Empty(stranger.Sent);
    }

    [Fact]
    public void CloseConnection_CallsCloseWithCodeAndReason()
    {
        var a = _f.Connect("a");

        Assert.True(_router.CloseConnection("a", 4001, "bye"));
        Assert.False(_router.CloseConnection("ghost", 1000, ""));

        Assert.Equal([(4001, "bye")], a.Closes);
    }
}
