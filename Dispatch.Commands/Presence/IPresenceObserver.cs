using Dispatch.Commands.Contract;

namespace Dispatch.Commands.Presence;

/// <summary>
/// Told by the hub about every membership change of a watched room (issue 6, presence events): a join that took
/// effect, or a leave of a room the connection was in. A join to a room the connection is already in is no change and
/// is not reported. A connection leaving the hub (<see cref="Hub.IConnectionHub.Unregister"/>) is not reported either:
/// its close is the owner of the connection's lane to announce.
/// </summary>
public interface IPresenceObserver
{
    /// <summary>False when no room is watched; the hub then never calls the observer, so presence off costs nothing.</summary>
    bool IsEnabled { get; }

    /// <summary>Whether changes of <paramref name="room"/> are reported. Cheap and thread-safe.</summary>
    bool Watches(string room);

    /// <summary>
    /// One change of a watched room. Called under the subject connection's hub lock, so each connection's changes
    /// arrive in the order they happened; it must be quick, must not block and must not call back into the hub.
    /// </summary>
    /// <param name="snapshot">The subject's metadata right after the change (shared by the changes of one
    /// <c>replace_rooms</c>; never modified).</param>
    void MembershipChanged(string connectionId, string room, PresenceAction action, PresenceCause cause, MetadataSnapshot snapshot);
}
