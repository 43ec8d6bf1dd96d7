using System.Net;

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
        await using var _a = a;
        await using var _b = b;
        await using var _c = c;
        using var api = Server.ApiClient();

        var reply = await ApiReply.PostAsync(api, $"/v1/rooms/{room}/publish", Json(new { data = "hello room", except_id = idA }));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(2, reply.Int("delivered"));
        Assert.Equal("hello room", await b.ReceiveTextAsync());
        Assert.Equal("hello room", await c.ReceiveTextAsync());

        // a was excepted: the next thing it receives is its own echo, not the publish.
        await a.SendTextAsync("echo:after");
        Assert.Equal("after", await a.ReceiveTextAsync());
    }
}
