using System.Net.WebSockets;

namespace Dispatch.Tests.EndToEnd;

/// <summary>Thrown by <see cref="WsClient.ReceiveAsync"/> when the server's close frame arrives instead of data.</summary>
public sealed class WebSocketClosedException(WebSocketCloseStatus? status, string? description)
    : Exception($"The server closed the websocket: {status} {description}")
{
    public WebSocketCloseStatus? Status { get; } = status;

    public string? Description { get; } = description;
}
