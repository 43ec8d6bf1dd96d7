using Dispatch.Commands.Hub;
using Dispatch.Commands.Presence;
using Dispatch.Commands.Validation;
using Dispatch.Tests.Commands.Fakes;

namespace Dispatch.Tests.Commands;

/// <summary>The hub's presence reports (issue 6): only real changes of watched rooms, each with its cause and snapshot.</summary>
public sealed class ConnectionHubPresenceTests
{
    private static (ConnectionHub Hub, RecordingPresenceObserver Observer) Create(params string[] watched)
    {
        var observer = new RecordingPresenceObserver(watched);
        var hub = new ConnectionHub(new LimitsOptions(), observer);
        foreach (var id in new[] { "a", "b", "c" })
        {
            Assert.True(hub.TryRegister(new FakeClientConnection(id), new ConnectionInfo(id, "/ws", "127.0.0.1", 1)));
        }

        return (hub, observer);
    }

    [Fact]
    public void Join_OfAWatchedRoom_IsReportedOnce_WithTheSnapshotAfterIt()
    {
        var (hub, observer) = Create("lobby");
        hub.SetMetadata("a", "u-a", new Dictionary<string, string> { ["nick"] = "ann" });

        hub.Join("a", "other");
        hub.Join("a", "lobby");
        hub.Join("a", "lobby");

        var change = Assert.Single(observer.Changes);
        Assert.Equal(("a", "lobby", PresenceAction.Join, PresenceCause.Join), (change.Id, change.Room, change.Action, change.Cause));
        Assert.Equal(["lobby", "other"], change.Snapshot.Rooms);
        Assert.Equal("u-a", change.Snapshot.UserId);
        Assert.Equal("ann", change.Snapshot.Attrs["nick"]);
    }

    [Fact]
    public void Leave_IsReportedOnlyWhenTheConnectionWasInTheRoom()
    {
        var (hub, observer) = Create("lobby");
        hub.Leave("a", "lobby");
        hub.Join("a", "lobby");

        hub.Leave("a", "lobby");
        hub.Leave("a", "lobby");

        Assert.Equal(["a lobby join join", "a lobby leave leave"], observer.Lines);
        Assert.Empty(observer.Changes[^1].Snapshot.Rooms);
    }

    [Fact]
    public void JoinRefusedByTheRoomLimit_IsNotReported()
    {
        var observer = new RecordingPresenceObserver("lobby");
        var hub = new ConnectionHub(new LimitsOptions { MaxRoomsPerConnection = 1 }, observer);
        hub.TryRegister(new FakeClientConnection("a"), new ConnectionInfo("a", "/ws", "127.0.0.1", 1));
        hub.Join("a", "first");

        Assert.Equal(HubResult.RoomLimitExceeded, hub.Join("a", "lobby"));

        Assert.Empty(observer.Changes);
    }

    [Fact]
    public void ReplaceRooms_ReportsTheLeavesThenTheJoinsOfWatchedRooms_SharingTheSnapshotAfterIt()
    {
        var (hub, observer) = Create("lobby", "x", "y");
        hub.ReplaceRooms("a", ["lobby", "x", "plain"]);
        var before = observer.Changes.Count;

        hub.ReplaceRooms("a", ["lobby", "y", "plain2"]);

        var changes = observer.Changes.Skip(before).ToList();
        Assert.Equal(["a x leave replace_rooms", "a y join replace_rooms"], observer.Lines.Skip(before));
        Assert.Same(changes[0].Snapshot, changes[1].Snapshot);
        Assert.Equal(["lobby", "plain2", "y"], changes[0].Snapshot.Rooms);
        Assert.Equal(["a lobby join replace_rooms", "a x join replace_rooms"], observer.Lines.Take(before).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void KickRoom_ReportsALeaveForEveryMember()
    {
        var (hub, observer) = Create("lobby");
        hub.Join("a", "lobby");
        hub.Join("b", "lobby");

        Assert.Equal(2, hub.KickRoom("lobby"));

        Assert.Equal(["a lobby leave kick_room", "b lobby leave kick_room"], observer.Lines.Skip(2).Order(StringComparer.Ordinal));
        Assert.Equal(0, hub.KickRoom("lobby"));
        Assert.Equal(4, observer.Changes.Count);
    }

    [Fact]
    public void Unregister_ReportsNothing_TheLaneAnnouncesTheCloseLeaves()
    {
        var (hub, observer) = Create("lobby");
        hub.Join("a", "lobby");

        hub.Unregister("a");

        Assert.Equal(["a lobby join join"], observer.Lines);
        Assert.Empty(hub.GetRoomMembers("lobby"));
    }

    [Fact]
    public void DisabledObserver_IsNeverAsked()
    {
        var (hub, observer) = Create();
        hub.Join("a", "lobby");
        hub.ReplaceRooms("a", ["x"]);
        hub.Leave("a", "x");
        hub.Join("b", "k");
        hub.KickRoom("k");

        Assert.Equal(0, observer.WatchCalls);
        Assert.Empty(observer.Changes);
    }

    [Fact]
    public void ExecutorCommands_ReachTheObserverInListOrder()
    {
        var observer = new RecordingPresenceObserver("lobby", "chat");
        var hub = new ConnectionHub(new LimitsOptions(), observer);
        hub.TryRegister(new FakeClientConnection("a"), new ConnectionInfo("a", "/ws", "127.0.0.1", 1));
        var router = new LocalMessageRouter(hub);
        using var executor = new Dispatch.Commands.Execution.CommandExecutor(hub, router, new ManualTimeProvider());
        var outcome = new CommandValidator(new LimitsOptions()).Validate(
            """{"commands":[{"event":"join","room":"lobby"},{"event":"join","room":"chat"},{"event":"leave","room":"lobby"},{"event":"kick_room","room":"chat"}]}"""u8,
            "message",
            "a");

        executor.Execute("a", outcome.Commands);

        Assert.Equal(["a lobby join join", "a chat join join", "a lobby leave leave", "a chat leave kick_room"], observer.Lines);
    }
}
