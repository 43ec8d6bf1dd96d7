using System.Net;
using System.Net.WebSockets;

namespace Dispatch.Tests.EndToEnd.Api;

/// <summary>Publish and sends through the API, with delivery checked on real websockets.</summary>
public sealed class ApiDeliveryTests(ApiAppFixture fixture) : ApiTestBase, IClassFixture<ApiAppFixture>
{
    protected override DispatchServer Server => fixture.Server;

    [Fact]
    public async Task Publish_ReachesEveryMemberButTheExceptedOne_AndCountsThem()
    {
        var room = Unique("pub");
        var (a, idA) = await ConnectAsync($"?room={room}");
        var (b, _) = await ConnectAsync($"?room={room}");
        var (c, _) = await ConnectAsync($"?room={room}");
        var (outsider, _) = await ConnectAsync();
        await using var _a = a;
        await using var _b = b;
        await using var _c = c;
        await using var _o = outsider;
        using var api = Server.ApiClient();

        var reply = await ApiReply.PostAsync(api, $"/v1/rooms/{room}/publish", Json(new { data = "hello room", except_id = idA }));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(2, reply.Int("delivered"));
        Assert.Equal("hello room", await b.ReceiveTextAsync());
        Assert.Equal("hello room", await c.ReceiveTextAsync());

        // a was excepted and the outsider is not a member: the next thing each receives is its own echo.
        await a.SendTextAsync("echo:after");
        Assert.Equal("after", await a.ReceiveTextAsync());
        await outsider.SendTextAsync("echo:after");
        Assert.Equal("after", await outsider.ReceiveTextAsync());
    }

    [Fact]
    public async Task Publish_Binary_DecodesBase64AndSendsABinaryFrame()
    {
        var room = Unique("bin");
        var (member, _) = await ConnectAsync($"?room={room}");
        await using var _m = member;
        using var api = Server.ApiClient();
        var bytes = new byte[] { 0, 1, 2, 255, 254, 10 };

        var reply = await ApiReply.PostAsync(api, $"/v1/rooms/{room}/publish", Json(new { data = Convert.ToBase64String(bytes), opcode = "binary" }));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(1, reply.Int("delivered"));
        var (type, data) = await member.ReceiveAsync();
        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal(bytes, data);
    }

    [Fact]
    public async Task Publish_ToARoomNobodyIsIn_DeliversToNone()
    {
        using var api = Server.ApiClient();
        var reply = await ApiReply.PostAsync(api, $"/v1/rooms/{Unique("empty")}/publish", Json(new { data = "anyone?" }));
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(0, reply.Int("delivered"));
    }

    [Fact]
    public async Task Publish_RoomWithAnEncodedSlash_ReachesThatRoom()
    {
        var room = Unique("a") + "/b c";
        var (member, _) = await ConnectAsync($"?room={Uri.EscapeDataString(room)}");
        await using var _m = member;
        using var api = Server.ApiClient();

        var reply = await ApiReply.PostAsync(api, $"/v1/rooms/{Uri.EscapeDataString(room)}/publish", Json(new { data = "slashed" }));

        Assert.Equal(1, reply.Int("delivered"));
        Assert.Equal("slashed", await member.ReceiveTextAsync());
    }

    [Fact]
    public async Task SendToConnection_ReachesOnlyThatConnection()
    {
        var (target, id) = await ConnectAsync();
        var (other, _) = await ConnectAsync();
        await using var _t = target;
        await using var _o = other;
        using var api = Server.ApiClient();

        var reply = await ApiReply.PostAsync(api, $"/v1/connections/{id}/send", Json(new { data = "just you" }));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(1, reply.Int("delivered"));
        Assert.Equal("just you", await target.ReceiveTextAsync());
        await other.SendTextAsync("echo:mine");
        Assert.Equal("mine", await other.ReceiveTextAsync());
    }

    [Fact]
    public async Task SendToConnection_Unknown_Is404()
    {
        using var api = Server.ApiClient();
        var reply = await ApiReply.PostAsync(api, "/v1/connections/no-such-connection/send", Json(new { data = "x" }));
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("unknown_connection", reply.Error);
    }

    [Fact]
    public async Task SendToUser_ReachesEveryConnectionOfTheUser()
    {
        var user = Unique("user");
        var (first, _) = await ConnectAsync($"?user={user}");
        var (second, _) = await ConnectAsync($"?user={user}");
        var (stranger, _) = await ConnectAsync($"?user={Unique("other")}");
        await using var _1 = first;
        await using var _2 = second;
        await using var _s = stranger;
        using var api = Server.ApiClient();

        var reply = await ApiReply.PostAsync(api, $"/v1/users/{user}/send", Json(new { data = "order shipped" }));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(2, reply.Int("delivered"));
        Assert.Equal("order shipped", await first.ReceiveTextAsync());
        Assert.Equal("order shipped", await second.ReceiveTextAsync());
        await stranger.SendTextAsync("echo:mine");
        Assert.Equal("mine", await stranger.ReceiveTextAsync());
    }

    [Fact]
    public async Task SendToUser_WithoutConnections_DeliversToNone()
    {
        using var api = Server.ApiClient();
        var reply = await ApiReply.PostAsync(api, $"/v1/users/{Unique("nobody")}/send", Json(new { data = "x" }));
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(0, reply.Int("delivered"));
    }
}
