using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Dispatch.Tests.EndToEnd;

/// <summary>
/// The websocket contract both modes must keep, driven through <c>Apps/contract.php</c>: run once per mode by
/// <see cref="MessageDispatchTests"/> (message-dispatch) and <c>Hosted.HostedContractTests</c> (connection-hosted,
/// where every websocket sits on a worker of its own, so every scenario with several clients also crosses workers).
/// What differs between the modes stays in those two classes.
/// </summary>
public abstract class ContractScenarios
{
    protected abstract DispatchServer Server { get; }

    protected async Task<(WsClient Client, string Id)> ConnectAsync(string query = "")
    {
        var client = await WsClient.ConnectAsync(Server.WebSocketUri("/ws" + query));
        var welcome = await client.ReceiveTextAsync();
        Assert.StartsWith("welcome:", welcome, StringComparison.Ordinal);
        return (client, welcome["welcome:".Length..]);
    }

    [Fact]
    public async Task Message_Echo_RepliesWithTheSameText()
    {
        var (client, _) = await ConnectAsync();
        await using var _c = client;
        await client.SendTextAsync("echo:héllo wörld");
        Assert.Equal("héllo wörld", await client.ReceiveTextAsync());
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
    public async Task ConnectionIds_AreUniqueUnguessablyLongAndTheHandlerSeesTheSameId()
    {
        var (a, idA) = await ConnectAsync();
        var (b, idB) = await ConnectAsync();
        await using var _a = a;
        await using var _b = b;
        Assert.NotEqual(idA, idB);
        Assert.True(idA.Length >= 16, $"id '{idA}' is too short to carry 96 random bits");
        await a.SendTextAsync("id");
        Assert.Equal(idA, await a.ReceiveTextAsync());
    }

    [Fact]
    public async Task SetMetadata_IsVisibleInTheNextEventsMetadata()
    {
        var (client, id) = await ConnectAsync("?room=meta-room&user=u-meta");
        await using var _c = client;
        await client.SendTextAsync("set:role=admin");
        Assert.Equal("ok", await client.ReceiveTextAsync());
        await client.SendTextAsync("meta");
        using var meta = JsonDocument.Parse(await client.ReceiveTextAsync());
        var root = meta.RootElement;
        Assert.Equal("admin", root.GetProperty("attrs").GetProperty("role").GetString());
        Assert.Equal("u-meta", root.GetProperty("user_id").GetString());
        Assert.Contains("meta-room", root.GetProperty("rooms").EnumerateArray().Select(static r => r.GetString()));
        Assert.Equal("/ws", root.GetProperty("path").GetString());
        Assert.Equal("127.0.0.1", root.GetProperty("remote_addr").GetString());
        Assert.True(root.GetProperty("connected_at").GetInt64() > 1_700_000_000_000);
        Assert.NotEqual(id, root.GetProperty("attrs").TryGetProperty("id", out var v) ? v.GetString() : null);
    }

    [Fact]
    public async Task SetMetadata_CannotOverwriteReservedFields()
    {
        var (client, _) = await ConnectAsync();
        await using var _c = client;
        await client.SendTextAsync("set:path=/hacked");
        Assert.Equal("ok", await client.ReceiveTextAsync());
        await client.SendTextAsync("meta");
        using var meta = JsonDocument.Parse(await client.ReceiveTextAsync());
        Assert.Equal("/ws", meta.RootElement.GetProperty("path").GetString());
        // PHP's json_encode writes an empty attrs map as [].
        var attrs = meta.RootElement.GetProperty("attrs");
        Assert.True(attrs.ValueKind == JsonValueKind.Array ? attrs.GetArrayLength() == 0 : !attrs.TryGetProperty("path", out _));
    }

    [Fact]
    public async Task SendTo_ReachesTheTargetConnectionOnly()
    {
        var (a, _) = await ConnectAsync();
        var (b, idB) = await ConnectAsync();
        var (c, _) = await ConnectAsync();
        await using var _a = a;
        await using var _b = b;
        await using var _cc = c;
        await a.SendTextAsync($"to:{idB}:psst");
        Assert.Equal("ok", await a.ReceiveTextAsync());
        Assert.Equal("psst", await b.ReceiveTextAsync());

        // c got nothing: the next thing it receives is its own echo.
        await c.SendTextAsync("echo:mine");
        Assert.Equal("mine", await c.ReceiveTextAsync());
    }

    [Fact]
    public async Task SendTo_UnknownTarget_IsIgnoredAndTheRestApplies()
    {
        var (a, _) = await ConnectAsync();
        await using var _a = a;
        await a.SendTextAsync("to:no-such-connection:hello");
        Assert.Equal("ok", await a.ReceiveTextAsync());
    }

    [Fact]
    public async Task SendToUser_ReachesEveryConnectionOfThatUser()
    {
        var user = "u-" + Guid.NewGuid().ToString("N");
        var (a1, _) = await ConnectAsync($"?user={user}");
        var (a2, _) = await ConnectAsync($"?user={user}");
        var (other, _) = await ConnectAsync("?user=someone-else");
        var (sender, _) = await ConnectAsync();
        await using var _1 = a1;
        await using var _2 = a2;
        await using var _3 = other;
        await using var _4 = sender;

        await sender.SendTextAsync($"user:{user}:for you");
        Assert.Equal("ok", await sender.ReceiveTextAsync());
        Assert.Equal("for you", await a1.ReceiveTextAsync());
        Assert.Equal("for you", await a2.ReceiveTextAsync());
        await other.SendTextAsync("echo:nothing before this");
        Assert.Equal("nothing before this", await other.ReceiveTextAsync());
    }

    [Fact]
    public async Task Broadcast_ReachesTheRoomExceptTheSender_InBothDirections()
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
        await a.SendTextAsync("echo:a-next");
        Assert.Equal("a-next", await a.ReceiveTextAsync());
        await outsider.SendTextAsync("echo:o-next");
        Assert.Equal("o-next", await outsider.ReceiveTextAsync());
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
    public async Task WorkerClose_AlsoReachesOnCloseWithTheWorkersCode()
    {
        var (observer, _) = await ConnectAsync("?observe=1");
        var (client, id) = await ConnectAsync();
        await using var _o = observer;
        await using var _c = client;

        await client.SendTextAsync("close:4001:kicked");
        await client.ReceiveCloseAsync();
        var notice = await ReceiveCloseNoticeAsync(observer, id);
        Assert.Equal(4001, notice.GetProperty("code").GetInt32());
    }

    private static async Task<JsonElement> ReceiveCloseNoticeAsync(WsClient observer, string id)
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
    public async Task Open_HandlerThrows_Gets500WithoutTheExceptionText_AndTheNextWebsocketIsServed()
    {
        using var http = new HttpClient();
        using var request = WebSocketRequest("/ws?throw=1");
        using var response = await http.SendAsync(request);
        Assert.Equal(500, (int)response.StatusCode);
        Assert.DoesNotContain("secret detail", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The worker that answered the failed open keeps serving (in hosted mode it hosts the next websocket).
        var (client, _) = await ConnectAsync();
        await using var _c = client;
        await client.SendTextAsync("echo:still serving");
        Assert.Equal("still serving", await client.ReceiveTextAsync());
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
    [InlineData("Connection")]
    [InlineData("Sec-WebSocket-Version")]
    public async Task Upgrade_MissingHeader_Gets400(string missing)
    {
        using var http = new HttpClient();
        using var request = WebSocketRequest("/ws");
        request.Headers.Remove(missing);
        if (missing == "Connection")
        {
            request.Headers.ConnectionClose = false;
        }

        using var response = await http.SendAsync(request);
        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task Upgrade_PostWithUpgradeHeaders_Gets400()
    {
        using var http = new HttpClient();
        using var request = WebSocketRequest("/ws");
        request.Method = HttpMethod.Post;
        using var response = await http.SendAsync(request);
        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task NonWebSocketPath_IsNotTheGatewaysBusiness()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(Server.HttpBase, "/wsx"));
        Assert.Equal(404, (int)response.StatusCode);
        using var nested = await http.GetAsync(new Uri(Server.HttpBase, "/ws/chat"));
        Assert.Equal(426, (int)nested.StatusCode);
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
