namespace Dispatch.Commands.Hub;

/// <summary>
/// Delivers frames to connections, users and rooms. The in-memory implementation routes to the local hub; a
/// backplane implementation (RabbitMQ, later) also forwards to other nodes. Never blocks on a slow socket.
/// </summary>
public interface IMessageRouter
{
    /// <summary>Returns false when the target is not known (ignored and counted by the caller).</summary>
    bool SendToConnection(string connectionId, OutboundMessage message);

    /// <summary>Returns the number of local connections the frame was queued to.</summary>
    int SendToUser(string userId, OutboundMessage message);

    /// <summary>Returns the number of local connections the frame was queued to.</summary>
    int Broadcast(string room, OutboundMessage message, string? exceptConnectionId);

    /// <summary>Closes another connection. Returns false when the target is not known.</summary>
    bool CloseConnection(string connectionId, int code, string reason);
}
