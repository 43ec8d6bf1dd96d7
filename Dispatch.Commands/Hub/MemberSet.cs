namespace Dispatch.Commands.Hub;

/// <summary>
/// The members of one room or one user. Changes take a small lock; fan-out reads a cached array that is rebuilt only
/// after a change, so a broadcast to a stable room allocates nothing and never waits on a join.
/// </summary>
internal sealed class MemberSet
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IClientConnection> _members = new(StringComparer.Ordinal);
    private IClientConnection[]? _snapshot = [];
    private bool _retired;

    /// <summary>
    /// Adds a member. False when the set was retired (it emptied and is leaving its index): the caller must add to a
    /// fresh set instead. Retiring is what lets an empty room be dropped without losing a concurrent join.
    /// </summary>
    public bool TryAdd(IClientConnection connection)
    {
        lock (_gate)
        {
            if (_retired)
            {
                return false;
            }

            if (_members.TryAdd(connection.Id, connection))
            {
                _snapshot = null;
            }

            return true;
        }
    }

    /// <summary>Removes a member. True when this emptied the set, which is then retired and must leave its index.</summary>
    public bool Remove(string connectionId)
    {
        lock (_gate)
        {
            if (_members.Remove(connectionId))
            {
                _snapshot = null;
            }

            if (_members.Count > 0 || _retired)
            {
                return false;
            }

            _retired = true;
            return true;
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _members.Count;
            }
        }
    }

    /// <summary>The members at some instant. Shared and cached: callers must not modify it.</summary>
    public IClientConnection[] Snapshot()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null)
        {
            return snapshot;
        }

        lock (_gate)
        {
            return _snapshot ??= [.. _members.Values];
        }
    }
}
