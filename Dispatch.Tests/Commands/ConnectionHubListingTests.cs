using Dispatch.Commands.Hub;

namespace Dispatch.Tests.Commands;

/// <summary>The hub's read side for the server API: paged, filtered connection listings, room listings, user count.</summary>
public sealed class ConnectionHubListingTests
{
    private readonly HubFixture _f = new();

    private ConnectionHub Hub => _f.Hub;

    [Fact]
    public void ListConnections_PagesInIdOrder_WithTheTotal()
    {
        foreach (var id in new[] { "d", "b", "a", "c", "e" })
        {
            _f.Connect(id);
        }

        var first = Hub.ListConnections(room: null, userId: null, offset: 0, limit: 2);
        var second = Hub.ListConnections(null, null, 2, 2);
        var last = Hub.ListConnections(null, null, 4, 2);
        var beyond = Hub.ListConnections(null, null, 9, 2);

        Assert.Equal(5, first.Total);
        Assert.Equal(["a", "b"], first.Items.Select(i => i.Id));
        Assert.Equal(["c", "d"], second.Items.Select(i => i.Id));
        Assert.Equal(["e"], last.Items.Select(i => i.Id));
        Assert.Equal(5, beyond.Total);
        Assert.Empty(beyond.Items);
    }

    [Fact]
    public void ListConnections_CarriesEachConnectionsMetadata()
    {
        _f.Connect("a", path: "/live", remoteAddr: "10.0.0.1", connectedAt: 42);
        Hub.Join("a", "lobby");
        Hub.SetMetadata("a", "u1", new Dictionary<string, string> { ["plan"] = "pro" });

        var item = Assert.Single(Hub.ListConnections(null, null, 0, 10).Items);

        Assert.Equal("a", item.Id);
        Assert.Equal("u1", item.Metadata.UserId);
        Assert.Equal(["lobby"], item.Metadata.Rooms);
        Assert.Equal("pro", item.Metadata.Attrs["plan"]);
        Assert.Equal(("/live", "10.0.0.1", 42L), (item.Metadata.Path, item.Metadata.RemoteAddr, item.Metadata.ConnectedAt));
    }

    [Fact]
    public void ListConnections_FiltersByRoomUserOrBoth()
    {
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            _f.Connect(id);
        }

        Hub.Join("a", "r1");
        Hub.Join("b", "r1");
        Hub.Join("c", "r2");
        Hub.SetMetadata("a", "u1", null);
        Hub.SetMetadata("c", "u1", null);
        Hub.SetMetadata("d", "u2", null);

        Assert.Equal(["a", "b"], Ids(Hub.ListConnections("r1", null, 0, 10)));
        Assert.Equal(["a", "c"], Ids(Hub.ListConnections(null, "u1", 0, 10)));
        Assert.Equal(["a"], Ids(Hub.ListConnections("r1", "u1", 0, 10)));
        Assert.Equal(1, Hub.ListConnections("r1", "u1", 0, 10).Total);
        Assert.Empty(Ids(Hub.ListConnections("r2", "u2", 0, 10)));
        Assert.Empty(Ids(Hub.ListConnections("nowhere", null, 0, 10)));
    }

    [Fact]
    public void ListConnections_LeavesOutConnectionsThatAreGone()
    {
        _f.Connect("a");
        _f.Connect("b");
        Hub.Unregister("a");

        var page = Hub.ListConnections(null, null, 0, 10);

        Assert.Equal(1, page.Total);
        Assert.Equal(["b"], Ids(page));
    }

    [Fact]
    public void ListRooms_ByNameWithMemberCounts_Paged_AndEmptyRoomsAreGone()
    {
        _f.Connect("a");
        _f.Connect("b");
        Hub.Join("a", "zeta");
        Hub.Join("a", "alpha");
        Hub.Join("b", "alpha");
        Hub.Join("b", "mid");
        Hub.Leave("b", "mid");

        var all = Hub.ListRooms(0, 10);
        var second = Hub.ListRooms(1, 1);

        Assert.Equal(2, all.Total);
        Assert.Equal([new RoomSummary("alpha", 2), new RoomSummary("zeta", 1)], all.Items);
        Assert.Equal([new RoomSummary("zeta", 1)], second.Items);
        Assert.Equal(2, second.Total);
    }

    [Fact]
    public void UserCount_CountsUsersWithABoundConnection()
    {
        _f.Connect("a");
        _f.Connect("b");
        _f.Connect("c");
        Hub.SetMetadata("a", "u1", null);
        Hub.SetMetadata("b", "u1", null);
        Hub.SetMetadata("c", "u2", null);
        Assert.Equal(2, Hub.UserCount);

        Hub.Unregister("c");
        Assert.Equal(1, Hub.UserCount);
        Hub.Unregister("a");
        Hub.Unregister("b");
        Assert.Equal(0, Hub.UserCount);
    }

    [Fact]
    public void Listings_RefuseNegativeOffsetsAndLimits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Hub.ListConnections(null, null, -1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Hub.ListRooms(0, -1));
    }

    private static List<string> Ids(HubPage<ConnectionDetails> page) => [.. page.Items.Select(i => i.Id)];
}
