using System.Net;
using System.Net.WebSockets;
using System.Text.Json;

namespace Dispatch.Tests.EndToEnd.Api;

/// <summary>Closes and kicks through the API: the client sees the close code, the worker's onClose runs (observers of
/// <c>contract.php</c> hear about every close), and a kicked room no longer receives.</summary>
public sealed class ApiCloseTests(ApiAppFixture fixture) : ApiTestBase, IClassFixture<ApiAppFixture>
{
    protected override DispatchServer Server => fixture.Server;

    [Fact]
    public async Task CloseConnection_ClientSeesTheCodeAndTheWorkerGetsTheCloseEvent()
    {
        var (observer, _) = await ConnectAsync("?observe=1");
        var (client, id) = await ConnectAsync();
        await using var _o = observer;
        await using var _c = client;
        using var api = Server.ApiClient();

        var reply = await ApiReply.PostAsync(api, $"/v1/connections/{id}/close", Json(new { code = 4003, reason = "banned" }));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(1, reply.Int("closed"));
        var (status, description, _) = await client.ReceiveCloseAsync();
        Assert.Equal((WebSocketCloseStatus)4003, status);
        Assert.Equal("banned", description);
        var notice = await ReceiveCloseNoticeAsync(observer, id);
        Assert.Equal(4003, notice.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task CloseConnection_WithoutABody_Closes1000()
    {
        var (client, id) = await ConnectAsync();
        await using var _c = client;
        using var api = Server.ApiClient();

        var reply = await ApiReply.PostAsync(api, $"/v1/connections/{id}/close", json: null);

        Assert.Equal(1, reply.Int("closed"));
        var (status, _, _) = await client.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.NormalClosure, status);
    }

    [Fact]
    public async Task CloseConnection_Unknown_Is404()
    {
        using var api = Server.ApiClient();
        var reply = await ApiReply.PostAsync(api, "/v1/connections/no-such-connection/close", "{}");
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("unknown_connection", reply.Error);
    }

    [Fact]
    public async Task CloseUser_ClosesEveryConnectionOfTheUserOnly()
    {
        var user = Unique("leaver");
        var (observer, _) = await ConnectAsync("?observe=1");
        var (first, idFirst) = await ConnectAsync($"?user={user}");
        var (second, idSecond) = await ConnectAsync($"?user={user}");
        var (bystander, _) = await ConnectAsync($"?user={Unique("stays")}");
        await using var _o = observer;
        await using var _1 = first;
        await using var _2 = second;
        await using var _b = bystander;
        using var api = Server.ApiClient();

        var reply = await ApiReply.PostAsync(api, $"/v1/users/{user}/close", Json(new { code = 4000, reason = "logged out" }));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(2, reply.Int("closed"));
        Assert.Equal((WebSocketCloseStatus)4000, (await first.ReceiveCloseAsync()).Status);
        Assert.Equal((WebSocketCloseStatus)4000, (await second.ReceiveCloseAsync()).Status);
        var notices = new HashSet<string>(StringComparer.Ordinal);
        while (notices.Count < 2)
        {
            using var doc = JsonDocument.Parse(await observer.ReceiveTextAsync());
            var closed = doc.RootElement.GetProperty("closed").GetString()!;
            if (closed == idFirst || closed == idSecond)
            {
                Assert.Equal(4000, doc.RootElement.GetProperty("code").GetInt32());
                notices.Add(closed);
            }
        }

        await bystander.SendTextAsync("echo:still open");
        Assert.Equal("still open", await bystander.ReceiveTextAsync());
    }

    [Fact]
    public async Task CloseUser_WithoutConnections_ClosesNone()
    {
        using var api = Server.ApiClient();
        var reply = await ApiReply.PostAsync(api, $"/v1/users/{Unique("ghost")}/close", json: null);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(0, reply.Int("closed"));
    }

    [Fact]
    public async Task Kick_EmptiesTheRoom_SoAPublishReachesNobody_ButTheConnectionsStayOpen()
    {
        var room = Unique("kick");
        var (a, _) = await ConnectAsync($"?room={room}");
        var (b, _) = await ConnectAsync($"?room={room}");
        await using var _a = a;
        await using var _b = b;
        using var api = Server.ApiClient();

        var reply = await ApiReply.PostAsync(api, $"/v1/rooms/{room}/kick", json: null);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(2, reply.Int("removed"));
        Assert.Equal(0, (await ApiReply.PostAsync(api, $"/v1/rooms/{room}/publish", Json(new { data = "gone?" }))).Int("delivered"));
        Assert.Equal(0, (await ApiReply.GetAsync(api, $"/v1/rooms/{room}/members")).Int("count"));
        await a.SendTextAsync("echo:open");
        Assert.Equal("open", await a.ReceiveTextAsync());
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
}
