using System.Text.Json;
using Dispatch.Commands.Hub;
using Dispatch.Pipeline.Presence;
using Dispatch.Tests.EndToEnd;
using Dispatch.Tests.Fakes;

namespace Dispatch.Tests.Pipeline;

/// <summary>
/// Presence events through the real pipeline (issue 6): on the subject's lane, in the order of the changes, every
/// reported join followed by exactly one leave, the close leaves before the close, and the close still last and once.
/// The in-memory backend keeps one arrival order across workers, which the ordering assertions read.
/// </summary>
public sealed class PipelinePresenceTests
{
    private static readonly Dictionary<string, string?> LobbyAndChat = new()
    {
        ["Presence:Rooms:0"] = "lobby",
        ["Presence:Rooms:1"] = "chat:*",
    };

    /// <summary>
    /// Opens and closes answer with the given command lists; a message whose data is a JSON array is answered with that
    /// command list (others are echoed); a presence event broadcasts "action:subject:cause" to its room, except the
    /// subject.
    /// </summary>
    private static Func<FakeWorkerFrame, FakeWorkerAction> Script(
        Func<FakeWorkerFrame, FakeWorkerAction?>? presence = null,
        string openCommands = "[]",
        string closeCommands = "[]") => frame => frame.Event switch
        {
            "open" => Raw(frame.Id!, openCommands),
            "close" => Raw(frame.Id!, closeCommands),
            "presence" => presence?.Invoke(frame) ?? Raw(frame.Id!, JsonSerializer.Serialize(new[]
            {
                new Dictionary<string, string>
                {
                    ["event"] = "broadcast",
                    ["room"] = Field(frame, "room"),
                    ["data"] = $"{Field(frame, "action")}:{frame.Id}:{Field(frame, "cause")}",
                    ["except_id"] = frame.Id!,
                },
            })),
            _ when frame.Data?.StartsWith('[') == true => Raw(frame.Id!, frame.Data),
            _ => FakeWorkerAction.Echo,
        };

    private static FakeWorkerAction Raw(string id, string commandsJson) =>
        FakeWorkerAction.Reply($$"""{"mode":"websocket_dispatch","id":"{{id}}","commands":{{commandsJson}}}""");

    private static string Field(FakeWorkerFrame frame, string name)
    {
        using var document = JsonDocument.Parse(frame.Payload);
        return document.RootElement.GetProperty(name).GetString()!;
    }

    private static JsonElement Root(FakeWorkerFrame frame)
    {
        using var document = JsonDocument.Parse(frame.Payload);
        return document.RootElement.Clone();
    }

    /// <summary>The connection's events as the worker got them: "open", "message", "presence room action cause", "close".</summary>
    private static List<string> Lane(PipelineHarness harness, string id) =>
        [.. harness.WorkerFrames.Where(f => f.Id == id).Select(f => f.Event == "presence"
            ? $"presence {Field(f, "room")} {Field(f, "action")} {Field(f, "cause")}"
            : f.Event!)];

    private static Task<PipelineHarness> StartAsync(Func<FakeWorkerFrame, FakeWorkerAction> behaviour, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(LobbyAndChat);
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return PipelineHarness.StartAsync(behaviour, settings, WorkerBackend.InMemory);
    }

