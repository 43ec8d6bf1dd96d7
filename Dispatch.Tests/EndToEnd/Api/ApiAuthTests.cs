using System.Net;

namespace Dispatch.Tests.EndToEnd.Api;

/// <summary>The bearer token: required everywhere but the health checks, never echoed.</summary>
public sealed class ApiAuthTests(ApiAppFixture fixture) : ApiTestBase, IClassFixture<ApiAppFixture>
{
    protected override DispatchServer Server => fixture.Server;

    [Theory]
    [InlineData("GET", "/v1/counts")]
    [InlineData("POST", "/v1/rooms/lobby/publish")]
    [InlineData("GET", "/v1/admin/workers")]
    [InlineData("GET", "/openapi.json")]
    [InlineData("GET", "/v1/no-such-route")]
    public async Task MissingToken_Is401WithBearerChallenge(string method, string path)
    {
        using var api = Server.ApiClient(token: null);
        var reply = await ApiReply.SendAsync(api, new HttpMethod(method), path);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("Bearer", Assert.Single(reply.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("unauthorized", reply.Error);
        Assert.False(string.IsNullOrEmpty(reply.Body.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task WrongToken_Is401AndTheTokenIsNotEchoed()
    {
        const string guess = "not-the-token-b61c";
        using var api = Server.ApiClient(guess);
        var reply = await ApiReply.GetAsync(api, "/v1/counts");

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("unauthorized", reply.Error);
        Assert.Equal("Bearer", Assert.Single(reply.Headers.WwwAuthenticate).Scheme);
        Assert.DoesNotContain(guess, reply.Body.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(DispatchServer.ApiToken, reply.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RightToken_IsAccepted()
    {
        using var api = Server.ApiClient();
        var reply = await ApiReply.GetAsync(api, "/v1/counts");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task HealthChecks_NeedNoToken(string path)
    {
        using var api = Server.ApiClient(token: null);
        using var response = await api.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
