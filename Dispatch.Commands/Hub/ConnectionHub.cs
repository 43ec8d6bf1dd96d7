using System.Collections.Concurrent;
using Dispatch.Commands.Contract;
using Dispatch.Commands.Presence;
using Dispatch.Commands.Validation;
using Microsoft.Extensions.Options;

namespace Dispatch.Commands.Hub;

/// <summary>
/// The in-memory <see cref="IConnectionHub"/>: connections, rooms, user bindings and attrs of this node.
/// Each connection's own state changes under its lock; room and user member sets have their own small locks and are
/// read lock-free for fan-out. Limits are enforced here as well as by the validator, since the hub is public API.
/// Membership changes of watched rooms are reported to the <see cref="IPresenceObserver"/>, under the subject's lock.
/// </summary>
public sealed class ConnectionHub : IConnectionHub
{
    private readonly ConcurrentDictionary<string, ConnectionState> _connections = new(StringComparer.Ordinal);
    private readonly MemberIndex _rooms = new();
    private readonly MemberIndex _users = new();
    private readonly LimitsOptions _limits;

    /// <summary>Null when presence is off: then the only cost of the feature is this null check.</summary>
    private readonly IPresenceObserver? _presence;

    public ConnectionHub(IOptions<LimitsOptions> options, IPresenceObserver? presence = null)
        : this(options.Value, presence)
    {
    }

    public ConnectionHub(LimitsOptions limits, IPresenceObserver? presence = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
        _presence = presence is { IsEnabled: true } ? presence : null;
    }

    /// <summary>Raised after a connection left the registry, its rooms and its user (per-connection timers hang off it).</summary>
    public event Action<string>? ConnectionUnregistered;

    public int ConnectionCount => _connections.Count;

    public int RoomCount => _rooms.Count;

    public int UserCount => _users.Count;

    public bool TryRegister(IClientConnection connection, ConnectionInfo info)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(info);
        if (connection.Id != info.Id)
        {
            throw new ArgumentException($"Connection id {connection.Id} differs from its info id {info.Id}.", nameof(info));
        }

