using Dispatch.Commands.Hub;
using Dispatch.Commands.Validation;
using Dispatch.Tests.Commands.Fakes;

namespace Dispatch.Tests.Commands;

public sealed class ConnectionHubTests
{
    private readonly HubFixture _f = new(new LimitsOptions { MaxRoomsPerConnection = 3, MaxAttrsPerConnection = 2 });

    private ConnectionHub Hub => _f.Hub;

    [Fact]
    public void TryRegister_DuplicateId_ReturnsFalse()
    {
        _f.Connect("a");

        Assert.False(Hub.TryRegister(new FakeClientConnection("a"), new ConnectionInfo("a", "/ws", "", 0)));
        Assert.Equal(1, Hub.ConnectionCount);
    }

    [Fact]
    public void TryGetConnection_Registered_ReturnsThatInstance()
    {
        var a = _f.Connect("a");

        Assert.True(Hub.TryGetConnection("a", out var found));
        Assert.Same(a, found);
        Assert.False(Hub.TryGetConnection("nobody", out _));
    }

    [Fact]
    public void Join_ThenLeave_UpdatesMembersRoomsAndRoomCount()
    {
        _f.Connect("a");
        _f.Connect("b");

        Assert.Equal(HubResult.Ok, Hub.Join("a", "lobby"));
        Assert.Equal(HubResult.Ok, Hub.Join("b", "lobby"));
        Assert.Equal(HubResult.Ok, Hub.Join("a", "lobby")); // idempotent
        Assert.Equal(["a", "b"], Hub.GetRoomMembers("lobby").Order(StringComparer.Ordinal));
        Assert.Equal(["lobby"], Hub.GetSnapshot("a")!.Rooms);

        Assert.Equal(HubResult.Ok, Hub.Leave("a", "lobby"));
        Assert.Equal(HubResult.Ok, Hub.Leave("a", "lobby")); // leaving twice is fine
        Assert.Equal(["b"], Hub.GetRoomMembers("lobby"));

        Hub.Leave("b", "lobby");
        Assert.Empty(Hub.GetRoomMembers("lobby"));
        Assert.Equal(0, Hub.RoomCount);
    }

    [Fact]
    public void Join_UnknownConnection_ReturnsUnknownConnection()
    {
        Assert.Equal(HubResult.UnknownConnection, Hub.Join("ghost", "lobby"));
        Assert.Equal(HubResult.UnknownConnection, Hub.Leave("ghost", "lobby"));
        Assert.Equal(0, Hub.RoomCount);
    }

    [Fact]
    public void Join_BeyondMaxRoomsPerConnection_IsRefused()
    {
        _f.Connect("a");
        Hub.Join("a", "r1");
        Hub.Join("a", "r2");
        Hub.Join("a", "r3");

        Assert.Equal(HubResult.RoomLimitExceeded, Hub.Join("a", "r4"));
        Assert.Equal(HubResult.Ok, Hub.Join("a", "r3")); // already a member: not a new room
        Assert.Equal(3, Hub.GetSnapshot("a")!.Rooms.Count);
        Assert.Empty(Hub.GetRoomMembers("r4"));
    }

    [Fact]
    public void ReplaceRooms_SetsExactlyTheGivenRooms()
    {
        _f.Connect("a");
        _f.Connect("b");
        Hub.Join("a", "keep");
        Hub.Join("a", "drop");
        Hub.Join("b", "drop");

        Assert.Equal(HubResult.Ok, Hub.ReplaceRooms("a", ["new", "keep", "new"]));

        Assert.Equal(["keep", "new"], Hub.GetSnapshot("a")!.Rooms);
        Assert.Equal(["b"], Hub.GetRoomMembers("drop"));
        Assert.Equal(["a"], Hub.GetRoomMembers("new"));
    }

    [Fact]
    public void ReplaceRooms_EmptyList_LeavesEveryRoom()
    {
        _f.Connect("a");
        Hub.Join("a", "x");

        Hub.ReplaceRooms("a", []);

        Assert.Empty(Hub.GetSnapshot("a")!.Rooms);
        Assert.Equal(0, Hub.RoomCount);
    }

    [Fact]
    public void ReplaceRooms_AboveLimit_IsRefusedAndChangesNothing()
    {
        _f.Connect("a");
        Hub.Join("a", "x");

        Assert.Equal(HubResult.RoomLimitExceeded, Hub.ReplaceRooms("a", ["1", "2", "3", "4"]));
        Assert.Equal(["x"], Hub.GetSnapshot("a")!.Rooms);
        Assert.Equal(HubResult.UnknownConnection, Hub.ReplaceRooms("ghost", ["1"]));
    }

    [Fact]
    public void KickRoom_RemovesEveryMemberAndTheRoom()
    {
        _f.Connect("a");
        _f.Connect("b");
        Hub.Join("a", "r");
        Hub.Join("b", "r");
        Hub.Join("b", "other");

        Assert.Equal(2, Hub.KickRoom("r"));

        Assert.Empty(Hub.GetRoomMembers("r"));
        Assert.Empty(Hub.GetSnapshot("a")!.Rooms);
        Assert.Equal(["other"], Hub.GetSnapshot("b")!.Rooms);
        Assert.Equal(1, Hub.RoomCount);
        Assert.Equal(0, Hub.KickRoom("r"));
    }

