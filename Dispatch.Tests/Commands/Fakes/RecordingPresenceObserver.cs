using Dispatch.Commands.Contract;
using Dispatch.Commands.Presence;

namespace Dispatch.Tests.Commands.Fakes;

/// <summary>An <see cref="IPresenceObserver"/> that watches the given exact rooms and records every change it is told of.</summary>
internal sealed class RecordingPresenceObserver(params string[] watched) : IPresenceObserver
{
    private readonly Lock _gate = new();
    private readonly List<(string Id, string Room, PresenceAction Action, PresenceCause Cause, MetadataSnapshot Snapshot)> _changes = [];
    private int _watchCalls;

    public bool IsEnabled => watched.Length > 0;

    public int WatchCalls => Volatile.Read(ref _watchCalls);

    public IReadOnlyList<(string Id, string Room, PresenceAction Action, PresenceCause Cause, MetadataSnapshot Snapshot)> Changes
    {
        get { lock (_gate) { return [.. _changes]; } }
    }

    /// <summary>The changes as "id room action cause" lines, for compact assertions.</summary>
    public IReadOnlyList<string> Lines => [.. Changes.Select(c => $"{c.Id} {c.Room} {c.Action.ToWire()} {c.Cause.ToWire()}")];

    public bool Watches(string room)
    {
        Interlocked.Increment(ref _watchCalls);
        return watched.Contains(room);
    }

    public void MembershipChanged(string connectionId, string room, PresenceAction action, PresenceCause cause, MetadataSnapshot snapshot)
    {
        lock (_gate)
        {
            _changes.Add((connectionId, room, action, cause, snapshot));
        }
    }
}
