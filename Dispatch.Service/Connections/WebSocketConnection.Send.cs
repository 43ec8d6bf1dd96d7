using System.Net.WebSockets;

namespace Dispatch.Service.Connections;

internal sealed partial class WebSocketConnection
{
    private readonly TaskCompletionSource _sendDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Starts draining the send queue on the caller's thread unless a drain already runs. Kestrel's websocket send
    /// usually completes synchronously (it only copies into the connection's output pipe), so a small fan-out hands each
    /// member its frame without a thread-pool hop per member; a drain that meets a full pipe continues asynchronously
    /// and the producer returns at once.
    /// </summary>
    private void KickDrain()
    {
        if (_sendQueue.TryClaimDrain())
        {
            Drain();
        }
    }

    /// <summary>Completes when the close frame was sent or the socket was aborted.</summary>
    private Task SendDone => _sendDone.Task;

    private async Task DrainAsync()
    {
        var queue = _sendQueue;
        try
        {
            while (true)
            {
                var read = queue.TryRead(out var message);
                if (read == SendQueueRead.Empty)
                {
                    return;
                }

                if (read == SendQueueRead.Completed)
                {
                    // Closing and everything queued is out: the close frame is the last thing sent.
                    await SendCloseFrameAsync(_abort.Token).ConfigureAwait(false);
                    _sendDone.TrySetResult();
                    return;
                }

                if (Volatile.Read(ref _discardQueued))
                {
                    continue;
                }

                var type = message.IsBinary ? WebSocketMessageType.Binary : WebSocketMessageType.Text;
                // No token: a cancelable one sends ManagedWebSocket down its slow path (an async state machine and a
                // token registration per frame). A send stuck on a client that stopped reading still ends at the
                // close timeout, which aborts the websocket (the slow-consumer tests show it).
                var pending = _socket.SendAsync(message.Payload, type, endOfMessage: true, CancellationToken.None);
                if (pending.IsCompletedSuccessfully)
                {
                    pending.GetAwaiter().GetResult();
                }
                else
                {
                    await pending.ConfigureAwait(false);
                }

                MessagesOut++;
                _settings.Metrics?.MessageSent(message.Payload.Length, message.IsBinary);
            }
        }
        catch (OperationCanceledException)
        {
            SendFailed();
        }
        catch (ObjectDisposedException)
        {
            SendFailed();
        }
        catch (WebSocketException ex)
        {
            ConnectionLog.SendFailed(_logger, Id, ex.WebSocketErrorCode);
            SendFailed();
        }
        catch (IOException ex)
        {
            ConnectionLog.SendIoFailed(_logger, Id, ex.Message);
            SendFailed();
        }
    }

    private async Task SendCloseFrameAsync(CancellationToken token)
    {
        var close = Volatile.Read(ref _serverClose);
        if (close is not null && (_socket.State == WebSocketState.Open || _socket.State == WebSocketState.CloseReceived))
        {
            await _socket.CloseOutputAsync(close.WireStatus, close.Reason, token).ConfigureAwait(false);
        }
    }

    // The socket is unusable (aborted by the client, or the close timeout cancelled a stuck send): the receive loop
    // ends too, and the close reaches the worker from there.
    private void SendFailed()
    {
        _socket.Abort();
        _sendDone.TrySetResult();
    }
}
