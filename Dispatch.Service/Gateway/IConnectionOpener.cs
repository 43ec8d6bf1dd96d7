using Dispatch.Pipeline.Sessions;

namespace Dispatch.Service.Gateway;

/// <summary>
/// How the endpoint gets a worker's decision on an upgrade, by mode: the dispatch pipeline
/// (<see cref="PipelineOpener"/>) or a worker of the websocket's own (<c>Hosted.HostedOpener</c>). Everything else
/// about a websocket (checks, handshake, hub, send queue, limits, close) is the same in both modes.
/// </summary>
internal interface IConnectionOpener
{
    Task<OpenResult> OpenAsync(ConnectionDescriptor connection, CancellationToken cancellationToken);
}
