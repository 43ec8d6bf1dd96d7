using System.Net.WebSockets;
using Dispatch.Tests.EndToEnd;

namespace Dispatch.Tests.Hosted;

/// <summary>What hosted mode adds: per-connection PHP state, and <c>close</c> reaching that same handler instance.</summary>
public sealed class HostedStateTests(HostedAppFixture fixture) : IClassFixture<HostedAppFixture>
{
    private async Task<(WsClient Client, string Id)> ConnectAsync(string query = "")
    {
        var client = await WsClient.ConnectAsync(fixture.Server.WebSocketUri("/ws" + query));
        var welcome = await client.ReceiveTextAsync();
        Assert.StartsWith("welcome:", welcome, StringComparison.Ordinal);
        return (client, welcome["welcome:".Length..]);
    }

    [Fact]
    public async Task PerConnectionPhpState_LivesFromOpenToClose()
    {
        var (a, _) = await ConnectAsync();
        var (b, _) = await ConnectAsync();
        await using var _a = a;
        await using var _b = b;
        for (var i = 1; i <= 3; i++)
        {
            await a.SendTextAsync("count");
            Assert.Equal($"{i}", await a.ReceiveTextAsync());
        }

        // b has its own handler state (and its own worker).
        await b.SendTextAsync("count");
        Assert.Equal("1", await b.ReceiveTextAsync());
        await a.SendTextAsync("pid");
        await b.SendTextAsync("pid");
        Assert.NotEqual(await a.ReceiveTextAsync(), await b.ReceiveTextAsync());
    }

    [Fact]
    public async Task ClientClose_ReachesTheWorkerOnceWithItsCodeAndReason()
    {
        using var log = new CloseLog();
        var (client, id) = await ConnectAsync("?" + log.Query);
        await using var _c = client;
        await client.CloseAsync((WebSocketCloseStatus)4321, "see you");
        Assert.Equal([$"{id} 4321 see you"], await log.WaitForAsync(id));

        // Exactly once: nothing more is logged for it while the worker serves the next websocket.
        var (next, _) = await ConnectAsync();
        await using var _n = next;
        await next.SendTextAsync("echo:x");
        Assert.Equal("x", await next.ReceiveTextAsync());
        Assert.Single(await log.WaitForAsync(id));
    }

    [Fact]
    public async Task WorkerClose_ReachesTheClientWithItsCode_AndTheWorkersOnCloseWithTheSameCode()
    {
        using var log = new CloseLog();
        var (client, id) = await ConnectAsync("?" + log.Query);
        await using var _c = client;
        await client.SendTextAsync("close:4001:kicked");
        var (status, description, _) = await client.ReceiveCloseAsync();
        Assert.Equal((WebSocketCloseStatus)4001, status);
        Assert.Equal("kicked", description);
        await client.CloseAsync();
        Assert.Equal([$"{id} 4001 kicked"], await log.WaitForAsync(id));
    }
}
