using System.Net;

namespace Dispatch.Tests.EndToEnd.Api;

/// <summary>Reading a connection and a room's members (presence) through the API.</summary>
public sealed class ApiQueryTests(ApiAppFixture fixture) : ApiTestBase, IClassFixture<ApiAppFixture>
{
    protected override DispatchServer Server => fixture.Server;

    [Fact]
    public async Task Connection_ShowsUserRoomsAttrsAndTheReservedFacts()
    {
        var user = Unique("reader");
        var room = Unique("room");
        var before = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var (client, id) = await ConnectAsync($"?room={room}&user={user}");
        await using var _c = client;
        await client.SendTextAsync("set:plan=pro");
        Assert.Equal("ok", await client.ReceiveTextAsync());
        using var api = Server.ApiClient();

        var reply = await ApiReply.GetAsync(api, $"/v1/connections/{id}");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var body = reply.Body;
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal(user, body.GetProperty("user_id").GetString());
        Assert.Equal([room], body.GetProperty("rooms").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("pro", body.GetProperty("attrs").GetProperty("plan").GetString());
        Assert.Equal("/ws", body.GetProperty("path").GetString());
        Assert.Equal("127.0.0.1", body.GetProperty("remote_addr").GetString());
        var connectedAt = body.GetProperty("connected_at").GetInt64();
        Assert.InRange(connectedAt, before - 1000, TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Connection_Unbound_HasANullUserId()
    {
        var (client, id) = await ConnectAsync();
        await using var _c = client;
        using var api = Server.ApiClient();

        var reply = await ApiReply.GetAsync(api, $"/v1/connections/{id}");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, reply.Body.GetProperty("user_id").ValueKind);
        Assert.Empty(reply.Body.GetProperty("rooms").EnumerateArray());
    }

    [Fact]
    public async Task Connection_Unknown_Is404()
    {
        using var api = Server.ApiClient();
        var reply = await ApiReply.GetAsync(api, "/v1/connections/no-such-connection");
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("unknown_connection", reply.Error);
    }

    [Fact]
    public async Task Members_ListsEveryMemberWithUserIdAndAttrs()
    {
        var room = Unique("presence");
        var alice = Unique("alice");
        var (a, idA) = await ConnectAsync($"?room={room}&user={alice}");
        var (b, idB) = await ConnectAsync($"?room={room}");
        var (outsider, _) = await ConnectAsync($"?room={Unique("elsewhere")}");
        await using var _a = a;
        await using var _b = b;
        await using var _o = outsider;
        await a.SendTextAsync("set:status=away");
        Assert.Equal("ok", await a.ReceiveTextAsync());
        using var api = Server.ApiClient();

        var reply = await ApiReply.GetAsync(api, $"/v1/rooms/{room}/members");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(room, reply.Body.GetProperty("room").GetString());
        Assert.Equal(2, reply.Int("count"));
        var members = reply.Body.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!);
        Assert.Equal(new[] { idA, idB }.Order(StringComparer.Ordinal), members.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(alice, members[idA].GetProperty("user_id").GetString());
        Assert.Equal("away", members[idA].GetProperty("attrs").GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, members[idB].GetProperty("user_id").ValueKind);
        Assert.Empty(members[idB].GetProperty("attrs").EnumerateObject());
    }

    [Fact]
    public async Task Members_OfAnUnknownRoom_IsAnEmptyList()
    {
        using var api = Server.ApiClient();
        var room = Unique("nobody-here");
        var reply = await ApiReply.GetAsync(api, $"/v1/rooms/{room}/members");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(0, reply.Int("count"));
        Assert.Empty(reply.Body.GetProperty("members").EnumerateArray());
    }
}
