using Dispatch.Commands.Hub;

namespace Dispatch.Commands.Execution;

/// <summary>
/// The pending <c>schedule_close</c> of each connection: at most one, a later one replaces it, <c>after_ms</c> 0 or
/// an explicit close cancels it, and it dies with the connection (the hub's unregister event).
/// </summary>
internal sealed class ScheduledCloses : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ITimer> _timers = new(StringComparer.Ordinal);
    private readonly ConnectionHub _hub;
    private readonly IMessageRouter _router;
    private readonly TimeProvider _timeProvider;

    public ScheduledCloses(ConnectionHub hub, IMessageRouter router, TimeProvider timeProvider)
    {
        _hub = hub;
        _router = router;
        _timeProvider = timeProvider;
        _hub.ConnectionUnregistered += Cancel;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>Closes the connection after <paramref name="delay"/>. False when it is not registered (nothing scheduled).</summary>
    public bool Schedule(string connectionId, TimeSpan delay, int code, string reason)
    {
        if (!_hub.TryGetConnection(connectionId, out _))
        {
            return false;
        }

        // Created stopped and started only once registered, so the callback always finds itself in the table.
        ITimer timer = null!;
        timer = _timeProvider.CreateTimer(
            _ => Fire(connectionId, timer, code, reason), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            if (_timers.Remove(connectionId, out var previous))
            {
                previous.Dispose();
            }

            _timers[connectionId] = timer;
        }

        timer.Change(delay, Timeout.InfiniteTimeSpan);

        // The connection may have been unregistered between the first check and the table insert; its unregister event
        // then ran before the insert and could not see this timer.
        if (!_hub.TryGetConnection(connectionId, out _))
        {
            Cancel(connectionId);
            return false;
        }

        return true;
    }

    public void Cancel(string connectionId)
    {
        lock (_gate)
        {
            if (_timers.Remove(connectionId, out var timer))
            {
                timer.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _hub.ConnectionUnregistered -= Cancel;
        lock (_gate)
        {
            foreach (var timer in _timers.Values)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }
    }

    private void Fire(string connectionId, ITimer timer, int code, string reason)
    {
        lock (_gate)
        {
            // A replaced or cancelled timer may still fire once; only the current one closes.
            if (!_timers.TryGetValue(connectionId, out var current) || !ReferenceEquals(current, timer))
            {
                return;
            }

            _timers.Remove(connectionId);
        }

        timer.Dispose();
        _router.CloseConnection(connectionId, code, reason);
    }
}
