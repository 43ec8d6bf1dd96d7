using System.Net.WebSockets;
using System.Threading.Channels;

namespace Dispatch.Bench.Baseline;

/// <summary>One baseline socket with a bounded send queue drained by a single writer, like a Dispatch connection.</summary>
public sealed class BaselineConnection
{
    /// <summary>Dispatch's default <c>Dispatch:WebSocket:SendQueueCapacity</c>.</summary>
    private const int SendQueueCapacity = 256;

    private readonly WebSocket _socket;
    private readonly Channel<ReadOnlyMemory<byte>> _queue = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(SendQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public BaselineConnection(WebSocket socket)
    {
        _socket = socket;
    }

    /// <summary>Queues a text frame; false (and the socket is aborted, as Dispatch closes a slow consumer) when full.</summary>
    public bool TrySend(ReadOnlyMemory<byte> message)
    {
        if (_queue.Writer.TryWrite(message))
        {
            return true;
        }

        _socket.Abort();
        return false;
    }

    public void Complete() => _queue.Writer.TryComplete();

    public async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
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
    }
}
