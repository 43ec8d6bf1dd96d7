using System.Net.WebSockets;
using System.Text.Json;

namespace Dispatch.Tests.EndToEnd.PhpClient;

/// <summary>
/// The issue-6 judging scenario: a PHP script run under the php-cli, using only the documented PHP client
/// (<c>Dispatch\Client\DispatchClient</c>), publishes to rooms, users and connections of a live Dispatch while
/// independent websocket clients check delivery frame by frame; and a worker handler uses the same client while handling
/// an event.
/// </summary>
public sealed class PhpClientScenarios(PhpClientFixture fixture) : IClassFixture<PhpClientFixture>
{
    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<(WsClient Client, string Id)> OpenAsync(string room, string? user = null, string? nick = null)
    {
        var query = $"room={Uri.EscapeDataString(room)}" + (user is null ? "" : $"&user={Uri.EscapeDataString(user)}") +
            (nick is null ? "" : $"&nick={Uri.EscapeDataString(nick)}");
        var client = await WsClient.ConnectAsync(fixture.Server.WebSocketUri("/ws?" + query));
        using var welcome = JsonDocument.Parse(await client.ReceiveTextAsync());
        Assert.Equal("welcome", welcome.RootElement.GetProperty("type").GetString());
        return (client, welcome.RootElement.GetProperty("id").GetString()!);
    }