        return _connections.TryAdd(connection.Id, new ConnectionState(connection, info));
    }

    public void Unregister(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var state))
        {
            return;
        }

        lock (state.Gate)
        {
            state.Removed = true;
            foreach (var room in state.Rooms)
            {
                _rooms.Remove(room, connectionId);
            }

            state.ClearRooms();
            if (state.UserId is { } userId)
            {
                _users.Remove(userId, connectionId);
                state.UserId = null;
            }

            state.ClearAttrs();
        }

        ConnectionUnregistered?.Invoke(connectionId);
    }

    public bool TryGetConnection(string connectionId, out IClientConnection connection)
    {
        if (_connections.TryGetValue(connectionId, out var state))
        {
            connection = state.Connection;
            return true;
        }

        connection = null!;
        return false;
    }

    public MetadataSnapshot? GetSnapshot(string connectionId)
    {
        if (!_connections.TryGetValue(connectionId, out var state))
        {
            return null;
        }

        lock (state.Gate)
        {
            return state.Removed ? null : state.Snapshot();
        }
    }

    public HubResult Join(string connectionId, string room)
    {
        if (!_connections.TryGetValue(connectionId, out var state))
        {
            return HubResult.UnknownConnection;
        }

        lock (state.Gate)
        {
            if (state.Removed)
            {
                return HubResult.UnknownConnection;
            }

            if (state.Rooms.Contains(room))
            {
                return HubResult.Ok;
            }

            if (state.Rooms.Count >= _limits.MaxRoomsPerConnection)
            {
                return HubResult.RoomLimitExceeded;
            }

            state.AddRoom(room);
            _rooms.Add(room, state.Connection);
            Report(state, room, PresenceAction.Join, PresenceCause.Join);
            return HubResult.Ok;
        }
    }

    public HubResult Leave(string connectionId, string room)
    {
        if (!_connections.TryGetValue(connectionId, out var state))
        {
            return HubResult.UnknownConnection;
        }

        lock (state.Gate)
        {
            if (state.Removed)
            {
                return HubResult.UnknownConnection;
            }

            if (state.RemoveRoom(room))
            {
                _rooms.Remove(room, connectionId);
                Report(state, room, PresenceAction.Leave, PresenceCause.Leave);
            }

            return HubResult.Ok;
        }
    }

    public HubResult ReplaceRooms(string connectionId, IReadOnlyCollection<string> rooms)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        var wanted = new HashSet<string>(rooms, StringComparer.Ordinal);
        if (wanted.Count > _limits.MaxRoomsPerConnection)
        {
            return _connections.ContainsKey(connectionId) ? HubResult.RoomLimitExceeded : HubResult.UnknownConnection;
        }

        if (!_connections.TryGetValue(connectionId, out var state))
        {
            return HubResult.UnknownConnection;
        }

        lock (state.Gate)
        {
            if (state.Removed)
            {
                return HubResult.UnknownConnection;
            }

            // Under the connection's lock, so its next snapshot sees the old set or the new one, never a mix.
            var left = state.Rooms.Where(r => !wanted.Contains(r)).ToList();
            foreach (var room in left)
            {
                state.RemoveRoom(room);
                _rooms.Remove(room, connectionId);
            }

            List<string>? joined = _presence is null ? null : [];
            foreach (var room in wanted)
            {
                if (state.AddRoom(room))
                {
                    _rooms.Add(room, state.Connection);
                    joined?.Add(room);
                }
            }

            if (joined is not null)
            {
                ReportReplaced(state, left, joined);
            }

            return HubResult.Ok;
        }
    }

    public int KickRoom(string room)
    {
        var removed = 0;
        foreach (var member in _rooms.Members(room))
        {
            // A member that joins after this snapshot stays: the kick happened before its join.
            if (!_connections.TryGetValue(member.Id, out var state))
            {
                continue;
            }

            lock (state.Gate)
            {
                if (state.RemoveRoom(room))
                {
                    _rooms.Remove(room, member.Id);
                    Report(state, room, PresenceAction.Leave, PresenceCause.KickRoom);
                    removed++;
                }
            }
        }

        return removed;
    }

    public HubResult SetMetadata(string connectionId, string? userId, IReadOnlyDictionary<string, string>? attrs)
    {
        if (!_connections.TryGetValue(connectionId, out var state))
        {
            return HubResult.UnknownConnection;
        }

        lock (state.Gate)
        {
            if (state.Removed)
            {
                return HubResult.UnknownConnection;
            }

            // Checked before anything changes, so a refused command leaves the user binding untouched too.
            if (attrs is not null && !AttrsFit(state.Attrs, attrs))
            {
                return HubResult.AttrsLimitExceeded;
            }

            if (userId is not null && userId != state.UserId)
            {
                if (state.UserId is { } previous)
                {
                    _users.Remove(previous, connectionId);
                }

                state.UserId = userId;
                _users.Add(userId, state.Connection);
            }

            if (attrs is not null)
            {
                foreach (var (key, value) in attrs)
                {
                    state.SetAttr(key, value);
                }
            }

            return HubResult.Ok;
        }
    }

    public HubResult ClearMetadata(string connectionId, IReadOnlyCollection<string>? keys)
    {
        if (!_connections.TryGetValue(connectionId, out var state))
        {
            return HubResult.UnknownConnection;
        }

        lock (state.Gate)
        {
            if (state.Removed)
            {
                return HubResult.UnknownConnection;
            }

            if (keys is null)
            {
                state.ClearAttrs();
            }
            else
            {
                foreach (var key in keys)
                {
                    state.RemoveAttr(key);
                }
            }

            return HubResult.Ok;
        }
    }

    public IReadOnlyCollection<string> GetRoomMembers(string room) => Ids(_rooms.Members(room));

    public IReadOnlyCollection<string> GetUserConnections(string userId) => Ids(_users.Members(userId));

    public HubPage<ConnectionDetails> ListConnections(string? room, string? userId, int offset, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        IEnumerable<string> ids = room is not null ? Ids(_rooms.Members(room))
            : userId is not null ? Ids(_users.Members(userId))
            : _connections.Keys;
        if (room is not null && userId is not null)
        {
            var ofUser = new HashSet<string>(Ids(_users.Members(userId)), StringComparer.Ordinal);
            ids = ids.Where(ofUser.Contains);
        }

        // Sorted so that consecutive pages neither repeat nor skip a connection that stayed.
        var sorted = ids.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        var items = new List<ConnectionDetails>(Math.Min(limit, Math.Max(0, sorted.Length - offset)));
        for (var i = offset; i < sorted.Length && items.Count < limit; i++)
        {
            if (GetSnapshot(sorted[i]) is { } snapshot)
            {
                items.Add(new ConnectionDetails(sorted[i], snapshot));
            }
        }

        return new HubPage<ConnectionDetails>(sorted.Length, items);
    }

    public HubPage<RoomSummary> ListRooms(int offset, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var counts = _rooms.Counts();
        counts.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var items = counts.Skip(offset).Take(limit).Select(static c => new RoomSummary(c.Key, c.Members)).ToList();
        return new HubPage<RoomSummary>(counts.Count, items);
    }

    /// <summary>The room's live members for fan-out. Shared: never modify the array.</summary>
    internal IClientConnection[] RoomConnections(string room) => _rooms.Members(room);

    /// <summary>The user's live connections for fan-out. Shared: never modify the array.</summary>
    internal IClientConnection[] UserConnections(string userId) => _users.Members(userId);

    /// <summary>Called under the state's lock, right after the change, so each connection's reports keep its order.</summary>
    private void Report(ConnectionState state, string room, PresenceAction action, PresenceCause cause)
    {
        if (_presence is { } presence && presence.Watches(room))
        {
            presence.MembershipChanged(state.Info.Id, room, action, cause, state.Snapshot());
        }
    }

    /// <summary>The leaves, then the joins, of one atomic <c>replace_rooms</c>; they share the snapshot after it.</summary>
    private void ReportReplaced(ConnectionState state, List<string> left, List<string> joined)
    {
        MetadataSnapshot? after = null;
        ReportReplaced(state, left, PresenceAction.Leave, ref after);
        ReportReplaced(state, joined, PresenceAction.Join, ref after);
    }

    private void ReportReplaced(ConnectionState state, List<string> rooms, PresenceAction action, ref MetadataSnapshot? after)
    {
        var presence = _presence!;
        foreach (var room in rooms)
        {
            if (presence.Watches(room))
            {
                presence.MembershipChanged(state.Info.Id, room, action, PresenceCause.ReplaceRooms, after ??= state.Snapshot());
            }
        }
    }

    /// <summary>Call under the state's lock.</summary>
    private bool AttrsFit(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> changes)
    {
        var added = 0;
        foreach (var key in changes.Keys)
        {
            if (ReservedMetadataKeys.IsReserved(key))
            {
                return false;
            }

            if (!current.ContainsKey(key))
            {
                added++;
            }
        }

        return current.Count + added <= _limits.MaxAttrsPerConnection;
    }

    private static string[] Ids(IClientConnection[] members) => Array.ConvertAll(members, m => m.Id);
}
