using Dispatch.Commands.Contract;
using Dispatch.Commands.Presence;
using Dispatch.Pipeline.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Pipeline.Presence;

/// <summary>
/// The hub's <see cref="IPresenceObserver"/> in message-dispatch mode: hands each change of a watched room to the
/// subject connection's lane, which dispatches it as a <c>presence</c> event in order with the connection's other
/// events. Never blocks (the hub calls it under a lock); a change that is not reported is counted and logged.
/// </summary>
internal sealed class PresenceTracker : IPresenceObserver
{
    private readonly PresenceRooms _rooms;
    private readonly SessionRegistry _sessions;
    private readonly PresenceMetrics _metrics;
    private readonly ILogger<PresenceTracker> _logger;
    private readonly int _maxPending;

    public PresenceTracker(
        PresenceRooms rooms,
        SessionRegistry sessions,
        PresenceMetrics metrics,
        IOptions<PresenceOptions> options,
        ILogger<PresenceTracker> logger)
    {
        _rooms = rooms;
        _sessions = sessions;
        _metrics = metrics;
        _logger = logger;
        _maxPending = options.Value.MaxPendingPerConnection;
    }

    public bool IsEnabled => !_rooms.IsEmpty;

    public bool Watches(string room) => _rooms.Matches(room);

    public void MembershipChanged(string connectionId, string room, PresenceAction action, PresenceCause cause, MetadataSnapshot snapshot)
    {
        var report = _sessions.TryGet(connectionId, out var session)
            ? session.ReportPresence(new PresenceChange(room, action, cause, snapshot), _maxPending)
            : PresenceReport.NoLane;
        if (report == PresenceReport.Queued)
        {
            _metrics.ChangeQueued(action.ToWire(), cause.ToWire());
            return;
        }

        _metrics.ChangeNotReported(report);
        if (report == PresenceReport.QueueFull)
        {
            PresenceLog.QueueFull(_logger, connectionId, action, room, _maxPending);
        }
        else
        {
            PresenceLog.NotReported(_logger, connectionId, action, room, cause, report);
        }
    }
}
