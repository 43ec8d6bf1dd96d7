using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;

namespace Dispatch.Bench.Baseline;

/// <summary>Room "bench" of the baseline broadcast app.</summary>
public sealed class BaselineRoom
{
    private static readonly ReadOnlyMemory<byte> Ack = Encoding.UTF8.GetBytes("{\"type\":\"ack\"}");

    private readonly ConcurrentDictionary<BaselineConnection, byte> _members = new();

    public async Task ServeAsync(WebSocket socket, bool isSubscriber, CancellationToken cancellationToken)
    {
        var connection = new BaselineConnection(socket);
        var writer = connection.WriteLoopAsync(cancellationToken);
        if (isSubscriber)
        {
            _members.TryAdd(connection, 0);
        }

        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                // Bench messages are single small frames; a copy is shared by every member, as Dispatch shares one
                // OutboundMessage across a broadcast.
                var message = buffer.AsMemory(0, received.Count).ToArray();
                foreach (var member in _members.Keys)
                {
                    if (!ReferenceEquals(member, connection))
                    {
                        member.TrySend(message);
                    }
                }

                connection.TrySend(Ack);
            }
        }
        catch (WebSocketException)
        {
            // The client went away.
        }
        catch (OperationCanceledException)
        {
            // Shutdown or abort.
        }
        finally
        {
            _members.TryRemove(connection, out _);
            connection.Complete();
        }

        await writer;
        if (socket.State is WebSocketState.CloseReceived)
        {
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // The client went away.
            }
        }
    }
}
