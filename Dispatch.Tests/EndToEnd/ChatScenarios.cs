using System.Text.Json;

namespace Dispatch.Tests.EndToEnd;

/// <summary>
/// The demo chat app's room scenarios, run once per mode: <see cref="ChatExampleTests"/> (message-dispatch) and
/// <c>Hosted.HostedChatExampleTests</c> (connection-hosted): the same handler file must behave the same in both.
/// </summary>
public abstract class ChatScenarios
{
    protected abstract DispatchServer Server { get; }

    private async Task<WsClient> JoinAsync(string room, string nick)
    {
        var client = await WsClient.ConnectAsync(Server.WebSocketUri($"/ws/chat?room={room}&nick={nick}"));
        var welcome = await NextAsync(client);
        Assert.Equal("welcome", welcome.GetProperty("type").GetString());
        Assert.Equal(nick, welcome.GetProperty("nick").GetString());
        return client;
    }

    private static async Task<JsonElement> NextAsync(WsClient client)
    {
        using var doc = JsonDocument.Parse(await client.ReceiveTextAsync());
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task ThreeClientsTwoRooms_MessagesReachTheirRoomExceptTheSenderAndNobodyElse()
    {
        var red = "red-" + Guid.NewGuid().ToString("N")[..8];
        var blue = "blue-" + Guid.NewGuid().ToString("N")[..8];
        await using var alice = await JoinAsync(red, "alice");
        await using var bob = await JoinAsync(red, "bob");
        var joined = await NextAsync(alice);
        Assert.Equal("join", joined.GetProperty("type").GetString());
        Assert.Equal("bob", joined.GetProperty("nick").GetString());
        await using var carol = await JoinAsync(blue, "carol");

        await alice.SendTextAsync("hello red");
        Assert.Equal("ack", (await NextAsync(alice)).GetProperty("type").GetString());
        var atBob = await NextAsync(bob);
        Assert.Equal("message", atBob.GetProperty("type").GetString());
        Assert.Equal("alice", atBob.GetProperty("from").GetString());
        Assert.Equal("hello red", atBob.GetProperty("text").GetString());

        await carol.SendTextAsync("hello blue");
        Assert.Equal("ack", (await NextAsync(carol)).GetProperty("type").GetString());

        // Alice's next frame is Bob's message, not Carol's and not her own echo.
        await bob.SendTextAsync("hi alice");
        Assert.Equal("ack", (await NextAsync(bob)).GetProperty("type").GetString());
        var atAlice = await NextAsync(alice);
        Assert.Equal("message", atAlice.GetProperty("type").GetString());
        Assert.Equal("bob", atAlice.GetProperty("from").GetString());

        // Carol's next frame is Dave joining blue: nothing from red ever reached her.
        await using var dave = await JoinAsync(blue, "dave");
        var atCarol = await NextAsync(carol);
        Assert.Equal("join", atCarol.GetProperty("type").GetString());
        Assert.Equal("dave", atCarol.GetProperty("nick").GetString());
    }

    [Fact]
    public async Task ClientLeaving_RoomGetsALeaveNotice()
    {
        var room = "green-" + Guid.NewGuid().ToString("N")[..8];
        await using var erin = await JoinAsync(room, "erin");
        var frank = await JoinAsync(room, "frank");
        Assert.Equal("join", (await NextAsync(erin)).GetProperty("type").GetString());

        await frank.CloseAsync();
        await frank.DisposeAsync();
        var left = await NextAsync(erin);
        Assert.Equal("leave", left.GetProperty("type").GetString());
        Assert.Equal("frank", left.GetProperty("nick").GetString());
    }
}
