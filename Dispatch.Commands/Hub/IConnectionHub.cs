using Dispatch.Commands.Contract;

namespace Dispatch.Commands.Hub;

/// <summary>
/// The node-local registry of live connections, rooms, user bindings and metadata. Thread-safe.
/// Delivery to members goes through <see cref="IMessageRouter"/> so that a backplane can be added later.
/// </summary>
public interface IConnectionHub
{
    int ConnectionCount { get; }

    /// <summary>Registers an accepted connection. False when the id is already taken.</summary>
    bool TryRegister(IClientConnection connection, ConnectionInfo info);

    /// <summary>Removes a connection from the registry, every room and its user binding. Idempotent.</summary>
    void Unregister(string connectionId);

    bool TryGetConnection(string connectionId, out IClientConnection connection);

    /// <summary>A consistent copy of the connection's metadata, for the next event sent to a worker.</summary>
    MetadataSnapshot? GetSnapshot(string connectionId);

    HubResult Join(string connectionId, string room);
    HubResult Leave(string connectionId, string room);

    /// <summary>Sets the connection's rooms to exactly <paramref name="rooms"/>, atomically.</summary>
    HubResult ReplaceRooms(string connectionId, IReadOnlyCollection<string> rooms);

    /// <summary>Removes every member from the room; returns how many were removed.</summary>
    int KickRoom(string room);

    /// <summary>Binds the user (when <paramref name="userId"/> is not null) and merges attrs.</summary>
    HubResult SetMetadata(string connectionId, string? userId, IReadOnlyDictionary<string, string>? attrs);

    /// <summary>Removes the given attrs, or all attrs when <paramref name="keys"/> is null.</summary>
    HubResult ClearMetadata(string connectionId, IReadOnlyCollection<string>? keys);

    /// <summary>Member ids of a room (a copy), empty for an unknown room.</summary>
    IReadOnlyCollection<string> GetRoomMembers(string room);

    /// <summary>Connection ids bound to a user (a copy).</summary>
    IReadOnlyCollection<string> GetUserConnections(string userId);

    int RoomCount { get; }

    /// <summary>Users with at least one bound connection on this node.</summary>
    int UserCount { get; }

    /// <summary>
    /// Connections ordered by id, optionally only those in <paramref name="room"/> and/or bound to
    /// <paramref name="userId"/>: the <paramref name="limit"/> from <paramref name="offset"/> on, and how many matched.
    /// Connections that leave while the page is built are left out.
    /// </summary>
    HubPage<ConnectionDetails> ListConnections(string? room, string? userId, int offset, int limit);

    /// <summary>Rooms ordered by name with their member counts: <paramref name="limit"/> from <paramref name="offset"/> on.</summary>
    HubPage<RoomSummary> ListRooms(int offset, int limit);
}
