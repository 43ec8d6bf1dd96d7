using System.Net.WebSockets;
using System.Text;

namespace Dispatch.Tests.EndToEnd;

/// <summary>A real <see cref="ClientWebSocket"/> with receive-with-timeout helpers. Timeouts fail the test; they never
/// synchronise it.</summary>
public sealed class WsClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private readonly ClientWebSocket _socket;

    private WsClient(ClientWebSocket socket) => _socket = socket;

    public WebSocket Socket => _socket;

    public static async Task<WsClient> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure?.Invoke(socket.Options);
        using var cts = new CancellationTokenSource(DefaultTimeout);
        await socket.ConnectAsync(uri, cts.Token).ConfigureAwait(false);
        return new WsClient(socket);
    }

    /// <summary>Attempts a connection that is expected to be refused; returns the HTTP status the server answered.</summary>
    public static async Task<int> ConnectExpectingStatusAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure?.Invoke(socket.Options);
        using var cts = new CancellationTokenSource(DefaultTimeout);
        try
        {
            await socket.ConnectAsync(uri, cts.Token).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
            return (int)socket.HttpStatusCode;
        }

        throw new InvalidOperationException("The connection was accepted but a refusal was expected.");
    }

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendBinaryAsync(byte[] data) =>
        _socket.SendAsync(data, WebSocketMessageType.Binary, true, CancellationToken.None);

    public async Task<string> ReceiveTextAsync(TimeSpan? timeout = null)
    {
        var (type, data) = await ReceiveAsync(timeout).ConfigureAwait(false);
        Assert.Equal(WebSocketMessageType.Text, type);
        return Encoding.UTF8.GetString(data);
    }

    public async Task<(WebSocketMessageType Type, byte[] Data)> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cts.Token).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketClosedException(_socket.CloseStatus, _socket.CloseStatusDescription);
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, message.ToArray());
            }
        }
    }

    /// <summary>Reads until the server's close frame arrives; returns its status. Data frames before it are returned too.</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Description, List<string> Before)> ReceiveCloseAsync(TimeSpan? timeout = null)
    {
        var before = new List<string>();
        while (true)
        {
            try
            {
                var (_, data) = await ReceiveAsync(timeout).ConfigureAwait(false);
                before.Add(Encoding.UTF8.GetString(data));
            }
            catch (WebSocketClosedException closed)
            {
                return (closed.Status, closed.Description, before);
            }
        }
    }

    public async Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string reason = "bye")
    {
        using var cts = new CancellationTokenSource(DefaultTimeout);
        await _socket.CloseAsync(status, reason, cts.Token).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
