using System.Buffers;
using System.Net.WebSockets;
using Dispatch.Pipeline.Sessions;

namespace Dispatch.Service.Connections;

internal sealed partial class WebSocketConnection
{
    private const int ReceiveChunkBytes = 4096;

    /// <summary>
    /// Runs the connection until its socket is done: the receive loop here, sends as they are queued. Returns the
    /// close that ended it, for the worker's <c>close</c> event: the server's own close when it started one, else the
    /// client's close frame, else 1006.
    /// </summary>
    /// <remarks>
    /// One async method for the whole life, and receives without a token: an idle connection then holds this one
    /// state machine and no cancellation registrations (a cancelable receive registers with the token twice, in
    /// <c>ManagedWebSocket</c> and in Kestrel's read, and the token keeps those nodes). A close that runs out of time
    /// aborts the socket instead (see <see cref="CloseCore"/>), which ends a pending receive just the same.
    /// </remarks>
    public async Task<CloseInfo> RunAsync(IConnectionSession session)
    {
        CloseInfo? clientClose = null;
        try
        {
            while (true)
            {
                // A zero-byte read waits for the next frame without holding a buffer, so an idle connection costs
                // no receive memory.
                var peek = await _socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None).ConfigureAwait(false);
                if (peek.MessageType == WebSocketMessageType.Close)
                {
                    clientClose = ClientClosed();
                    break;
                }

                var message = await ReadMessageAsync().ConfigureAwait(false);
                if (message.Close is { } close)
                {
                    clientClose = close;
                    break;
                }

                if (ToInbound(message) is { } inbound)
                {
                    await session.EnqueueMessageAsync(inbound, _abort.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The close timeout aborted the socket.
        }
        catch (WebSocketException ex)
        {
            ReceiveFailed(ex);
        }
        catch (IOException ex)
        {
            ConnectionLog.ReceiveIoFailed(_logger, Id, ex.Message);
        }

        // When the client spoke first, this echoes its close so the handshake completes; when the socket dropped, it
        // stops sending. Either way the send side is done within the close timeout.
        CloseCore(clientClose ?? CloseInfo.Abnormal, discardQueued: clientClose is null);
        await SendDone.ConfigureAwait(false);
        DisarmCloseTimeout();
        return _closedByClient && clientClose is not null ? clientClose : Volatile.Read(ref _serverClose)!;
    }

    private bool _closedByClient;

    /// <summary>The event for a whole received message, or null when it is not one of a live connection.</summary>
    private InboundMessage? ToInbound(ReceivedMessage message)
    {
        if (message.Payload is not { } received)
        {
            return null;
        }

        MessagesIn++;
        _settings.Metrics?.MessageReceived(received.Length, message.IsBinary);
        if (IsClosing)
        {
            // The server is closing this connection (message too big, a worker's close, shutdown): what the client
            // still sends is not an event of a live connection. Keep reading until it answers the close.
            return null;
        }

        _idleTimer?.Change(_settings.IdleTimeout, Timeout.InfiniteTimeSpan);
        var inbound = new InboundMessage(received, message.IsBinary);
        if (_rateLimit is not null && !_rateLimit.TryTake())
        {
            ConnectionLog.RateLimited(_logger, Id);
            inbound = inbound with { Rejection = _rateLimitRejection };
        }

        return inbound;
    }

    private void ReceiveFailed(WebSocketException ex)
    {
        // Kestrel closes invalid UTF-8 text with 1007 itself and reports it here.
        if (_socket.CloseStatus is { } status && status != WebSocketCloseStatus.Empty)
        {
            CloseCore(new CloseInfo((int)status, _socket.CloseStatusDescription ?? ""), discardQueued: true);
            return;
        }

        ConnectionLog.ReceiveFailed(_logger, Id, ex.WebSocketErrorCode);
    }

    private CloseInfo ClientClosed()
    {
        _closedByClient = !IsClosing;
        var code = _socket.CloseStatus is { } status ? (int)status : 1005;
        return new CloseInfo(code, _socket.CloseStatusDescription ?? "");
    }

    /// <summary>Reads one whole message. A ValueTask: after the zero-byte read the message is usually there already,
    /// and a synchronous completion then allocates no task.</summary>
    private async ValueTask<ReceivedMessage> ReadMessageAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveChunkBytes);
        var length = 0;
        var tooBig = false;
        try
        {
            while (true)
            {
                if (length == buffer.Length && !tooBig)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _maxMessageBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var target = tooBig ? buffer.AsMemory() : buffer.AsMemory(length);
                var result = await _socket.ReceiveAsync(target, CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return new ReceivedMessage(null, false, ClientClosed());
                }

                if (!tooBig)
                {
                    length += result.Count;
                    if (length > _maxMessageBytes)
                    {
                        tooBig = true;
                        ConnectionLog.MessageTooBig(_logger, Id, _maxMessageBytes);
                        CloseCore(new CloseInfo(1009, "message too big"), discardQueued: false);
                    }
                }

                if (result.EndOfMessage)
                {
                    return tooBig
                        ? new ReceivedMessage(null, false, null)
                        : new ReceivedMessage(buffer.AsSpan(0, length).ToArray(), result.MessageType == WebSocketMessageType.Binary, null);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private readonly record struct ReceivedMessage(byte[]? Payload, bool IsBinary, CloseInfo? Close);
}
