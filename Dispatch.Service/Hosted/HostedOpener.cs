using Dispatch.Pipeline.Hosted;
using Dispatch.Pipeline.Sessions;
using Dispatch.Service.Gateway;

namespace Dispatch.Service.Hosted;

/// <summary>
/// Connection-hosted mode (CONTRACT 5): the upgrade takes a worker of its own (waiting up to
/// <c>Dispatch:WebSocket:HostedQueueTimeout</c>, then 503) and that worker decides the <c>open</c>. The accepted
/// session then runs on the shared websocket path of <see cref="WebSocketGatewayMiddleware"/>.
/// </summary>
internal sealed class HostedOpener(IHostedConnections hosted) : IConnectionOpener
{
    public Task<OpenResult> OpenAsync(ConnectionDescriptor connection, CancellationToken cancellationToken) =>
        hosted.OpenAsync(connection, cancellationToken);
}
