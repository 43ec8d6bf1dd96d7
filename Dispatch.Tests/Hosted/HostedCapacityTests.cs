using System.Diagnostics;
using System.Text;
using Dispatch.Tests.EndToEnd;

namespace Dispatch.Tests.Hosted;

/// <summary>With N workers at most N hosted websockets are live; upgrade N+1 waits for a free worker, then gets 503.</summary>
public sealed class HostedCapacityTests
{
    private static async Task<WsClient> ConnectAsync(DispatchServer server)
    {
        var client = await WsClient.ConnectAsync(server.WebSocketUri("/ws"));
        Assert.StartsWith("welcome:", await client.ReceiveTextAsync(), StringComparison.Ordinal);
        return client;
    }

    [Fact]
    public async Task UpgradeBeyondTheWorkerCount_WaitsTheQueueTimeout_ThenGets503WithAClearBody()
    {
        await using var server = await DispatchServer.StartAsync(
            PhpPaths.TestApp("hosted.php"), workers: 2, HostedSettings.With(("Dispatch:WebSocket:HostedQueueTimeout", "00:00:01")));
        await using var a = await ConnectAsync(server);
        await using var b = await ConnectAsync(server);

        var watch = Stopwatch.StartNew();
        using var http = new HttpClient();
        using var response = await http.SendAsync(WebSocketRequest(server));
        watch.Stop();
        Assert.Equal(503, (int)response.StatusCode);
        Assert.Contains("busy hosting websockets", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"answered after {watch.Elapsed}, before the queue timeout");

        // The two live websockets were never disturbed.
        await a.SendTextAsync("echo:a");
        Assert.Equal("a", await a.ReceiveTextAsync());
        await b.SendTextAsync("echo:b");
        Assert.Equal("b", await b.ReceiveTextAsync());
    }

    [Fact]
    public async Task WaitingUpgrade_GetsInWhenAWebsocketEnds()
    {
        await using var server = await DispatchServer.StartAsync(
            PhpPaths.TestApp("hosted.php"), workers: 2, HostedSettings.With(("Dispatch:WebSocket:HostedQueueTimeout", "00:00:15")));
        var a = await ConnectAsync(server);
        await using var b = await ConnectAsync(server);

        var waiting = ConnectAsync(server);
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted, "the third websocket got in while both workers were hosting");

        await a.CloseAsync();
        await a.DisposeAsync();
        await using var c = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        await c.SendTextAsync("count");
        Assert.Equal("1", await c.ReceiveTextAsync());
    }

    [Fact]
    public async Task QueueLimitZero_RefusesAtOnceWhenEveryWorkerIsHosting()
    {
        await using var server = await DispatchServer.StartAsync(PhpPaths.TestApp("hosted.php"), workers: 1, HostedSettings.With(
            ("Dispatch:WebSocket:HostedQueueTimeout", "00:00:30"),
            ("Dispatch:WebSocket:HostedQueueLimit", "0")));
        await using var a = await ConnectAsync(server);

        var watch = Stopwatch.StartNew();
        Assert.Equal(503, await WsClient.ConnectExpectingStatusAsync(server.WebSocketUri("/ws")));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"waited {watch.Elapsed} although no upgrade may wait");
    }

    private static HttpRequestMessage WebSocketRequest(DispatchServer server)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.HttpBase, "/ws"));
        request.Headers.TryAddWithoutValidation("Upgrade", "websocket");
        request.Headers.TryAddWithoutValidation("Connection", "Upgrade");
        request.Headers.TryAddWithoutValidation("Sec-WebSocket-Key", Convert.ToBase64String(Encoding.ASCII.GetBytes("0123456789abcdef")));
        request.Headers.TryAddWithoutValidation("Sec-WebSocket-Version", "13");
        return request;
    }
}
