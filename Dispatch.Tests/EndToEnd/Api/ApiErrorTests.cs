using System.Net;
using System.Text;

namespace Dispatch.Tests.EndToEnd.Api;

/// <summary>Bad input gets a clear 4xx with a stable error code, and nothing is delivered.</summary>
public sealed class ApiErrorTests(ApiAppFixture fixture) : ApiTestBase, IClassFixture<ApiAppFixture>
{
    /// <summary>The default <c>Dispatch:Limits:MaxMessageBytes</c>.</summary>
    private const int MaxMessageBytes = 1024 * 1024;

    protected override DispatchServer Server => fixture.Server;

    [Theory]
    [InlineData("{\"data\":")]
    [InlineData("not json")]
    [InlineData("{\"data\":\"x\"} trailing")]
    public async Task MalformedJson_Is400InvalidJson(string body)
    {
        using var api = Server.ApiClient();
        var reply = await ApiReply.PostAsync(api, $"/v1/rooms/{Unique("r")}/publish", body);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("invalid_json", reply.Error);
    }

    [Theory]
    [InlineData("[\"data\"]")]
    [InlineData("\"data\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task NonObjectBody_Is400InvalidJson(string body)
    {
        using var api = Server.ApiClient();
        var reply = await ApiReply.PostAsync(api, $"/v1/users/{Unique("u")}/send", body);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("invalid_json", reply.Error);
        Assert.Contains("object", reply.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingBody_OnASend_Is400InvalidJson()
    {
        using var api = Server.ApiClient();
        var reply = await ApiReply.PostAsync(api, $"/v1/rooms/{Unique("r")}/publish", json: null);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("invalid_json", reply.Error);
    }

    [Theory]
    [InlineData("{\"data\":42}")]
    [InlineData("{\"opcode\":\"text\"}")]
    public async Task WrongTypeOrMissingData_Is400InvalidRequestNamingTheField(string body)
    {
        using var api = Server.ApiClient();
        var reply = await ApiReply.PostAsync(api, $"/v1/rooms/{Unique("r")}/publish", body);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("invalid_request", reply.Error);
        Assert.Contains(reply.Problems, p => p.Contains("data", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownFields_AreIgnored()
    {
        var room = Unique("r");
        var (member, _) = await ConnectAsync($"?room={room}");
        await using var _m = member;
        using var api = Server.ApiClient();
        var reply = await ApiReply.PostAsync(api, $"/v1/rooms/{room}/publish", "{\"data\":\"hi\",\"priority\":9}");
        Assert.Equal(1, reply.Int("delivered"));
        Assert.Equal("hi", await member.ReceiveTextAsync());
    }

    [Fact]
    public async Task BadRoomName_Is400_AndNothingIsDelivered()
    {
        var tooLong = new string('r', 129);
        using var api = Server.ApiClient();

        var publish = await ApiReply.PostAsync(api, $"/v1/rooms/{tooLong}/publish", Json(new { data = "x" }));
        var kick = await ApiReply.PostAsync(api, $"/v1/rooms/{tooLong}/kick", json: null);

        Assert.Equal(HttpStatusCode.BadRequest, publish.Status);
        Assert.Equal("invalid_request", publish.Error);
        Assert.Contains(publish.Problems, p => p.Contains("room name", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, kick.Status);
    }

    [Fact]
    public async Task OversizedData_Is400_AndTheMemberReceivesNothing()
    {
        var room = Unique("big");
        var (member, _) = await ConnectAsync($"?room={room}");
        await using var _m = member;
        using var api = Server.ApiClient();

        var reply = await ApiReply.PostAsync(api, $"/v1/rooms/{room}/publish", Json(new { data = new string('x', MaxMessageBytes + 1) }));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("invalid_request", reply.Error);
        Assert.Contains(reply.Problems, p => p.Contains($"above {MaxMessageBytes}", StringComparison.Ordinal));
        await member.SendTextAsync("echo:nothing before this");
        Assert.Equal("nothing before this", await member.ReceiveTextAsync());
    }

    [Fact]
    public async Task DataOfExactlyMaxMessageBytes_IsDelivered()
    {
        var room = Unique("max");
        var (member, _) = await ConnectAsync($"?room={room}");
        await using var _m = member;
        using var api = Server.ApiClient();

        var reply = await ApiReply.PostAsync(api, $"/v1/rooms/{room}/publish", Json(new { data = new string('x', MaxMessageBytes) }));

        Assert.Equal(1, reply.Int("delivered"));
        Assert.Equal(MaxMessageBytes, (await member.ReceiveTextAsync()).Length);
    }

    [Theory]
    [InlineData("{\"data\":\"not base64!\",\"opcode\":\"binary\"}", "base64")]
    [InlineData("{\"data\":\"x\",\"opcode\":\"ping\"}", "opcode")]
    public async Task BadPayload_Is400(string body, string mentioned)
    {
        var (target, id) = await ConnectAsync();
        await using var _t = target;
        using var api = Server.ApiClient();
        var reply = await ApiReply.PostAsync(api, $"/v1/connections/{id}/send", body);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("invalid_request", reply.Error);
        Assert.Contains(reply.Problems, p => p.Contains(mentioned, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(999)]
    [InlineData(1005)]
    [InlineData(1006)]
    [InlineData(2000)]
    [InlineData(5000)]
    public async Task BadCloseCode_Is400_AndTheConnectionStaysOpen(int code)
    {
        var (client, id) = await ConnectAsync();
        await using var _c = client;
        using var api = Server.ApiClient();

        var reply = await ApiReply.PostAsync(api, $"/v1/connections/{id}/close", Json(new { code }));
        var user = await ApiReply.PostAsync(api, $"/v1/users/{Unique("u")}/close", Json(new { code }));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("invalid_request", reply.Error);
        Assert.Contains(reply.Problems, p => p.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, user.Status);
        await client.SendTextAsync("echo:open");
        Assert.Equal("open", await client.ReceiveTextAsync());
    }

    [Fact]
    public async Task CloseReasonTooLong_Is400()
    {
        var (client, id) = await ConnectAsync();
        await using var _c = client;
        using var api = Server.ApiClient();
        var reply = await ApiReply.PostAsync(api, $"/v1/connections/{id}/close", Json(new { code = 4000, reason = new string('r', 124) }));
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(reply.Problems, p => p.Contains("reason", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BodyAboveMaxBodyBytes_Is413()
    {
        // Default MaxBodyBytes: MaxMessageBytes + 64 KiB.
        using var api = Server.ApiClient();
        var body = Encoding.UTF8.GetBytes(Json(new { data = new string('x', MaxMessageBytes + (65 * 1024)) }));

        var reply = await ApiReply.PostBytesAsync(api, $"/v1/rooms/{Unique("r")}/publish", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, reply.Status);
        Assert.Equal("payload_too_large", reply.Error);
    }

    [Theory]
    [InlineData("GET", "/v1/nothing-here")]
    [InlineData("GET", "/v2/counts")]
    [InlineData("POST", "/v1/rooms/lobby")]
    public async Task UnknownRoute_Is404(string method, string path)
    {
        using var api = Server.ApiClient();
        var reply = await ApiReply.SendAsync(api, new HttpMethod(method), path);
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("not_found", reply.Error);
    }

    [Theory]
    [InlineData("GET", "/v1/rooms/lobby/publish")]
    [InlineData("DELETE", "/v1/counts")]
    [InlineData("POST", "/v1/admin/workers")]
    public async Task WrongMethod_Is405(string method, string path)
    {
        using var api = Server.ApiClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await api.SendAsync(request);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
