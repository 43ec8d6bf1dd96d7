using Dispatch.Commands.Contract;
using Dispatch.Commands.Hub;
using Dispatch.Commands.Validation;

namespace Dispatch.Tests.Commands;

/// <summary>
/// The hub shares one metadata snapshot across a connection's events until its metadata changes: every kind of change
/// must give the next event a fresh snapshot that shows it, and an earlier snapshot must never change.
/// </summary>
public sealed class ConnectionHubSnapshotTests
{
    private readonly HubFixture _f = new(new LimitsOptions { MaxRoomsPerConnection = 4, MaxAttrsPerConnection = 4 });

    private ConnectionHub Hub => _f.Hub;

    [Fact]
    public void GetSnapshot_NoChangeInBetween_ReturnsTheSameSnapshot()
    {
        _f.Connect("a");
        Hub.Join("a", "lobby");

        Assert.Same(Hub.GetSnapshot("a"), Hub.GetSnapshot("a"));
    }

    public static TheoryData<string> Changes => new()
    {
        "join", "leave", "replace_rooms", "kick_room", "bind_user", "rebind_user", "set_attr", "clear_one_attr", "clear_attrs",
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void GetSnapshot_AfterEachKindOfChange_IsFreshAndShowsIt(string change)
    {
        _f.Connect("a");
        Hub.Join("a", "lobby");
        Hub.SetMetadata("a", "u1", new Dictionary<string, string> { ["k"] = "1", ["j"] = "2" });
        var before = Hub.GetSnapshot("a")!;
        var beforeJson = ContractJson.SerializeEvent(new WorkerEvent { Metadata = before });

        var expectRooms = new List<string> { "lobby" };
        var expectUser = "u1";
        var expectAttrs = new Dictionary<string, string> { ["k"] = "1", ["j"] = "2" };
        switch (change)
        {
            case "join": Hub.Join("a", "news"); expectRooms = ["lobby", "news"]; break;
            case "leave": Hub.Leave("a", "lobby"); expectRooms = []; break;
            case "replace_rooms": Hub.ReplaceRooms("a", ["x", "y"]); expectRooms = ["x", "y"]; break;
            case "kick_room": Hub.KickRoom("lobby"); expectRooms = []; break;
            case "bind_user": Hub.SetMetadata("a", "u2", null); expectUser = "u2"; break;
            case "rebind_user": Hub.SetMetadata("a", "u3", new Dictionary<string, string> { ["k"] = "9" }); expectUser = "u3"; expectAttrs["k"] = "9"; break;
            case "set_attr": Hub.SetMetadata("a", null, new Dictionary<string, string> { ["n"] = "new" }); expectAttrs["n"] = "new"; break;
            case "clear_one_attr": Hub.ClearMetadata("a", ["k"]); expectAttrs.Remove("k"); break;
            case "clear_attrs": Hub.ClearMetadata("a", null); expectAttrs.Clear(); break;
        }

        var after = Hub.GetSnapshot("a")!;
        Assert.NotSame(before, after);
        Assert.Equal(expectRooms, after.Rooms);
        Assert.Equal(expectUser, after.UserId);
        Assert.Equal(expectAttrs.OrderBy(p => p.Key, StringComparer.Ordinal), after.Attrs.OrderBy(p => p.Key, StringComparer.Ordinal));

        // The earlier snapshot, already handed to an event, is untouched.
        Assert.Equal(beforeJson, ContractJson.SerializeEvent(new WorkerEvent { Metadata = before }));
    }
}
