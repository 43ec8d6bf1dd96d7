using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace Dispatch.Bench.Client;

/// <summary>
/// Opens client websockets to one loopback server. Each connection is bound to one of several loopback source addresses
/// (127.0.0.1, 127.0.0.2, ...) in turn, so that more connections than one address has ephemeral ports (about 28,000 by
/// default) can be opened. The local port is chosen at connect time (IP_BIND_ADDRESS_NO_PORT), not at bind time.
/// </summary>
public sealed class WebSocketClientFactory : IDisposable
{
    /// <summary>Above this many connections, more source addresses are used.</summary>
    public const int ConnectionsPerSourceAddress = 20_000;

    // Linux <netinet/in.h>: SOL_IP and IP_BIND_ADDRESS_NO_PORT.
    private const int SolIp = 0;
    private const int IpBindAddressNoPort = 24;

    private readonly HttpMessageInvoker[] _invokers;
    private long _next;

    public WebSocketClientFactory(Uri server, int sourceAddresses)
    {
        ArgumentNullException.ThrowIfNull(server);
        Server = server;
        SourceAddresses = Math.Clamp(sourceAddresses, 1, 250);
        _invokers = new HttpMessageInvoker[SourceAddresses];
        for (var index = 0; index < SourceAddresses; index++)
        {
            var source = new IPAddress([127, 0, 0, (byte)(index + 1)]);
            _invokers[index] = new HttpMessageInvoker(CreateHandler(source, bindSource: SourceAddresses > 1));
        }
    }

    public Uri Server { get; }

    public int SourceAddresses { get; }

    /// <summary>How many source addresses <paramref name="connections"/> simultaneous connections need.</summary>
    public static int SourceAddressesFor(int connections) =>
        Math.Max(1, (connections + ConnectionsPerSourceAddress - 1) / ConnectionsPerSourceAddress);

    /// <summary>Connects one websocket to <see cref="Server"/> (plus <paramref name="query"/>) within <paramref name="timeout"/>.
    /// Throws on failure; the caller counts it.</summary>
    public async Task<ClientWebSocket> ConnectAsync(string? query, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var uri = string.IsNullOrEmpty(query) ? Server : new UriBuilder(Server) { Query = query }.Uri;
        var socket = new ClientWebSocket();
        // The server pings; the client answers while a receive is pending. No client-side keep-alive traffic.
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        var invoker = _invokers[(int)(Interlocked.Increment(ref _next) % _invokers.Length)];
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(uri, invoker, timeoutSource.Token).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var invoker in _invokers)
        {
            invoker.Dispose();
        }
    }

    private static SocketsHttpHandler CreateHandler(IPAddress source, bool bindSource) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host.Trim('[', ']');
            EndPoint remote = IPAddress.TryParse(host, out var address)
                ? new IPEndPoint(address, context.DnsEndPoint.Port)
                : context.DnsEndPoint;
            var family = address?.AddressFamily ?? AddressFamily.InterNetwork;
            var socket = new Socket(family, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                if (bindSource && family == AddressFamily.InterNetwork)
                {
                    socket.SetRawSocketOption(SolIp, IpBindAddressNoPort, BitConverter.GetBytes(1));
                    socket.Bind(new IPEndPoint(source, 0));
                }

                await socket.ConnectAsync(remote, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
