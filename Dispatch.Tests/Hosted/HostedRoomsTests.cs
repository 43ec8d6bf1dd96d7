using Dispatch.Tests.EndToEnd;

namespace Dispatch.Tests.Hosted;

/// <summary>
/// Hub commands in hosted mode go through the same validation and hub as dispatch mode, so rooms, users and direct
/// sends work across workers (each hosted websocket is on a worker of its own).
/// </summary>
public sealed class HostedRoomsTests(HostedContractFixture fixture) : IClassFixture<HostedContractFixture>
{
    private async Task<(WsClient Client, string Id)> ConnectAsync(string query = "")
    {
        var client = await WsClient.ConnectAsync(fixture.Server.WebSocketUri("/ws" + query));
        var welcome = await client.ReceiveTextAsync();
        Assert.StartsWith("welcome:", welcome, StringComparison.Ordinal);
        return (client, welcome["welcome:".Length..]);
    }

    [Fact]
    public async Task Broadcast_FromOneWorkersWebsocket_ReachesTheRoomOnOtherWorkers_ExceptTheSender()
    {
        var room = "r-" + Guid.NewGuid().ToString("N");
        var (a, _) = await ConnectAsync($"?room={room}");
        var (b, _) = await ConnectAsync($"?room={room}");
        var (outsider, _) = await ConnectAsync();
        await using var _a = a;
        await using var _b = b;
        await using var _o = outsider;

        await a.SendTextAsync($"bcast:{room}:hi room");
        Assert.Equal("ok", await a.ReceiveTextAsync());
        Assert.Equal("hi room", await b.ReceiveTextAsync());

        await b.SendTextAsync($"bcast:{room}:hi back");
        Assert.Equal("ok", await b.ReceiveTextAsync());
        Assert.Equal("hi back", await a.ReceiveTextAsync());

        // Nothing reached the outsider, and nothing echoed to the senders: their next frames are their own echoes.
        await outsider.SendTextAsync("echo:o-next");
        Assert.Equal("o-next", await outsider.ReceiveTextAsync());
        await a.SendTextAsync("echo:a-next");
        Assert.Equal("a-next", await a.ReceiveTextAsync());
    }

    [Fact]
    public async Task JoinAndLeave_ChangeWhoGetsTheBroadcast()
    {
        var room = "jl-" + Guid.NewGuid().ToString("N");
        var (a, _) = await ConnectAsync();
        var (b, _) = await ConnectAsync();
        await using var _a = a;
        await using var _b = b;
        await b.SendTextAsync($"join:{room}");
        Assert.Equal("ok", await b.ReceiveTextAsync());

        await a.SendTextAsync($"bcast:{room}:one");
        Assert.Equal("ok", await a.ReceiveTextAsync());
        Assert.Equal("one", await b.ReceiveTextAsync());

        await b.SendTextAsync($"leave:{room}");
        Assert.Equal("ok", await b.ReceiveTextAsync());
        await a.SendTextAsync($"bcast:{room}:two");
        Assert.Equal("ok", await a.ReceiveTextAsync());
        await b.SendTextAsync("echo:b-next");
        Assert.Equal("b-next", await b.ReceiveTextAsync());
    }

    [Fact]
    public async Task SendToAndSendToUser_ReachConnectionsHostedByOtherWorkers()
    {
        var user = "u-" + Guid.NewGuid().ToString("N");
        var (sender, _) = await ConnectAsync();
        var (target, targetId) = await ConnectAsync($"?user={user}");
        var (second, _) = await ConnectAsync($"?user={user}");
        await using var _s = sender;
        await using var _t = target;
        await using var _2 = second;

        await sender.SendTextAsync($"to:{targetId}:psst");
        Assert.Equal("ok", await sender.ReceiveTextAsync());
        Assert.Equal("psst", await target.ReceiveTextAsync());

        await sender.SendTextAsync($"user:{user}:for you");
        Assert.Equal("ok", await sender.ReceiveTextAsync());
        Assert.Equal("for you", await target.ReceiveTextAsync());
        Assert.Equal("for you", await second.ReceiveTextAsync());
    }

    [Fact]
    public async Task ClientClose_OnCloseBroadcast_ReachesTheObserversOnOtherWorkers()
    {
        var (observer, _) = await ConnectAsync("?observe=1");
        var (client, id) = await ConnectAsync();
        await using var _o = observer;
        await using var _c = client;

        await client.CloseAsync((System.Net.WebSockets.WebSocketCloseStatus)4100, "done here");
        var notice = await HostedLifecycleTests.ReceiveCloseNoticeAsync(observer, id);
        Assert.Equal(4100, notice.GetProperty("code").GetInt32());
    }
}
