using Microsoft.Extensions.Options;

namespace Dispatch.Tests.EndToEnd;

/// <summary>
/// Presence events end to end (issue 6): the real service, real PHP workers running <c>Apps/presence.php</c> (whose
/// onPresence broadcasts "join:USER" / "leave:USER" to the room) and real websocket clients.
/// </summary>
public sealed class PresenceTests(PresenceAppFixture fixture) : IClassFixture<PresenceAppFixture>
{
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private Task<WsClient> ConnectAsync(string user, params string[] rooms) =>
        WsClient.ConnectAsync(fixture.Server.WebSocketUri($"/ws?user={user}&rooms={string.Join(",", rooms)}"));

    /// <summary>The watcher is in the room first; the subject's join is announced to it.</summary>
    private async Task<(WsClient Watcher, WsClient Subject)> PairAsync(string room)
    {
        var watcher = await ConnectAsync("watcher", room);
        var subject = await ConnectAsync("subject", room);
        Assert.Equal("join:subject", await watcher.ReceiveTextAsync());
        return (watcher, subject);
    }

    [Fact]
    public async Task AbruptDisconnect_TheRoomHearsTheLeave_BeforeTheCloseEventsBroadcast()
    {
        var room = Unique("lobby-");
        var (watcher, subject) = await PairAsync(room);
        await using var _ = watcher;

        subject.Socket.Abort();
        await subject.DisposeAsync();

        Assert.Equal("leave:subject", await watcher.ReceiveTextAsync());
        Assert.Equal("closed:subject", await watcher.ReceiveTextAsync());
    }

    [Fact]
    public async Task CleanClose_TheRoomHearsTheLeaveOnce()
    {
        var room = Unique("lobby-");
        var (watcher, subject) = await PairAsync(room);
        await using var _ = watcher;

        await subject.CloseAsync();
        await subject.DisposeAsync();

        Assert.Equal("leave:subject", await watcher.ReceiveTextAsync());
        Assert.Equal("closed:subject", await watcher.ReceiveTextAsync());

        // Nothing further: a second leave would arrive before this probe's announcement.
        await using var probe = await ConnectAsync("probe", room);
        Assert.Equal("join:probe", await watcher.ReceiveTextAsync());
    }

    [Fact]
    public async Task KickRoom_TheKickedMembersLeaveIsAnnounced_AndItsCloseBringsNoSecond()
    {
        var room = Unique("lobby-");
        var quiet = Unique("quiet-");
        await using var watcher = await ConnectAsync("watcher", room, quiet);
        await using var subject = await ConnectAsync("subject", room, quiet);
        Assert.Equal("join:subject", await watcher.ReceiveTextAsync());

        // The watcher kicks everyone, itself included, then rejoins, so it is in the room to hear the subject leave.
        await watcher.SendTextAsync("kick:" + room);
        Assert.Equal("leave:subject", await watcher.ReceiveTextAsync());

        // The close event's broadcast to the quiet room comes after any leave the close could (wrongly) announce.
        await subject.CloseAsync();
        Assert.Equal("closed:subject", await watcher.ReceiveTextAsync());
    }

    [Fact]
    public async Task ReplaceRooms_TheRoomLeftHearsTheLeave_TheRoomJoinedTheJoin()
    {
        var room = Unique("lobby-");
        var other = Unique("lobby-");
        var (watcher, subject) = await PairAsync(room);
        await using var _ = watcher;
        await using var __ = subject;
        await using var otherWatcher = await ConnectAsync("other-watcher", other);

        await subject.SendTextAsync("rooms:" + other);

        Assert.Equal("leave:subject", await watcher.ReceiveTextAsync());
        Assert.Equal("join:subject", await otherWatcher.ReceiveTextAsync());
    }

    [Fact]
    public async Task RoomsNotConfigured_GetNoPresence_OnlyTheCloseEventsBroadcast()
    {
        var room = Unique("quiet-");
        await using var watcher = await ConnectAsync("watcher", room);
        var subject = await ConnectAsync("subject", room);

        subject.Socket.Abort();
        await subject.DisposeAsync();

        Assert.Equal("closed:subject", await watcher.ReceiveTextAsync());
    }

    [Fact]
    public async Task Shutdown_AnnouncesTheLeavesOfEveryConnectionBeforeItsClose()
    {
        var log = Path.Combine(Path.GetTempPath(), "dispatch-presence-" + Guid.NewGuid().ToString("N") + ".log");
        var room = Unique("lobby-");
        try
        {
            await using (var server = await DispatchServer.StartAsync(PhpPaths.TestApp("presence.php"), workers: 2, PresenceAppFixture.Settings))
            {
                var uri = server.WebSocketUri($"/ws?user=u&rooms={room},quiet&log={Uri.EscapeDataString(log)}");
                await using var first = await WsClient.ConnectAsync(uri);
                await using var second = await WsClient.ConnectAsync(uri);
                Assert.Equal("join:u", await first.ReceiveTextAsync());

                await server.StopAsync();
            }

            var lines = await File.ReadAllLinesAsync(log);
            var byConnection = lines.GroupBy(l => l.Split(' ')[0]).ToList();
            Assert.Equal(2, byConnection.Count);
            foreach (var events in byConnection)
            {
                var rest = events.Select(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..]).ToList();
                Assert.Equal([$"presence {room} join join", $"presence {room} leave close", "close 1001"], rest);
            }
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public async Task ConnectionHostedMode_WithPresenceRooms_RefusesToStart_SayingWhy()
    {
        var settings = new Dictionary<string, string?>(PresenceAppFixture.Settings) { ["Dispatch:WebSocket:Mode"] = "connection_hosted" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => DispatchServer.StartAsync(PhpPaths.TestApp("hosted.php"), workers: 1, settings));

        var failures = Flatten(error).OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        Assert.Contains(failures, f => f.Contains("Dispatch:Presence:Rooms", StringComparison.Ordinal) && f.Contains("connection_hosted", StringComparison.Ordinal));
    }

    private static IEnumerable<Exception> Flatten(Exception error) => error is AggregateException aggregate
        ? aggregate.Flatten().InnerExceptions.SelectMany(Flatten)
        : [error];
}
