using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Dispatch.Service.Gateway;

namespace Dispatch.Service.Connections;

/// <summary>
/// The node's live websockets, for connection limits (global and per remote address) and for closing everyone with 1001
/// at shutdown. Admission counts an upgrade from its first check, so a burst cannot overshoot a limit while its
/// <c>open</c> events are with the workers.
/// </summary>
internal sealed class ConnectionTracker
{
    private readonly ConcurrentDictionary<string, WebSocketConnection> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _perAddress = new(StringComparer.Ordinal);
    private readonly int _maxConnections;
    private readonly int _maxPerAddress;
    private int _admitted;
    private volatile bool _stopping;

    public ConnectionTracker(IOptions<GatewayOptions> options)
    {
        _maxConnections = options.Value.MaxConnections;
        _maxPerAddress = options.Value.MaxConnectionsPerIp;
    }

    public bool IsStopping => _stopping;

    public int Count => _connections.Count;

    public int Admitted => Volatile.Read(ref _admitted);

    /// <summary>Frames waiting in every connection's send queue (a gauge, read on scrape).</summary>
    public long QueuedFrames()
    {
        long frames = 0;
        foreach (var (_, connection) in _connections)
        {
            frames += connection.QueuedFrames;
        }

        return frames;
    }

    /// <summary>Reserves a slot for an upgrade from <paramref name="remoteAddr"/>; false when a limit is reached.</summary>
    public bool TryAdmit(string remoteAddr)
    {
        var total = Interlocked.Increment(ref _admitted);
        if (_maxConnections > 0 && total > _maxConnections)
        {
            Interlocked.Decrement(ref _admitted);
            return false;
        }

        var forAddress = _perAddress.AddOrUpdate(remoteAddr, 1, static (_, n) => n + 1);
        if (_maxPerAddress > 0 && forAddress > _maxPerAddress)
        {
            ReleaseAddress(remoteAddr);
            Interlocked.Decrement(ref _admitted);
            return false;
        }

        return true;
    }

    public void Release(string remoteAddr)
    {
        ReleaseAddress(remoteAddr);
        Interlocked.Decrement(ref _admitted);
    }

    public void Add(WebSocketConnection connection) => _connections[connection.Id] = connection;

    public void Remove(WebSocketConnection connection) => _connections.TryRemove(connection.Id, out _);

    /// <summary>Stops admitting upgrades and closes every live websocket with 1001.</summary>
    public void StopAndCloseAll()
    {
        _stopping = true;
        foreach (var connection in _connections.Values)
        {
            connection.Close(1001, "server shutting down");
        }
    }

    private void ReleaseAddress(string remoteAddr)
    {
        while (_perAddress.TryGetValue(remoteAddr, out var n))
        {
            if (n <= 1
                ? _perAddress.TryRemove(new KeyValuePair<string, int>(remoteAddr, n))
                : _perAddress.TryUpdate(remoteAddr, n - 1, n))
            {
                return;
            }
        }
    }
}