    private static JsonElement Json(string text)
    {
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task PhpScript_PublishesToRoomUserAndConnection_AndEveryWebSocketGetsExactlyItsFrames()
    {
        var room = Unique("room");
        var user = Unique("user");
        var (sender, senderId) = await OpenAsync(room, Unique("sender"));
        var (member, memberId) = await OpenAsync(room, user);
        var (elsewhere, elsewhereId) = await OpenAsync(Unique("other"), user);
        await using var _1 = sender;
        await using var _2 = member;
        await using var _3 = elsewhere;

        var run = await fixture.RunPhpAsync(PhpPaths.TestApp("api-client-script.php"), "deliver", room, senderId, user, senderId);

        Assert.True(run.ExitCode == 0, run.ToString());
        var output = Json(run.Stdout);
        Assert.Equal(1, output.GetProperty("publish").GetInt32());
        Assert.Equal(1, output.GetProperty("publish_binary").GetInt32());
        Assert.Equal(2, output.GetProperty("send_to_user").GetInt32());
        Assert.Equal(1, output.GetProperty("send_to_connection").GetInt32());

        // The member gets the room's two frames, then the user's; the sender only its own connection's frame, so
        // except_id held for both publishes; the user's other connection only the user's frame.
        Assert.Equal("room hello", await member.ReceiveTextAsync());
        var (type, data) = await member.ReceiveAsync();
        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal(new byte[] { 0, 1, 0xFE, (byte)'b', (byte)'i', (byte)'n' }, data);
        Assert.Equal("user hello", await member.ReceiveTextAsync());
        Assert.Equal("connection hello", await sender.ReceiveTextAsync());
        Assert.Equal("user hello", await elsewhere.ReceiveTextAsync());

        var members = output.GetProperty("members");
        Assert.Equal(room, members.GetProperty("room").GetString());
        Assert.Equal(2, members.GetProperty("count").GetInt32());
        var byId = members.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!, m => m.GetProperty("user_id").GetString());
        Assert.Equal(user, byId[memberId]);
        Assert.True(byId.ContainsKey(senderId));
        Assert.False(byId.ContainsKey(elsewhereId));
        Assert.True(output.GetProperty("counts").GetProperty("connections").GetInt32() >= 3);
        Assert.True(output.GetProperty("counts").GetProperty("users").GetInt32() >= 2);

        var connection = output.GetProperty("connection");
        Assert.Equal(senderId, connection.GetProperty("id").GetString());
        Assert.Equal(room, Assert.Single(connection.GetProperty("rooms").EnumerateArray()).GetString());
        Assert.Equal("/ws", connection.GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Null, output.GetProperty("unknown_connection").ValueKind);

        // Nothing else was queued to anyone: an echo round trip through the worker arrives next on every socket.
        foreach (var client in new[] { sender, member, elsewhere })
        {
            await client.SendTextAsync("who");
            Assert.Equal("who", Json(await client.ReceiveTextAsync()).GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task PublishExample_TellsUser42ThatTheOrderShipped_OnEveryOneOfItsConnections()
    {
        var user = Unique("42");
        var (phone, _) = await OpenAsync(Unique("a"), user);
        var (laptop, _) = await OpenAsync(Unique("b"), user);
        var (stranger, _) = await OpenAsync(Unique("c"), Unique("someone-else"));
        await using var _1 = phone;
        await using var _2 = laptop;
        await using var _3 = stranger;

        var run = await fixture.RunPhpAsync(PhpPaths.Example("publish.php"), user, "1001");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"user {user}: delivered to 2 connection(s)\n", run.Stdout);
        Assert.Equal("{\"type\":\"order_shipped\",\"order\":\"1001\"}", await phone.ReceiveTextAsync());
        Assert.Equal("{\"type\":\"order_shipped\",\"order\":\"1001\"}", await laptop.ReceiveTextAsync());
        await stranger.SendTextAsync("who");
        Assert.Equal("who", Json(await stranger.ReceiveTextAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task WorkerHandler_UsesTheClientDuringAnEvent_ToAnswerWhoIsInTheRoom()
    {
        var room = Unique("who");
        var (ann, annId) = await OpenAsync(room, "u-ann", "ann");
        var (bob, bobId) = await OpenAsync(room, nick: "bob");
        await using var _1 = ann;
        await using var _2 = bob;

        await ann.SendTextAsync("who");
        var answer = Json(await ann.ReceiveTextAsync());

        Assert.Equal("who", answer.GetProperty("type").GetString());
        Assert.Equal(room, answer.GetProperty("room").GetString());
        Assert.Equal(2, answer.GetProperty("count").GetInt32());
        var members = answer.GetProperty("members").EnumerateArray()
            .ToDictionary(m => m.GetProperty("id").GetString()!, m => (m.GetProperty("user_id").GetString(), m.GetProperty("nick").GetString()));
        Assert.Equal(("u-ann", "ann"), members[annId]);
        Assert.Equal((null, "bob"), members[bobId]);
    }

    [Fact]
    public async Task PhpScript_Probes_MissingAndWrongTokensBadInputAndNoServer_GetTypedErrorsWithoutTheToken()
    {
        var run = await fixture.RunPhpAsync(PhpPaths.TestApp("api-client-script.php"), "probe");

        Assert.True(run.ExitCode == 0, run.ToString());
        var output = Json(run.Stdout);
        AssertProbe(output, "missing_token", "UnauthorizedException", 401, "unauthorized");
        AssertProbe(output, "wrong_token", "UnauthorizedException", 401, "unauthorized");
        AssertProbe(output, "bad_opcode", "InvalidRequestException", 400, "invalid_request");
        AssertProbe(output, "bad_close_code", "InvalidRequestException", 400, "invalid_request");
        Assert.True(output.GetProperty("bad_opcode").GetProperty("problems").GetInt32() >= 1);
        Assert.True(output.GetProperty("bad_close_code").GetProperty("problems").GetInt32() >= 1);
        AssertProbe(output, "unknown_connection", "UnknownConnectionException", 404, "unknown_connection");
        var refused = output.GetProperty("nothing_listening");
        Assert.Equal("TransportException", refused.GetProperty("class").GetString());
        Assert.False(refused.GetProperty("token_in_message").GetBoolean());
        Assert.DoesNotContain(fixture.Token, run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    private static void AssertProbe(JsonElement output, string name, string exception, int status, string error)
    {
        var probe = output.GetProperty(name);
        Assert.True(probe.ValueKind == JsonValueKind.Object, $"{name}: {probe}");
        Assert.Equal(exception, probe.GetProperty("class").GetString());
        Assert.Equal(status, probe.GetProperty("status").GetInt32());
        Assert.Equal(error, probe.GetProperty("error").GetString());
        Assert.False(probe.GetProperty("token_in_message").GetBoolean(), name);
    }
}
