using System.Buffers;
using Dispatch.Commands.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Log = Dispatch.Commands.Hub.LocalMessageRouterLog;

namespace Dispatch.Commands.Hub;

/// <summary>
/// Delivers frames to connections of this node through the hub's registry. Only <see cref="IClientConnection.TrySend"/>
/// is called, which queues without blocking, so one slow socket never holds up the rest of a fan-out; every member of a
/// broadcast receives the same <see cref="OutboundMessage"/> instance.
/// </summary>
public sealed class LocalMessageRouter : IMessageRouter
{
    /// <summary>
    /// Fan-outs this large queue to every member before any socket write and spread the writes over the thread pool;
    /// smaller ones write inline, which is cheaper than a thread-pool hop.
    /// </summary>
    internal const int DeferredDrainThreshold = 32;

    private readonly ConnectionHub _hub;
    private readonly DispatchMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly FanOutActivity? _fanOuts;

    public LocalMessageRouter(ConnectionHub hub, ILogger<LocalMessageRouter>? logger = null, DispatchMetrics? metrics = null, FanOutActivity? fanOuts = null)
    {
        ArgumentNullException.ThrowIfNull(hub);
        _hub = hub;
        _metrics = metrics;
        _fanOuts = fanOuts;
        _logger = logger ?? NullLogger<LocalMessageRouter>.Instance;
    }

    public bool SendToConnection(string connectionId, OutboundMessage message)
    {
        if (!_hub.TryGetConnection(connectionId, out var connection))
        {
            return false;
        }

        // A known target that refuses the frame (closing, or slow and now closing itself) is still a known target.
        if (Deliver(connection, message))
        {
            _metrics?.AddMessagesSent();
        }

        return true;
    }

    public int SendToUser(string userId, OutboundMessage message)
    {
        var delivered = Fan(_hub.UserConnections(userId), message, exceptConnectionId: null);
        _metrics?.AddMessagesSent(delivered);
        return delivered;
    }

    public int Broadcast(string room, OutboundMessage message, string? exceptConnectionId)
    {
        var delivered = Fan(_hub.RoomConnections(room), message, exceptConnectionId);
        _metrics?.AddMessagesSent(delivered);
        _metrics?.AddBroadcastDeliveries(delivered);
        return delivered;
    }

    public bool CloseConnection(string connectionId, int code, string reason)
    {
        if (!_hub.TryGetConnection(connectionId, out var connection))
        {
            return false;
        }

        try
        {
            connection.Close(code, reason);
        }
        catch (Exception ex)
        {
            // Close is idempotent and must not throw; a faulty one must not abort the caller's command list.
            Log.CloseFailed(_logger, connectionId, ex);
        }

        return true;
    }

    private int Fan(IClientConnection[] members, OutboundMessage message, string? exceptConnectionId)
    {
        // The excluded member is found once and then compared by reference: reading every member's Id (an interface
        // call and a string comparison per member) showed in the broadcast profile. Should the lookup miss (the
        // connection is leaving), the ids are compared after all.
        IClientConnection? except = null;
        if (exceptConnectionId is not null && _hub.TryGetConnection(exceptConnectionId, out var found))
        {
            except = found;
        }

        if (members.Length >= DeferredDrainThreshold)
        {
            return FanDeferred(members, message, except, exceptConnectionId);
        }

        var delivered = 0;
        foreach (var member in members)
        {
            if (!IsExcluded(member, except, exceptConnectionId) && Deliver(member, message))
            {
                delivered++;
            }
        }

        return delivered;
    }

    /// <summary>Queues to every member first, then hands the owed socket writes to <see cref="DrainBatch"/>.</summary>
    private int FanDeferred(IClientConnection[] members, OutboundMessage message, IClientConnection? except, string? exceptConnectionId)
    {
        var owed = ArrayPool<IClientConnection>.Shared.Rent(members.Length);
        var owedCount = 0;
        var delivered = 0;
        foreach (var member in members)
        {
            if (IsExcluded(member, except, exceptConnectionId))
            {
                continue;
            }

            var outcome = Enqueue(member, message, drainInline: false);
            if (outcome == SendOutcome.QueuedDrainOwed)
            {
                owed[owedCount++] = member;
            }

            if (outcome != SendOutcome.Refused)
            {
                delivered++;
            }
        }

        // Every frame queued, not only the drains started here: under a backlog most members already have a drain
        // running, and that is when the count matters most.
        _fanOuts?.Add(delivered);
        DrainBatch.Schedule(owed, owedCount);
        return delivered;
    }

    private static bool IsExcluded(IClientConnection member, IClientConnection? except, string? exceptConnectionId) =>
        except is not null ? ReferenceEquals(member, except) : exceptConnectionId is not null && member.Id == exceptConnectionId;

    private bool Deliver(IClientConnection connection, OutboundMessage message) =>
        Enqueue(connection, message, drainInline: true) != SendOutcome.Refused;

    /// <summary>
    /// Queues one frame, and with <paramref name="drainInline"/> runs an owed drain on this thread at once (what
    /// <see cref="IClientConnection.TrySend"/> does). Neither may throw by contract; if one does, the other members of a
    /// fan-out still get their frame. A refused frame is counted.
    /// </summary>
    private SendOutcome Enqueue(IClientConnection connection, OutboundMessage message, bool drainInline)
    {
        SendOutcome outcome;
        try
        {
            outcome = connection.Enqueue(message);
            if (drainInline && outcome == SendOutcome.QueuedDrainOwed)
            {
                connection.Drain();
                outcome = SendOutcome.Queued;
            }
        }
        catch (Exception ex)
        {
            Log.SendFailed(_logger, connection.Id, ex);
            outcome = SendOutcome.Refused;
        }

        if (outcome == SendOutcome.Refused)
        {
            _metrics?.AddMessagesNotQueued();
        }

        return outcome;
    }
}
