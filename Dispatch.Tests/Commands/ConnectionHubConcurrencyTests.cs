using Dispatch.Commands.Hub;
using Dispatch.Commands.Validation;
using Dispatch.Tests.Commands.Fakes;

namespace Dispatch.Tests.Commands;

/// <summary>
/// Many threads join, leave, replace, kick, rebind, broadcast and reconnect at once; afterwards the registry, the room
/// index and the user index must agree with each other exactly.
/// </summary>
public sealed class ConnectionHubConcurrencyTests
{
    private const int Threads = 8;
    private const int OperationsPerThread = 4000;
    private static readonly string[] Rooms = ["r0", "r1", "r2", "r3", "r4"];
    private static readonly string[] Users = ["u0", "u1", "u2"];

    [Fact]
    public void ConcurrentOperations_LeaveRegistryRoomsAndUsersConsistent()
    {
        var hub = new ConnectionHub(new LimitsOptions { MaxRoomsPerConnection = 3 });
        var router = new LocalMessageRouter(hub);
        var connections = Enumerable.Range(0, 24).Select(i => new FakeClientConnection("c" + i)).ToArray();
        foreach (var c in connections)
        {
            hub.TryRegister(c, new ConnectionInfo(c.Id, "/ws", "", 0));
        }

        var message = OutboundMessage.Text("tick");
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        using var start = new Barrier(Threads);
        var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            var random = new Random(1000 + t);
            start.SignalAndWait();
            try
            {
                for (var i = 0; i < OperationsPerThread; i++)
                {
                    var c = connections[random.Next(connections.Length)];
                    var room = Rooms[random.Next(Rooms.Length)];
                    switch (random.Next(10))
                    {
                        case 0 or 1 or 2: hub.Join(c.Id, room); break;
                        case 3 or 4: hub.Leave(c.Id, room); break;
                        case 5: hub.ReplaceRooms(c.Id, Rooms.Where(_ => random.Next(3) == 0).Take(3).ToArray()); break;
                        case 6: hub.KickRoom(room); break;
                        case 7: hub.SetMetadata(c.Id, Users[random.Next(Users.Length)], null); break;
                        case 8: router.Broadcast(room, message, exceptConnectionId: c.Id); break;
                        default:
                            hub.Unregister(c.Id);
                            hub.TryRegister(c, new ConnectionInfo(c.Id, "/ws", "", 0));
                            break;
                    }
                }
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex);
            }
        })).ToList();

        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        Assert.Empty(failures);
        AssertConsistent(hub, connections);
    }

    [Fact]
    public void ConcurrentJoinAndLeaveOfOneRoom_NeverLosesAJoin()
    {
        // Several connections hammer one room, which empties and is dropped over and over while others join it. Only a
        // connection itself leaves, so right after its own join it must be listed: a join lost to a concurrent
        // drop of the emptied room shows up here.
        var hub = new ConnectionHub(new LimitsOptions());
        var members = Enumerable.Range(0, 4).Select(i => new FakeClientConnection("m" + i)).ToArray();
        foreach (var m in members)
        {
            hub.TryRegister(m, new ConnectionInfo(m.Id, "/ws", "", 0));
        }

        var lostJoins = 0;
        using var start = new Barrier(members.Length);
        var threads = members.Select(m => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 20_000; i++)
            {
                hub.Join(m.Id, "hot");
                if (!hub.GetRoomMembers("hot").Contains(m.Id))
                {
                    Interlocked.Increment(ref lostJoins);
                }

                hub.Leave(m.Id, "hot");
            }

            hub.Join(m.Id, "hot");
        })).ToArray();
        Array.ForEach(threads, t => t.Start());
        Array.ForEach(threads, t => t.Join());

        Assert.Equal(0, lostJoins);
        Assert.Equal(members.Select(m => m.Id), hub.GetRoomMembers("hot").Order(StringComparer.Ordinal));
        Assert.Equal(1, hub.RoomCount);
    }

    private static void AssertConsistent(ConnectionHub hub, FakeClientConnection[] connections)
    {
        var nonEmptyRooms = 0;
        foreach (var room in Rooms)
        {
            var members = hub.GetRoomMembers(room);
            nonEmptyRooms += members.Count > 0 ? 1 : 0;
            Assert.Equal(members.Count, members.Distinct().Count());
            foreach (var member in members)
            {
                Assert.Contains(room, hub.GetSnapshot(member)!.Rooms);
            }
        }

        Assert.Equal(nonEmptyRooms, hub.RoomCount);
        foreach (var c in connections)
        {
            var snapshot = hub.GetSnapshot(c.Id)!;
            Assert.True(snapshot.Rooms.Count <= 3);
            foreach (var room in snapshot.Rooms)
            {
                Assert.Contains(c.Id, hub.GetRoomMembers(room));
            }

            if (snapshot.UserId is { } user)
            {
                Assert.Contains(c.Id, hub.GetUserConnections(user));
            }
        }

        foreach (var user in Users)
        {
            Assert.All(hub.GetUserConnections(user), id => Assert.Equal(user, hub.GetSnapshot(id)!.UserId));
        }
    }
}
