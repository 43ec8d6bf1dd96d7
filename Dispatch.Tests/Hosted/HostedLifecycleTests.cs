using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Dispatch.Tests.EndToEnd;

namespace Dispatch.Tests.Hosted;

/// <summary>
/// Connection-hosted mode (CONTRACT 5) end to end: real service, real PHP workers (each websocket on a worker of its
/// own), real websockets, the same handler file as message-dispatch mode.
/// </summary>
public sealed class HostedLifecycleTests(HostedContractFixture fixture) : IClassFixture<HostedContractFixture>
{
    private DispatchServer Server => fixture.Server;

    private async Task<(WsClient Client, string Id)> ConnectAsync(string query = "")
    {
        var client = await WsClient.ConnectAsync(Server.WebSocketUri("/ws" + query));
        var welcome = await client.ReceiveTextAsync();
        Assert.StartsWith("welcome:", welcome, StringComparison.Ordinal);
        return (client, welcome["welcome:".Length..]);
    }

    [Fact]
    public async Task Upgrade_PlainGet_Gets426WithUpgradeHeader()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(Server.HttpBase, "/ws"));
        Assert.Equal(426, (int)response.StatusCode);
        Assert.Contains("websocket", response.Headers.Upgrade.Select(static u => u.Name), StringComparer.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Sec-WebSocket-Key")]
    [InlineData("Sec-WebSocket-Version")]
    public async Task Upgrade_MissingHeader_Gets400(string missing)
    {
        using var http = new HttpClient();
        using var request = WebSocketRequest("/ws");
        request.Headers.Remove(missing);
        using var response = await http.SendAsync(request);
        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task Open_Accepted_WorkerFramesReachTheClient()
    {
        var (client, id) = await ConnectAsync();
        await using var _c = client;
        Assert.True(id.Length >= 16, $"id '{id}' is too short to carry 96 random bits");

        await client.SendTextAsync("echo:héllo wörld");
        Assert.Equal("héllo wörld", await client.ReceiveTextAsync());
        await client.SendTextAsync("id");
        Assert.Equal(id, await client.ReceiveTextAsync());
    }

    [Fact]
    public async Task Message_Binary_IsDeliveredAsRawBytesAndEchoedAsBinary()
    {
        var (client, _) = await ConnectAsync();
        await using var _c = client;
        var bytes = new byte[] { 0, 1, 2, 255, 254, 10, 13 };
        await client.SendBinaryAsync(bytes);
        var (type, data) = await client.ReceiveAsync();
        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal(bytes, data);
    }

    [Fact]
    public async Task SetMetadata_IsVisibleInTheNextEventsMetadata()
    {
        var (client, _) = await ConnectAsync("?room=hosted-meta&user=u-hosted");
        await using var _c = client;
        await client.SendTextAsync("set:role=admin");
        Assert.Equal("ok", await client.ReceiveTextAsync());
        await client.SendTextAsync("meta");
        using var meta = JsonDocument.Parse(await client.ReceiveTextAsync());
        var root = meta.RootElement;
        Assert.Equal("admin", root.GetProperty("attrs").GetProperty("role").GetString());
        Assert.Equal("u-hosted", root.GetProperty("user_id").GetString());
        Assert.Contains("hosted-meta", root.GetProperty("rooms").EnumerateArray().Select(static r => r.GetString()));
        Assert.Equal("/ws", root.GetProperty("path").GetString());
    }

    [Fact]
    public async Task WorkerClose_ClosesTheClientWithItsCodeAndReason()
    {
        var (client, _) = await ConnectAsync();
        await using var _c = client;
        await client.SendTextAsync("close:4000:go away");
        var (status, description, _) = await client.ReceiveCloseAsync();
        Assert.Equal((WebSocketCloseStatus)4000, status);
        Assert.Equal("go away", description);
    }

    [Fact]
    public async Task ClientClose_ReachesTheWorkersOnCloseWithItsCode()
    {
        var (observer, _) = await ConnectAsync("?observe=1");
        var (client, id) = await ConnectAsync();
        await using var _o = observer;
        await using var _c = client;

        await client.CloseAsync((WebSocketCloseStatus)4321, "see you");
        var notice = await ReceiveCloseNoticeAsync(observer, id);
        Assert.Equal(4321, notice.GetProperty("code").GetInt32());
        Assert.Equal("see you", notice.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Open_RejectedByHandler_Gets403()
    {
        Assert.Equal(403, await WsClient.ConnectExpectingStatusAsync(Server.WebSocketUri("/ws?reject=1")));
    }

    [Fact]
    public async Task Open_RejectedWithStatus_GetsThatStatus()
    {
        Assert.Equal(401, await WsClient.ConnectExpectingStatusAsync(Server.WebSocketUri("/ws?status=401")));
    }

    [Fact]
    public async Task Open_HandlerThrows_Gets500WithoutTheExceptionText()
    {
        using var http = new HttpClient();
        using var request = WebSocketRequest("/ws?throw=1");
        using var response = await http.SendAsync(request);
        Assert.Equal(500, (int)response.StatusCode);
        Assert.DoesNotContain("secret detail", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The worker that answered the failed open serves the next websocket.
        var (client, _) = await ConnectAsync();
        await using var _c = client;
        await client.SendTextAsync("echo:still serving");
        Assert.Equal("still serving", await client.ReceiveTextAsync());
    }

    [Fact]
    public async Task Message_HandlerThrows_ClientGetsAnErrorFrameWithoutTheTextThenClose1011()
    {
        var (client, _) = await ConnectAsync();
        await using var _c = client;
        await client.SendTextAsync("throw");
        var (status, _, before) = await client.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.InternalServerError, status);
        var error = Assert.Single(before);
        using var frame = JsonDocument.Parse(error);
        Assert.Equal("worker_runtime_error", frame.RootElement.GetProperty("error_class").GetString());
        Assert.DoesNotContain("on purpose", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SequentialWebsockets_ReuseTheWorkers()
    {
        var supervisor = Server.GetRequiredService<Dispatch.Pipeline.Workers.IWorkerSupervisor>();
        var pids = supervisor.GetStatus().Select(static w => w.ProcessId).ToHashSet();
        for (var i = 0; i < HostedContractFixture.Workers * 2; i++)
        {
            var (client, _) = await ConnectAsync();
            await client.SendTextAsync($"echo:{i}");
            Assert.Equal($"{i}", await client.ReceiveTextAsync());
            await client.CloseAsync();
            await client.DisposeAsync();
        }

        // No worker was replaced: a websocket's end releases its worker for the next one.
        Assert.Equal(pids, supervisor.GetStatus().Select(static w => w.ProcessId).ToHashSet());
    }

    internal static async Task<JsonElement> ReceiveCloseNoticeAsync(WsClient observer, string id)
    {
        // Other tests' connections close too; wait for the one about this id.
        while (true)
        {
            using var doc = JsonDocument.Parse(await observer.ReceiveTextAsync());
            if (doc.RootElement.GetProperty("closed").GetString() == id)
            {
                return doc.RootElement.Clone();
            }
        }
    }

    private HttpRequestMessage WebSocketRequest(string pathAndQuery)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Server.HttpBase, pathAndQuery));
        request.Headers.TryAddWithoutValidation("Upgrade", "websocket");
        request.Headers.TryAddWithoutValidation("Connection", "Upgrade");
        request.Headers.TryAddWithoutValidation("Sec-WebSocket-Key", Convert.ToBase64String(Encoding.ASCII.GetBytes("0123456789abcdef")));
        request.Headers.TryAddWithoutValidation("Sec-WebSocket-Version", "13");
        return request;
    }
}
