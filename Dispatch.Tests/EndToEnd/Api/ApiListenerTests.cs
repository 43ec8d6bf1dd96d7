using System.Net;

namespace Dispatch.Tests.EndToEnd.Api;

/// <summary>The API and the websocket endpoint are separate listeners; neither serves the other's routes.</summary>
public sealed class ApiListenerTests(ApiAppFixture fixture) : ApiTestBase, IClassFixture<ApiAppFixture>
{
    protected override DispatchServer Server => fixture.Server;

    [Fact]
    public void TheApi_ListensOnItsOwnLoopbackPort()
    {
        Assert.NotNull(Server.ApiBase);
        Assert.Equal("127.0.0.1", Server.ApiBase!.Host);
        Assert.NotEqual(Server.HttpBase.Port, Server.ApiBase.Port);
    }

    [Theory]
    [InlineData("/v1/counts")]
    [InlineData("/openapi.json")]
    [InlineData("/v1/admin/workers")]
    public async Task TheWebSocketListener_DoesNotServeApiRoutes(string path)
    {
        using var http = new HttpClient { BaseAddress = Server.HttpBase };
        http.DefaultRequestHeaders.Authorization = new("Bearer", DispatchServer.ApiToken);
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheApiListener_DoesNotAcceptWebsockets()
    {
        var status = await WsClient.ConnectExpectingStatusAsync(new Uri($"ws://{Server.ApiBase!.Authority}/ws"), options =>
            options.SetRequestHeader("Authorization", "Bearer " + DispatchServer.ApiToken));
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task Readyz_OnTheApiListener_IsTheSameReport()
    {
        using var api = Server.ApiClient(token: null);
        var reply = await ApiReply.GetAsync(api, "/readyz");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("ready", reply.Body.GetProperty("status").GetString());
        Assert.Equal(2, reply.Body.GetProperty("live_workers").GetInt32());
    }
}
