using System.Net.WebSockets;
using Dispatch.Bench.Client;

namespace Dispatch.Bench.Scenarios;

/// <summary>Opening many websockets with bounded concurrency, and closing them all.</summary>
public static class Connections
{
    /// <summary>Opens <paramref name="count"/> sockets, at most <paramref name="concurrency"/> at a time. Failed opens
    /// are counted in <paramref name="onFailure"/> and leave a null slot.</summary>
    public static async Task<ClientWebSocket?[]> OpenAsync(
        WebSocketClientFactory factory,
        int count,
        int concurrency,
        Func<int, string?> query,
        TimeSpan timeout,
        Action onOpened,
        Action<Exception> onFailure,
        CancellationToken cancellationToken)
    {
        var sockets = new ClientWebSocket?[count];
        var next = -1;
        var loops = Enumerable.Range(0, Math.Clamp(concurrency, 1, Math.Max(1, count))).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count && !cancellationToken.IsCancellationRequested)
            {
                try
                {
                    sockets[index] = await factory.ConnectAsync(query(index), timeout, cancellationToken).ConfigureAwait(false);
                    onOpened();
                }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException or IOException)
                {
                    onFailure(e);
                }
            }
        });
        await Task.WhenAll(loops).ConfigureAwait(false);
        return sockets;
    }

    /// <summary>Closes every socket (close handshake bounded by <paramref name="timeout"/>, then abort), at most
    /// <paramref name="concurrency"/> at a time.</summary>
    public static async Task CloseAllAsync(IReadOnlyList<ClientWebSocket?> sockets, int concurrency, TimeSpan timeout)
    {
        var next = -1;
        var loops = Enumerable.Range(0, Math.Clamp(concurrency, 1, Math.Max(1, sockets.Count))).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < sockets.Count)
            {
                if (sockets[index] is { } socket)
                {
                    await CloseAsync(socket, timeout).ConfigureAwait(false);
                }
            }
        });
        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    public static async Task CloseAsync(ClientWebSocket socket, TimeSpan timeout)
    {
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                using var timeoutSource = new CancellationTokenSource(timeout);
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bench done", timeoutSource.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // Already broken: abort below.
        }
        finally
        {
            socket.Abort();
            socket.Dispose();
        }
    }
}