    [Fact]
    public async Task JoinsAndLeaves_FollowTheMessageThatMadeThem_InOrder_AheadOfQueuedMessages()
    {
        await using var harness = await StartAsync(Script());
        var a = await harness.ConnectAsync("a");

        await a.SendAsync("""[{"event":"join","room":"lobby"},{"event":"join","room":"plain"},{"event":"join","room":"lobby"},{"event":"join","room":"chat:1"},{"event":"leave","room":"lobby"}]""");
        await a.SendAsync("m2");
        await a.Session.CloseAsync(1000, "bye").WaitAsync(PipelineHarness.Patience);

        Assert.Equal(
        [
            "open", "message",
            "presence lobby join join", "presence chat:1 join join", "presence lobby leave leave",
            "message",
            "presence chat:1 leave close",
            "close",
        ], Lane(harness, "a"));
        var presence = harness.WorkerFrames.Where(f => f.Id == "a" && f.Event == "presence").Select(Root).ToList();
        Assert.Equal(["lobby"], presence[0].GetProperty("metadata").GetProperty("rooms").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["chat:1", "plain"], presence[2].GetProperty("metadata").GetProperty("rooms").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["plain"], presence[3].GetProperty("metadata").GetProperty("rooms").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("websocket_dispatch", presence[0].GetProperty("mode").GetString());
        Assert.Equal("/ws/chat", presence[0].GetProperty("path").GetString());
        Assert.Equal("127.0.0.1", presence[0].GetProperty("remote_addr").GetString());
    }

    [Fact]
    public async Task OpenJoins_AreAnnounced_AndTheCloseLeavesGoBeforeTheClose_ExactlyOnce()
    {
        await using var harness = await StartAsync(Script(openCommands: """[{"event":"join","room":"lobby"},{"event":"join","room":"chat:9"},{"event":"join","room":"quiet"}]"""));
        var a = await harness.ConnectAsync("a");

        await a.Session.CloseAsync(1006, "connection lost").WaitAsync(PipelineHarness.Patience);

        Assert.Equal(
        [
            "open",
            "presence lobby join join", "presence chat:9 join join",
            "presence chat:9 leave close", "presence lobby leave close",
            "close",
        ], Lane(harness, "a"));
        var leaves = harness.WorkerFrames.Where(f => f.Id == "a" && f.Event == "presence").Skip(2).Select(Root).ToList();
        Assert.Equal(["lobby", "quiet"], leaves[0].GetProperty("metadata").GetProperty("rooms").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["quiet"], leaves[1].GetProperty("metadata").GetProperty("rooms").EnumerateArray().Select(r => r.GetString()));
        Assert.False(harness.Hub.TryGetConnection("a", out _));
    }

    [Fact]
    public async Task PresenceReplies_ApplyForTheSubject_SoTheRoomHearsTheJoinThenTheLeave()
    {
        await using var harness = await StartAsync(Script(openCommands: """[{"event":"join","room":"lobby"}]"""));
        var b = await harness.ConnectAsync("b");
        var a = await harness.ConnectAsync("a");

        Assert.Equal(["join:a:join"], await b.Client.WaitForFramesAsync(1));
        await a.Session.CloseAsync(1000, "").WaitAsync(PipelineHarness.Patience);

        Assert.Equal(["join:a:join", "leave:a:close"], await b.Client.WaitForFramesAsync(2));
        Assert.Empty(a.Client.Frames);
    }

    [Fact]
    public async Task KickRoom_ByAnotherConnection_GivesEachMemberOneLeave_AndTheirCloseNoSecond()
    {
        await using var harness = await StartAsync(Script(openCommands: """[{"event":"join","room":"lobby"}]"""));
        var a = await harness.ConnectAsync("a");
        var b = await harness.ConnectAsync("b");
        var kicker = await harness.ConnectAsync("kicker");

        await kicker.SendAsync("""[{"event":"leave","room":"lobby"},{"event":"kick_room","room":"lobby"}]""");
        await kicker.Session.CloseAsync(1000, "").WaitAsync(PipelineHarness.Patience);
        await a.Session.CloseAsync(1000, "").WaitAsync(PipelineHarness.Patience);
        await b.Session.CloseAsync(1000, "").WaitAsync(PipelineHarness.Patience);

        Assert.Equal(["open", "presence lobby join join", "presence lobby leave kick_room", "close"], Lane(harness, "a"));
        Assert.Equal(["open", "presence lobby join join", "presence lobby leave kick_room", "close"], Lane(harness, "b"));
        Assert.Equal(["open", "presence lobby join join", "message", "presence lobby leave leave", "close"], Lane(harness, "kicker"));
    }

    [Fact]
    public async Task ReplaceRooms_AnnouncesTheLeavesAndJoinsOfPresenceRoomsOnly()
    {
        await using var harness = await StartAsync(Script(openCommands: """[{"event":"replace_rooms","rooms":["lobby","chat:1","plain"]}]"""));
        var a = await harness.ConnectAsync("a");

        await a.SendAsync("""[{"event":"replace_rooms","rooms":["chat:1","chat:2","plain2"]}]""");
        await a.Session.CloseAsync(1000, "").WaitAsync(PipelineHarness.Patience);

        var lane = Lane(harness, "a");
        Assert.Equal("open", lane[0]);
        Assert.Equal(["presence chat:1 join replace_rooms", "presence lobby join replace_rooms"], lane[1..3].Order(StringComparer.Ordinal));
        Assert.Equal(
        [
            "message",
            "presence lobby leave replace_rooms", "presence chat:2 join replace_rooms",
            "presence chat:1 leave close", "presence chat:2 leave close",
            "close",
        ], lane[3..]);
    }

    [Fact]
    public async Task NonPresenceRooms_AndRepeatedJoins_ProduceNothing()
    {
        await using var harness = await StartAsync(Script(openCommands: """[{"event":"join","room":"plain"},{"event":"join","room":"chat"}]"""));
        var a = await harness.ConnectAsync("a");

        await a.SendAsync("""[{"event":"leave","room":"plain"},{"event":"join","room":"lobby2"},{"event":"kick_room","room":"chat"}]""");
        await a.Session.CloseAsync(1000, "").WaitAsync(PipelineHarness.Patience);

        Assert.Equal(["open", "message", "close"], Lane(harness, "a"));
        Assert.Equal(0, harness.Get<PresenceMetrics>().Queued);
    }

    [Fact]
    public async Task WithoutPresenceRooms_NothingIsAnnounced()
    {
        await using var harness = await PipelineHarness.StartAsync(
            Script(openCommands: """[{"event":"join","room":"lobby"}]"""), backend: WorkerBackend.InMemory);
        var a = await harness.ConnectAsync("a");

        await a.Session.CloseAsync(1000, "").WaitAsync(PipelineHarness.Patience);

        Assert.Equal(["open", "close"], Lane(harness, "a"));
    }

    [Fact]
    public async Task AFailedPresenceEvent_SendsNoErrorFrame_AndDoesNotCountTowardThe1011Close()
    {
        await using var harness = await StartAsync(
            Script(presence: frame => Replies.Error(frame.Id!, "worker_runtime_error", "presence handler broke")),
            new() { ["Pipeline:MaxConsecutiveFailures"] = "1" });
        var a = await harness.ConnectAsync("a");

        await a.SendAsync("""[{"event":"join","room":"lobby"},{"event":"join","room":"chat:1"}]""");
        await a.SendAsync("still here");

        Assert.Equal(["still here"], await a.Client.WaitForFramesAsync(1));
        await a.Session.CloseAsync(1000, "").WaitAsync(PipelineHarness.Patience);
        Assert.Equal(["still here"], a.Client.Frames);
        Assert.False(a.Client.Closed.IsCompleted);
        Assert.Equal(0, harness.Metrics.FailureCloses);
        Assert.Equal(4, harness.Metrics.EventsFailed);
    }

    [Fact]
    public async Task MembershipChangesAfterTheCloseLeaves_AreNotAnnounced()
    {
        await using var harness = await StartAsync(Script(
            openCommands: """[{"event":"join","room":"lobby"}]""",
            closeCommands: """[{"event":"join","room":"chat:late"},{"event":"leave","room":"lobby"}]"""));
        var a = await harness.ConnectAsync("a");

        await a.Session.CloseAsync(1000, "").WaitAsync(PipelineHarness.Patience);

        Assert.Equal(["open", "presence lobby join join", "presence lobby leave close", "close"], Lane(harness, "a"));
        Assert.Equal(2, harness.Get<PresenceMetrics>().NotReported);
    }

    [Fact]
    public async Task AFullPresenceQueue_RefusesFurtherJoins_CountsThem_AndKeepsTheirLeavesUnannounced()
    {
        await using var harness = await StartAsync(Script(), new() { ["Presence:MaxPendingPerConnection"] = "2" });
        var a = await harness.ConnectAsync("a");

        await a.SendAsync("""[{"event":"join","room":"chat:1"},{"event":"join","room":"chat:2"},{"event":"join","room":"chat:3"}]""");
        await a.SendAsync("""[{"event":"leave","room":"chat:3"}]""");
        await a.Session.CloseAsync(1000, "").WaitAsync(PipelineHarness.Patience);

        Assert.Equal(
        [
            "open", "message", "presence chat:1 join join", "presence chat:2 join join", "message",
            "presence chat:1 leave close", "presence chat:2 leave close", "close",
        ], Lane(harness, "a"));
        var metrics = harness.Get<PresenceMetrics>();
        Assert.Equal(1, metrics.QueueFull);
        Assert.Equal(2, metrics.NotReported);
    }

    [Fact]
    public async Task UnderConcurrentJoinsLeavesAndKicks_EveryJoinIsFollowedByExactlyOneLeave_AndTheCloseIsLast()
    {
        await using var harness = await StartAsync(Script(), new() { ["Workers:Count"] = "4" });
        var members = new List<TestConnection>();
        for (var i = 0; i < 4; i++)
        {
            members.Add(await harness.ConnectAsync("m" + i));
        }

        var kicker = await harness.ConnectAsync("kicker");

        // Everyone starts in chat:0 and the first kick empties it, so at least one kick surely meets members; the
        // kicks after it race with the members' own joins and leaves.
        var hub = harness.Hub;
        foreach (var member in members)
        {
            await member.SendAsync("""[{"event":"join","room":"chat:0"}]""");
        }

        await Poll.UntilAsync(() => hub.GetRoomMembers("chat:0").Count == members.Count);
        await kicker.SendAsync("""[{"event":"kick_room","room":"chat:0"}]""");
        await Poll.UntilAsync(() => hub.GetRoomMembers("chat:0").Count == 0);

        var random = new Random(6);
        var sends = new List<Task>();
        foreach (var member in members)
        {
            var script = Enumerable.Range(0, 30).Select(_ =>
                $$"""[{"event":"{{(random.Next(3) == 0 ? "leave" : "join")}}","room":"chat:{{random.Next(3)}}"}]""").ToList();
            sends.Add(Task.Run(async () =>
            {
                foreach (var text in script)
                {
                    await member.SendAsync(text);
                }
            }));
        }

        sends.Add(Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                await kicker.SendAsync($$"""[{"event":"kick_room","room":"chat:{{i % 3}}"}]""");
            }
        }));
        await Task.WhenAll(sends).WaitAsync(PipelineHarness.Patience);
        await Task.WhenAll(members.Select(m => m.Session.CloseAsync(1000, "")).Append(kicker.Session.CloseAsync(1000, "")))
            .WaitAsync(PipelineHarness.Patience);

        var kicks = 0;
        foreach (var member in members)
        {
            var lane = Lane(harness, member.Id);
            Assert.Equal("close", lane[^1]);
            Assert.Single(lane, e => e == "close");
            foreach (var room in new[] { "chat:0", "chat:1", "chat:2" })
            {
                var actions = lane.Where(e => e.StartsWith($"presence {room} ", StringComparison.Ordinal)).Select(e => e.Split(' ')[2]).ToList();
                for (var i = 0; i < actions.Count; i++)
                {
                    Assert.Equal(i % 2 == 0 ? "join" : "leave", actions[i]);
                }

                Assert.True(actions.Count % 2 == 0, $"{member.Id} {room}: {string.Join(",", actions)}");
            }

            kicks += lane.Count(e => e.EndsWith(" leave kick_room", StringComparison.Ordinal));
        }

        Assert.True(kicks > 0, "no kick ever found a member: the test did not exercise concurrent kicks");
        Assert.Equal(0, harness.Pipeline.ActiveSessions);
    }
}