    [Fact]
    public void SetMetadata_BindsUserAndMergesAttrs()
    {
        _f.Connect("a");

        Hub.SetMetadata("a", "u1", new Dictionary<string, string> { ["role"] = "member" });
        Hub.SetMetadata("a", null, new Dictionary<string, string> { ["role"] = "admin", ["lang"] = "fr" });

        var snapshot = Hub.GetSnapshot("a")!;
        Assert.Equal("u1", snapshot.UserId);
        Assert.Equal(new Dictionary<string, string> { ["role"] = "admin", ["lang"] = "fr" }, snapshot.Attrs);
        Assert.Equal(["a"], Hub.GetUserConnections("u1"));
    }

    [Fact]
    public void SetMetadata_RebindingUser_MovesTheConnection()
    {
        _f.Connect("a");
        _f.Connect("b");
        Hub.SetMetadata("a", "u1", null);
        Hub.SetMetadata("b", "u1", null);

        Hub.SetMetadata("a", "u2", null);

        Assert.Equal(["b"], Hub.GetUserConnections("u1"));
        Assert.Equal(["a"], Hub.GetUserConnections("u2"));
        Assert.Equal("u2", Hub.GetSnapshot("a")!.UserId);
    }

    [Fact]
    public void SetMetadata_AttrsBeyondLimit_RefusedWithoutBindingUser()
    {
        _f.Connect("a");
        Hub.SetMetadata("a", null, new Dictionary<string, string> { ["k1"] = "v", ["k2"] = "v" });

        var result = Hub.SetMetadata("a", "u1", new Dictionary<string, string> { ["k3"] = "v" });

        Assert.Equal(HubResult.AttrsLimitExceeded, result);
        Assert.Null(Hub.GetSnapshot("a")!.UserId);
        Assert.Equal(2, Hub.GetSnapshot("a")!.Attrs.Count);
        Assert.Equal(HubResult.Ok, Hub.SetMetadata("a", null, new Dictionary<string, string> { ["k1"] = "overwrite" }));
    }

    [Fact]
    public void SetMetadata_ReservedKey_IsRefused()
    {
        _f.Connect("a");

        Assert.Equal(HubResult.AttrsLimitExceeded, Hub.SetMetadata("a", null, new Dictionary<string, string> { ["path"] = "/evil" }));
        Assert.Equal("/ws", Hub.GetSnapshot("a")!.Path);
        Assert.Empty(Hub.GetSnapshot("a")!.Attrs);
    }

    [Fact]
    public void ClearMetadata_GivenKeysOrAll_RemovesAttrsButKeepsUser()
    {
        _f.Connect("a");
        Hub.SetMetadata("a", "u1", new Dictionary<string, string> { ["k1"] = "1", ["k2"] = "2" });

        Hub.ClearMetadata("a", ["k1", "missing"]);
        Assert.Equal(["k2"], Hub.GetSnapshot("a")!.Attrs.Keys);

        Hub.ClearMetadata("a", null);
        Assert.Empty(Hub.GetSnapshot("a")!.Attrs);
        Assert.Equal("u1", Hub.GetSnapshot("a")!.UserId);
        Assert.Equal(HubResult.UnknownConnection, Hub.ClearMetadata("ghost", null));
    }

    [Fact]
    public void GetSnapshot_CarriesReservedInfoSortedRoomsAndACopyOfAttrs()
    {
        _f.Connect("a", path: "/ws/chat", remoteAddr: "10.0.0.7", connectedAt: 42);
        Hub.Join("a", "zeta");
        Hub.Join("a", "Alpha");
        Hub.Join("a", "beta");
        Hub.SetMetadata("a", null, new Dictionary<string, string> { ["k"] = "v1" });

        var snapshot = Hub.GetSnapshot("a")!;
        Hub.SetMetadata("a", null, new Dictionary<string, string> { ["k"] = "v2" });
        Hub.Leave("a", "zeta");

        Assert.Equal(["Alpha", "beta", "zeta"], snapshot.Rooms);
        Assert.Equal("v1", snapshot.Attrs["k"]);
        Assert.Equal("/ws/chat", snapshot.Path);
        Assert.Equal("10.0.0.7", snapshot.RemoteAddr);
        Assert.Equal(42, snapshot.ConnectedAt);
        Assert.Null(Hub.GetSnapshot("ghost"));
    }

    [Fact]
    public void Unregister_RemovesFromRegistryRoomsAndUserIndex()
    {
        _f.Connect("a");
        _f.Connect("b");
        Hub.Join("a", "solo");
        Hub.Join("a", "shared");
        Hub.Join("b", "shared");
        Hub.SetMetadata("a", "u1", new Dictionary<string, string> { ["k"] = "v" });
        string? raised = null;
        Hub.ConnectionUnregistered += id => raised = id;

        Hub.Unregister("a");
        Hub.Unregister("a"); // idempotent

        Assert.False(Hub.TryGetConnection("a", out _));
        Assert.Equal(1, Hub.ConnectionCount);
        Assert.Equal(["b"], Hub.GetRoomMembers("shared"));
        Assert.Empty(Hub.GetRoomMembers("solo"));
        Assert.Equal(1, Hub.RoomCount);
        Assert.Empty(Hub.GetUserConnections("u1"));
        Assert.Null(Hub.GetSnapshot("a"));
        Assert.Equal(HubResult.UnknownConnection, Hub.Join("a", "late"));
        Assert.Equal("a", raised);
    }

    [Fact]
    public void RoomConnections_StableRoom_ReturnsTheSameCachedArray()
    {
        _f.Connect("a");
        Hub.Join("a", "r");

        var first = Hub.RoomConnections("r");
        var second = Hub.RoomConnections("r");
        _f.Connect("b");
        Hub.Join("b", "r");
        var third = Hub.RoomConnections("r");

        Assert.Same(first, second);
        Assert.NotSame(first, third);
        Assert.Equal(2, third.Length);
    }
}
